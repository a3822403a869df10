package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Assessment;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;
import java.util.Objects;

/**
 * One indicator's lookup and what the gate made of it.
 *
 * @param assessment the policy's verdict, before any suppression
 * @param suppression the suppression that matched, or {@code null}
 * @param location where the indicator was found in a file, or {@code null}
 */
public record IndicatorReport(LookupResult lookup, Assessment assessment, SuppressionMatch suppression, Location location) {
    public IndicatorReport {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(assessment, "assessment");
    }

    public IndicatorReport(LookupResult lookup, Assessment assessment) {
        this(lookup, assessment, null, null);
    }

    public String indicator() {
        return lookup.indicator();
    }

    /** The verdict that counts: the policy's, capped by a suppression that applies. */
    public Verdict verdict() {
        return suppressed() ? suppression.suppression().cap(assessment.verdict()) : assessment.verdict();
    }

    /** The policy's verdict, as if nothing were suppressed. */
    public Verdict policyVerdict() {
        return assessment.verdict();
    }

    public String reason() {
        return assessment.reason();
    }

    /** Whether a suppression applies (one that expired does not). */
    public boolean suppressed() {
        return suppression != null && !suppression.expired();
    }

    /** The suppression that applies, or {@code null}. */
    public Suppression appliedSuppression() {
        return suppressed() ? suppression.suppression() : null;
    }

    public IndicatorReport withLocation(Location where) {
        return new IndicatorReport(lookup, assessment, suppression, where);
    }
}
