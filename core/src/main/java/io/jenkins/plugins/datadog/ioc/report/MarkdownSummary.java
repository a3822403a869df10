package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.util.List;

/** The report as Markdown, for CI job summaries (GitHub's {@code $GITHUB_STEP_SUMMARY}, GitLab). */
public final class MarkdownSummary {
    private static final String NL = "\n";

    private MarkdownSummary() {}

    public static String render(GateReport report) {
        // The location column only when there is something to show in it, so that reports of plain lists
        // stay as narrow as they were.
        boolean located = report.results().stream().anyMatch(r -> r.location() != null);
        boolean explained = report.results().stream().anyMatch(r -> ReportText.explanation(r) != null);
        StringBuilder out = new StringBuilder();
        out.append("## Datadog IoC lookup: ").append(report.verdict()).append(NL).append(NL);
        out.append(escape(TextSummary.overall(report))).append(NL).append(NL);
        for (Notice notice : report.notices()) {
            out.append("> **").append(notice.kind().label()).append(":** ").append(escape(notice.text())).append(NL).append(NL);
        }
        out.append("| Verdict | Indicator | Status | Score | Type | Reason |").append(located ? " Location |" : "")
                .append(explained ? " Why this score |" : "").append(NL);
        out.append("|---|---|---|---:|---|---|").append(located ? "---|" : "").append(explained ? "---|" : "").append(NL);
        for (IndicatorReport result : report.worstFirst()) {
            LookupResult lookup = result.lookup();
            String note = ReportText.note(result);
            out.append("| ").append(result.verdict()).append(result.suppressed() ? " (suppressed)" : "")
                    .append(" | ").append(code(result.indicator()))
                    .append(" | ").append(lookup.status())
                    .append(" | ").append(lookup.score() == null ? "" : GatePolicy.formatScore(lookup.score()))
                    .append(" | ").append(lookup.details() == null ? "" : code(lookup.details().indicatorType()))
                    .append(" | ").append(escape(result.reason())).append(note == null ? "" : "; " + escape(note));
            if (located) {
                out.append(" | ").append(result.location() == null ? ""
                        : code(result.location().toString()) + escape(ReportText.occurrences(result.location())
                                + ReportText.written(result.location())));
            }
            if (explained) {
                out.append(" | ").append(escape(ReportText.explanation(result)));
            }
            out.append(" |").append(NL);
        }
        SuppressionSummary suppressions = report.suppressions();
        String effect = ReportText.expiredEffect(suppressions.onExpired());
        entries(out, "Expired suppressions", "They no longer apply: renew or remove them"
                + (effect.isEmpty() ? "" : "; " + effect) + '.', "Expired on", suppressions.expired());
        entries(out, "Unused suppressions", "They matched no indicator in this run, so may be stale.", "Expires",
                suppressions.unused());
        return out.toString();
    }

    /** A section with a table of suppression entries, when there are any. */
    private static void entries(StringBuilder out, String heading, String text, String dateColumn, List<Suppression> entries) {
        if (entries.isEmpty()) {
            return;
        }
        out.append(NL).append("### ").append(heading).append(NL).append(NL).append(escape(text)).append(NL).append(NL);
        out.append("| Indicator | Source | ").append(dateColumn).append(" | Reason |").append(NL);
        out.append("|---|---|---|---|").append(NL);
        for (Suppression entry : entries) {
            out.append("| ").append(code(entry.pattern().toString()))
                    .append(" | ").append(escape(entry.source()))
                    .append(" | ").append(entry.expires() == null ? "" : entry.expires().toString())
                    .append(" | ").append(escape(entry.reason()))
                    .append(" |").append(NL);
        }
    }

    /**
     * Shows a value from the API literally as a code span inside a table cell: no markup, no HTML and,
     * unlike escaped text, no automatic links to what may be a malicious URL.
     */
    static String code(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String value = text.replaceAll("\\p{Cc}", " ").replace("|", "\\|");
        int longestRun = 0;
        for (int i = 0, run = 0; i < value.length(); i++) {
            run = value.charAt(i) == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String fence = "`".repeat(longestRun + 1);
        String pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
        return fence + pad + value + pad + fence;
    }

    /**
     * Shows text literally inside a table cell: no markup, no HTML, no line breaks, and colons and dots
     * escaped so that no URL or {@code www.} name in it turns into a link.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', ':', '.' -> out.append('\\').append(c);
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
