package io.jenkins.plugins.datadog.ioc.steps;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value {@code iocLookup} returns to a Pipeline script: only strings, numbers, booleans, lists and
 * maps, which CPS can serialize and the sandbox lets scripts read. The overall verdict, every result
 * under {@code results}, and, for a single indicator, its fields at the top level too, so that
 * {@code r.score} works.
 */
final class ResultMaps {
    private ResultMaps() {}

    static Map<String, Object> of(GateReport report, String detailsUrl) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        report.results().forEach(r -> results.add(of(r)));
        if (results.size() == 1) {
            map.putAll(results.get(0));
        }
        map.put("verdict", report.verdict().name());
        map.put("worstScore", report.worstScore());
        map.put("skipped", report.skipped());
        map.put("suppressed", report.suppressedCount());
        map.put("expiredSuppressions", report.suppressions().expired().size());
        map.put("url", detailsUrl);
        map.put("results", results);
        return map;
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
