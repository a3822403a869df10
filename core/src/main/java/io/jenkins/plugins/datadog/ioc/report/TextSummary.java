package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;

/** The report as a few plain lines for a build log or terminal. */
public final class TextSummary {
    private TextSummary() {}

    public static String render(GateReport report) {
        StringBuilder out = new StringBuilder();
        for (IndicatorReport result : report.results()) {
            out.append(line(result)).append(System.lineSeparator());
        }
        out.append(overall(report)).append(System.lineSeparator());
        return out.toString();
    }

    /** One result on one line: {@code FAILURE  203.0.113.66  score 85: threat score 85 is ...}. */
    public static String line(IndicatorReport result) {
        return String.format("%-8s %s  %s: %s", result.verdict(), safe(result.indicator()), outcome(result.lookup()),
                safe(result.reason()));
    }

    public static String overall(GateReport report) {
        Double worst = report.worstScore();
        return "Datadog IoC lookup: " + report.verdict() + " (" + report.results().size() + " indicator"
                + (report.results().size() == 1 ? "" : "s") + ": " + report.count(LookupStatus.FOUND) + " found, "
                + report.count(LookupStatus.NOT_FOUND) + " not found, " + report.count(LookupStatus.ERROR) + " errors"
                + (worst == null ? "" : "; worst score " + GatePolicy.formatScore(worst))
                + (report.cachedCount() == 0 ? "" : "; " + report.cachedCount() + " from cache")
                + (report.skipped() == 0 ? "" : "; " + report.skipped() + " skipped as private or local")
                + ')';
    }

    private static String outcome(LookupResult lookup) {
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
