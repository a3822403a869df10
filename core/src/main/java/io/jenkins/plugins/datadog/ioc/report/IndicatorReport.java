package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.Assessment;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.util.Objects;

/** One indicator's lookup and what the gate made of it. */
public record IndicatorReport(LookupResult lookup, Assessment assessment) {
    public IndicatorReport {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(assessment, "assessment");
    }

    public String indicator() {
        return lookup.indicator();
    }

    public Verdict verdict() {
        return assessment.verdict();
    }

    public String reason() {
        return assessment.reason();
    }
}
