package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails.SeverityCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flags an indicator Datadog has matched to security signals in the organization's own data, optionally
 * only signals from a minimum severity up. Fails closed: a severity this version does not know, or
 * signals without a breakdown by severity, count as matching, since they cannot be shown to be below it.
 *
 * @param minSeverity the least severity that counts, or {@code null} for any signal
 */
public record SignalRule(Verdict verdict, SignalSeverity minSeverity) implements Rule {

    @Override
    public Optional<Assessment> assess(IndicatorDetails details) {
        long total = details.signalMatches() == null ? 0 : details.signalMatches();
        List<SeverityCount> bySeverity = details.signalSeverity().stream()
                .filter(s -> s.count() != null && s.count() > 0).toList();
        if (bySeverity.isEmpty()) {
            if (total <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Assessment(verdict, signals(total, "") + " in your organization"
                    + (minSeverity == null ? "" : " (severity not given)")));
        }
        List<String> parts = new ArrayList<>();
        long counted = 0;
        for (SeverityCount s : bySeverity) {
            SignalSeverity severity = SignalSeverity.known(s.severity());
            if (minSeverity == null || severity == null || severity.compareTo(minSeverity) >= 0) {
                counted += s.count();
                parts.add(signals(s.count(), (severity == null ? String.valueOf(s.severity()) : severity.label()) + "-severity "));
            }
        }
        if (counted == 0) {
            return Optional.empty();
        }
        return Optional.of(new Assessment(verdict, String.join(" and ", parts) + " in your organization"));
    }

    /** {@code 3 high-severity signals}, {@code 1 signal}. */
    private static String signals(long count, String kind) {
        return count + " " + kind + (count == 1 ? "signal" : "signals");
    }
}
