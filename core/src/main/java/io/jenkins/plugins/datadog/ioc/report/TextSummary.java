package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.util.ArrayList;
import java.util.List;

/** The report as a few plain lines for a build log or terminal. */
public final class TextSummary {
    private TextSummary() {}

    public static String render(GateReport report) {
        StringBuilder out = new StringBuilder();
        for (IndicatorReport result : report.results()) {
            out.append(line(result)).append(System.lineSeparator());
            String explanation = explanationLine(result);
            if (explanation != null) {
                out.append(explanation).append(System.lineSeparator());
            }
        }
        out.append(overall(report)).append(System.lineSeparator());
        for (String line : noticeLines(report)) {
            out.append(line).append(System.lineSeparator());
        }
        for (String line : suppressionLines(report)) {
            out.append(line).append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * One result on one line: {@code FAILURE  203.0.113.66  score 85: threat score 85 is ...}, then where it
     * was found and what a suppression did to it, if anything.
     */
    public static String line(IndicatorReport result) {
        return String.format("%-8s %s  %s: %s", result.verdict(), safe(result.indicator()), outcome(result.lookup()),
                safe(result.reason())) + details(result);
    }

    /**
     * Why the result's score is what it is, indented under its {@link #line}: {@code          score raised by
     * signals; lowered by sources; triaged as new on 2024-05-20}; {@code null} when Datadog said nothing of it.
     */
    public static String explanationLine(IndicatorReport result) {
        String explanation = ReportText.explanation(result);
        return explanation == null ? null : "         " + safe(explanation);
    }

    /** {@code " (at config/app.yaml:12:7, 3 occurrences); suppressed ... : reason"}, or {@code ""}. */
    static String details(IndicatorReport result) {
        String note = ReportText.note(result);
        return (result.location() == null ? "" : " (at " + safe(ReportText.location(result.location())) + ')')
                + (note == null ? "" : "; " + safe(note));
    }

    /** A line per notice of the run: {@code Stopped: The run stopped early: ...}, {@code Warning: No threshold ...}. */
    public static List<String> noticeLines(GateReport report) {
        return report.notices().stream().map(notice -> safe(notice.line())).toList();
    }

    /**
     * A line per suppression entry that needs attention: expired ones (a warning, or a verdict when they
     * count), then ones that matched nothing.
     */
    public static List<String> suppressionLines(GateReport report) {
        Verdict onExpired = report.suppressions().onExpired();
        String prefix = onExpired == Verdict.PASS ? "WARNING: " : onExpired + ": ";
        String effect = ReportText.expiredEffect(onExpired);
        List<String> lines = new ArrayList<>();
        for (Suppression entry : report.suppressions().expired()) {
            lines.add(prefix + safe(ReportText.expired(entry)) + (effect.isEmpty() ? "" : "; " + effect) + '.');
        }
        for (Suppression entry : report.suppressions().unused()) {
            lines.add("NOTE: " + safe(ReportText.unused(entry)) + '.');
        }
        return lines;
    }

    public static String overall(GateReport report) {
        Double worst = report.worstScore();
        return "Datadog IoC lookup: " + report.verdict() + " (" + report.results().size() + " indicator"
                + (report.results().size() == 1 ? "" : "s") + ": " + report.count(LookupStatus.FOUND) + " found, "
                + report.count(LookupStatus.NOT_FOUND) + " not found, " + report.count(LookupStatus.ERROR)
                + (report.count(LookupStatus.ERROR) == 1 ? " error" : " errors")
                + (worst == null ? "" : "; worst score " + GatePolicy.formatScore(worst))
                + (report.cachedCount() == 0 ? "" : "; " + report.cachedCount() + " from cache")
                + (report.skipped() == 0 ? "" : "; " + report.skipped() + " skipped as private or local")
                + (report.suppressedCount() == 0 ? "" : "; " + report.suppressedCount() + " suppressed")
                + ')';
    }

    /** {@code score 85}, {@code not found}, {@code error}. */
    static String outcome(LookupResult lookup) {
        return switch (lookup.status()) {
            case FOUND -> lookup.score() == null ? "found" : "score " + GatePolicy.formatScore(lookup.score());
            case NOT_FOUND -> "not found";
            case ERROR -> "error";
        };
    }

    /** Control characters in data from the API could rewrite the terminal or forge log lines. */
    public static String safe(String text) {
        // \p{Cc}, not \p{Cntrl}: the C1 controls (such as U+009B, a CSI to 8-bit terminals) count too.
        return text == null ? "" : text.replaceAll("\\p{Cc}", "?");
    }
}
