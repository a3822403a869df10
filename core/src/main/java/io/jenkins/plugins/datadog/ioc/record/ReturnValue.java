package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code iocLookup} step returns to a Pipeline script: only strings, numbers, booleans, lists
 * and maps (which CPS serializes and the sandbox lets scripts read), and small whatever the number of
 * indicators, since a script that keeps it writes it into the build's program state at every later step.
 * Up to {@link #MAX_RESULTS} results, all of them in order; beyond, only those that did not pass, worst
 * first, cut at {@link #MAX_RESULTS}, with {@code truncated} set. The whole report is the record file.
 */
public final class ReturnValue {
    public static final int MAX_RESULTS = 100;

    private ReturnValue() {}

    /**
     * @param detailsUrl the build's detail page
     * @param reportUrl where the whole JSON report can be downloaded
     */
    public static Map<String, Object> of(GateReport report, String detailsUrl, String reportUrl) {
        List<IndicatorReport> all = report.results();
        List<IndicatorReport> kept = all.size() <= MAX_RESULTS ? all
                : report.worstFirst().stream().filter(ReturnValue::notPassed).limit(MAX_RESULTS).toList();
        List<Map<String, Object>> results = new ArrayList<>();
        kept.forEach(r -> results.add(of(r)));
        Map<String, Object> map = new LinkedHashMap<>();
        if (all.size() == 1) {
            map.putAll(results.get(0));
        }
        map.put("verdict", report.verdict().name());
        map.put("worstScore", report.worstScore());
        map.put("indicators", all.size());
        // Five parts, each indicator in one: an indicator Datadog does not know is not a pass.
        GateReport.Tally tally = report.tally();
        map.put("failure", tally.failure());
        map.put("unstable", tally.unstable());
        map.put("pass", tally.pass());
        map.put("notFound", tally.notFound());
        map.put("errors", tally.error());
        map.put("skipped", report.skipped());
        map.put("suppressed", report.suppressedCount());
        map.put("expiredSuppressions", report.suppressions().expired().size());
        map.put("notices", new ArrayList<>(report.notices().stream().map(Notice::text).toList()));
        map.put("url", detailsUrl);
        map.put("reportUrl", reportUrl);
        map.put("results", results);
        map.put("truncated", kept.size() < all.size());
        return map;
    }

    /** Whatever a reader of a large run would look at: not a PASS, or one only by suppression, or no answer. */
    private static boolean notPassed(IndicatorReport r) {
        return r.verdict() != Verdict.PASS || r.policyVerdict() != Verdict.PASS || r.lookup().status() == LookupStatus.ERROR;
    }

    private static Map<String, Object> of(IndicatorReport report) {
        LookupResult lookup = report.lookup();
        IndicatorDetails details = lookup.details();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("indicator", lookup.indicator());
        map.put("status", lookup.status().name());
        map.put("score", lookup.score());
        map.put("verdict", report.verdict().name());
        map.put("reason", report.reason());
        map.put("suppressed", report.suppressed());
        map.put("suppressionReason", report.suppressed() ? report.appliedSuppression().reason() : null);
        map.put("error", lookup.errorMessage());
        map.put("cached", lookup.cached());
        map.put("indicatorType", details == null ? null : details.indicatorType());
        map.put("categories", details == null ? new ArrayList<>() : new ArrayList<>(details.categories()));
        map.put("maliciousSources", details == null ? new ArrayList<>() : new ArrayList<>(details.maliciousSources()));
        map.put("suspiciousSources", details == null ? new ArrayList<>() : new ArrayList<>(details.suspiciousSources()));
        return map;
    }
}
