package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every indicator of one gate run, in the order they were asked for, and the overall verdict: the
 * worst of theirs.
 *
 * @param skipped indicators extracted from text but left out on purpose (private addresses, local
 *     names), counted so that nothing disappears silently
 * @param suppressions what became of the suppression entries, whose expiry may count too
 */
public record GateReport(List<IndicatorReport> results, int skipped, Duration duration, SuppressionSummary suppressions) {
    public GateReport {
        results = List.copyOf(results);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(suppressions, "suppressions");
    }

    public GateReport(List<IndicatorReport> results, int skipped, Duration duration) {
        this(results, skipped, duration, SuppressionSummary.NONE);
    }

    public Verdict verdict() {
        return results.stream().map(IndicatorReport::verdict).reduce(suppressions.verdict(), Verdict::worst);
    }

    public long suppressedCount() {
        return results.stream().filter(IndicatorReport::suppressed).count();
    }

    /** This report with each indicator's place in the files it was extracted from, where known. */
    public GateReport withLocations(Map<String, Location> locations) {
        List<IndicatorReport> located = results.stream()
                .map(r -> locations.containsKey(r.indicator()) ? r.withLocation(locations.get(r.indicator())) : r)
                .toList();
        return new GateReport(located, skipped, duration, suppressions);
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    public long count(LookupStatus status) {
        return results.stream().filter(r -> r.lookup().status() == status).count();
    }

    public long cachedCount() {
        return results.stream().filter(r -> r.lookup().cached()).count();
    }

    /** The highest threat score among the results, or {@code null} when none has one. */
    public Double worstScore() {
        return results.stream().map(r -> r.lookup().score()).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    /** The results worst first (verdict, then score), for views that list what matters at the top. */
    public List<IndicatorReport> worstFirst() {
        Comparator<IndicatorReport> byVerdict = Comparator.comparing(IndicatorReport::verdict);
        Comparator<IndicatorReport> byScore = Comparator.comparing(r -> r.lookup().score(),
                Comparator.nullsFirst(Comparator.<Double>naturalOrder()));
        return results.stream().sorted(byVerdict.thenComparing(byScore).reversed()).toList();
    }
}
