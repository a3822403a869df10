package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;

/** The report as Markdown, for CI job summaries (GitHub's {@code $GITHUB_STEP_SUMMARY}, GitLab). */
public final class MarkdownSummary {
    private MarkdownSummary() {}

    public static String render(GateReport report) {
        String nl = "\n";
        StringBuilder out = new StringBuilder();
        out.append("## Datadog IoC lookup: ").append(report.verdict()).append(nl).append(nl);
        out.append(escape(TextSummary.overall(report))).append(nl).append(nl);
        out.append("| Verdict | Indicator | Status | Score | Type | Reason |").append(nl);
        out.append("|---|---|---|---:|---|---|").append(nl);
        for (IndicatorReport result : report.worstFirst()) {
            LookupResult lookup = result.lookup();
            out.append("| ").append(result.verdict())
                    .append(" | ").append(code(result.indicator()))
                    .append(" | ").append(lookup.status())
                    .append(" | ").append(lookup.score() == null ? "" : GatePolicy.formatScore(lookup.score()))
                    .append(" | ").append(lookup.details() == null ? "" : code(lookup.details().indicatorType()))
                    .append(" | ").append(escape(result.reason()))
                    .append(" |").append(nl);
        }
        return out.toString();
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
