package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.IndicatorPattern;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Reports for the report tests. */
final class Reports {
    static final GatePolicy POLICY = GatePolicy.builder().unstableThreshold(50.0).failThreshold(80.0).build();

    private Reports() {}

    static IndicatorReport judged(LookupResult lookup) {
        return new IndicatorReport(lookup, POLICY.assess(lookup));
    }

    static GateReport report(LookupResult... lookups) {
        return report(0, lookups);
    }

    static GateReport report(int skipped, LookupResult... lookups) {
        List<IndicatorReport> results = Arrays.stream(lookups).map(Reports::judged).toList();
        return new GateReport(results, skipped, Duration.ofMillis(1234));
    }

    /** One FOUND (the full documented body, score 85.5: FAILURE), one NOT_FOUND, one ERROR, one low score. */
    static GateReport mixed() {
        return report(
                LookupResult.found("203.0.113.66", TestData.fullDetails(), 1, Duration.ofMillis(40)),
                TestData.notFound("unknown.example"),
                TestData.error("broken.example", "Datadog rejected the API key (HTTP 401: Unauthorized)."),
                TestData.found("calm.example", 12.5));
    }

    static final LocalDate UNTIL = LocalDate.of(2027, 3, 31);
    static final LocalDate EXPIRED_ON = LocalDate.of(2026, 3, 31);
    static final Suppression SCANNER = entry("203.0.113.7", "Our own scanner", UNTIL, Verdict.PASS, 1);
    static final Suppression OLD = entry("198.51.100.9", "Pen test of March", EXPIRED_ON, Verdict.PASS, 2);
    static final Suppression CAPPED = entry("192.0.2.0/24", "Partner range, still watched", null, Verdict.UNSTABLE, 3);
    static final Suppression UNUSED = entry("*.cdn.example.com", "CDN edge names", null, Verdict.PASS, 4);
    static final Location APP_YAML = new Location("config/app.yaml", 12, 7, 3);
    static final Location HOSTS = new Location("deploy/hosts.txt", 3, 1, 1);

    static Suppression entry(String pattern, String reason, LocalDate expires, Verdict maxVerdict, int number) {
        return new Suppression(IndicatorPattern.parse(pattern), reason, expires, maxVerdict, "suppressions.json entry " + number);
    }

    /** {@code lookup} judged by the policy, then matched by {@code entry}. */
    static IndicatorReport matched(LookupResult lookup, Suppression entry, boolean expired) {
        return new IndicatorReport(lookup, POLICY.assess(lookup), new SuppressionMatch(entry, expired), null);
    }

    static GateReport report(SuppressionSummary suppressions, IndicatorReport... results) {
        return new GateReport(List.of(results), 0, Duration.ofMillis(1234), suppressions);
    }

    static SuppressionSummary summary(Verdict onExpired) {
        return new SuppressionSummary(4, List.of(OLD), List.of(UNUSED), onExpired);
    }

    /**
     * Every case at once: suppressed down to PASS (and found in a file), a plain failure (found in a file),
     * a match of an expired entry, an UNSTABLE one, one capped at UNSTABLE, a clean one; an unused entry.
     */
    static GateReport suppressed(Verdict onExpired) {
        return report(summary(onExpired),
                matched(TestData.found("203.0.113.7", 85), SCANNER, false).withLocation(APP_YAML),
                judged(TestData.found("evil.example", 90)).withLocation(HOSTS),
                matched(TestData.found("198.51.100.9", 85), OLD, true),
                judged(TestData.found("meh.example", 60)),
                matched(TestData.found("192.0.2.1", 95), CAPPED, false),
                judged(TestData.found("calm.example", 10)));
    }
}
