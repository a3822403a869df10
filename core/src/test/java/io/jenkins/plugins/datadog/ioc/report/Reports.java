package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import java.time.Duration;
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
}
