package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Two gate runs of one build as one report, as the build's record file keeps them. */
final class ReportMerge {
    private ReportMerge() {}

    /**
     * {@code first}'s results, then {@code second}'s. Expired entries and notices are listed once; an entry
     * is unused only if no result of either run matched it (one step's unused global entry may be another's match).
     */
    static GateReport merge(GateReport first, GateReport second) {
        List<IndicatorReport> results = new ArrayList<>(first.results());
        results.addAll(second.results());
        SuppressionSummary a = first.suppressions();
        SuppressionSummary b = second.suppressions();
        Set<Suppression> expired = new LinkedHashSet<>(a.expired());
        expired.addAll(b.expired());
        Set<Suppression> matched = new LinkedHashSet<>();
        results.stream().map(IndicatorReport::suppression).filter(Objects::nonNull).forEach(m -> matched.add(m.suppression()));
        Set<Suppression> unused = new LinkedHashSet<>(a.unused());
        unused.addAll(b.unused());
        unused.removeAll(matched);
        // What expired entries do to the build is what they did in the runs that had some.
        Verdict onExpired = expired.isEmpty() ? a.onExpired().worst(b.onExpired()) : a.verdict().worst(b.verdict());
        SuppressionSummary suppressions = new SuppressionSummary(Math.max(a.entries(), b.entries()),
                List.copyOf(expired), List.copyOf(unused), onExpired);
        // Each notice once: two steps without a threshold say so once for the build.
        Set<Notice> notices = new LinkedHashSet<>(first.notices());
        notices.addAll(second.notices());
        return new GateReport(results, first.skipped() + second.skipped(), first.duration().plus(second.duration()), suppressions,
                List.copyOf(notices));
    }
}
