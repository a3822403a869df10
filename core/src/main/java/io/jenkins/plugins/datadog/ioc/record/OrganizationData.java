package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.util.List;
import java.util.Map;

/**
 * Leaves out what Datadog knows of the organization itself (its hosts, services, users, critical assets,
 * who triaged), for records that everyone who may read a job would see.
 */
public final class OrganizationData {
    private OrganizationData() {}

    public static GateReport without(GateReport report) {
        List<IndicatorReport> results = report.results().stream().map(OrganizationData::without).toList();
        return new GateReport(results, report.skipped(), report.duration(), report.suppressions());
    }

    private static IndicatorReport without(IndicatorReport r) {
        LookupResult l = r.lookup();
        IndicatorDetails d = l.details();
        if (d == null) {
            return r;
        }
        IndicatorDetails kept = new IndicatorDetails(d.id(), d.indicator(), d.indicatorType(), d.score(), d.firstSeen(),
                d.lastSeen(), d.maliciousSources(), d.suspiciousSources(), d.benignSources(), d.categories(), d.tags(),
                d.logMatches(), d.signalMatches(), d.signalTier(), d.signalSeverity(), d.logSources(), List.of(), List.of(),
                List.of(), Map.of(), d.asNumber(), d.asOrganization(), d.asType(), d.asCidrBlock(), d.asGeo(), d.mAsType(),
                d.mPersistence(), d.mSignal(), d.mSources(), d.maxTrustScore(), d.triageState(), d.triagedAt(), null,
                d.triageHistory().stream().map(t -> new IndicatorDetails.TriageEntry(t.triageState(), t.triagedAt(), null)).toList(),
                d.additionalDataJson());
        LookupResult lookup = new LookupResult(l.indicator(), l.status(), kept, l.errorMessage(), l.attempts(), l.duration(), l.cached());
        return new IndicatorReport(lookup, r.assessment(), r.suppression(), r.location());
    }
}
