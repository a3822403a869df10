package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import io.jenkins.plugins.datadog.ioc.suppress.IndicatorPattern;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Gate reports for the record tests, judged by a real policy. */
final class Records {
    static final GatePolicy POLICY = GatePolicy.builder().unstableThreshold(50.0).failThreshold(80.0).build();
    static final Suppression SCANNER = entry("203.0.113.7", "Our own scanner", LocalDate.of(2027, 3, 31), Verdict.PASS, 1);
    static final Suppression OLD = entry("198.51.100.9", "Pen test of March", LocalDate.of(2026, 3, 31), Verdict.PASS, 2);
    static final Suppression CAPPED = entry("192.0.2.0/24", "Partner range", null, Verdict.UNSTABLE, 3);
    static final Suppression UNUSED = entry("*.cdn.example.com", "CDN edge names", null, Verdict.PASS, 4);

    private Records() {}

    static Suppression entry(String pattern, String reason, LocalDate expires, Verdict max, int number) {
        return new Suppression(IndicatorPattern.parse(pattern), reason, expires, max, "suppressions.json entry " + number);
    }

    static IndicatorReport judged(LookupResult lookup) {
        return new IndicatorReport(lookup, POLICY.assess(lookup));
    }

    static IndicatorReport matched(LookupResult lookup, Suppression entry, boolean expired) {
        return new IndicatorReport(lookup, POLICY.assess(lookup), new SuppressionMatch(entry, expired), null);
    }

    /**
     * Every kind of result: full details (FAILURE, found in a file), not found (found defanged), an error, a cached low
     * score, suppressed to PASS, capped at UNSTABLE, matched by an expired entry; one unused entry.
     */
    static GateReport everything() {
        List<IndicatorReport> results = List.of(
                judged(LookupResult.found("203.0.113.66", TestData.fullDetails(), 2, Duration.ofMillis(40)))
                        .withLocation(new Location("config/app.yaml", 12, 7, 3)),
                judged(TestData.notFound("unknown.example")).withLocation(new Location("iocs.md", 4, 9, 1, "unknown[.]example")),
                judged(TestData.error("broken.example", "Datadog rejected the API key (HTTP 401: Unauthorized).")),
                judged(TestData.found("calm.example", 12.5).fromCache()),
                matched(TestData.found("203.0.113.7", 85), SCANNER, false),
                matched(TestData.found("192.0.2.1", 95), CAPPED, false),
                matched(TestData.found("198.51.100.9", 85), OLD, true));
        return new GateReport(results, 2, Duration.ofMillis(1234),
                new SuppressionSummary(4, List.of(OLD), List.of(UNUSED), Verdict.UNSTABLE));
    }

    /** {@code count} results with scores spread over 0-99, every seventh not found and every eleventh an error. */
    static GateReport many(String prefix, int count) {
        List<IndicatorReport> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String indicator = prefix + i + ".example";
            LookupResult lookup = i % 7 == 3 ? TestData.notFound(indicator)
                    : i % 11 == 5 ? TestData.error(indicator, "HTTP 503") : TestData.found(indicator, (i * 37) % 100);
            results.add(judged(lookup));
        }
        return new GateReport(results, 0, Duration.ofMillis(count));
    }
}
