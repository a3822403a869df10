package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.util.ArrayList;
import java.util.List;

/**
 * A build's records as the detail page uses them: read once, put in severity order once, then filtered
 * and paged per request. Holds what was read, so callers keep it where the garbage collector may clear it.
 *
 * @param leftOut results in the file past the reading limit, not shown
 */
public final class BuildRecords {
    private final GateReport report;
    private final List<ResultRow> byIndex;
    private final List<ResultRow> bySeverity;
    private final int leftOut;
    private final List<String> unusedSuppressions;

    public BuildRecords(GateReport report, int leftOut) {
        this(report, leftOut, report.suppressions().unused().stream().map(LookupSummary::describe).toList());
    }

    /** @param unusedSuppressions the entries that matched nothing, described (old builds kept only that) */
    public BuildRecords(GateReport report, int leftOut, List<String> unusedSuppressions) {
        this.report = report;
        this.leftOut = leftOut;
        this.unusedSuppressions = List.copyOf(unusedSuppressions);
        List<IndicatorReport> results = report.results();
        List<ResultRow> rows = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            rows.add(new ResultRow(i, results.get(i)));
        }
        this.byIndex = List.copyOf(rows);
        rows.sort(ResultRow.SEVERITY);
        this.bySeverity = List.copyOf(rows);
    }

    public static BuildRecords of(ReportReader.Read read) {
        return new BuildRecords(read.report(), read.leftOut());
    }

    /** Everything recorded, as the JSON and SARIF downloads render it. */
    public GateReport report() {
        return report;
    }

    public int size() {
        return byIndex.size();
    }

    public int leftOut() {
        return leftOut;
    }

    /** The results that match {@code query}, worst first, on the page it asks for (the last if past it). */
    public ResultPage page(ResultQuery query) {
        java.util.regex.Pattern text = query.textPattern();
        List<ResultRow> matching = query.filtered() ? bySeverity.stream().filter(r -> r.matches(query, text)).toList() : bySeverity;
        return new ResultPage(query, matching, byIndex.size());
    }

    /** The result at {@code index} in the file, or {@code null} when there is none. */
    public ResultRow row(int index) {
        return index >= 0 && index < byIndex.size() ? byIndex.get(index) : null;
    }

    /** Suppression entries that matched no indicator of the build, described. */
    public List<String> unusedSuppressions() {
        return unusedSuppressions;
    }
}
