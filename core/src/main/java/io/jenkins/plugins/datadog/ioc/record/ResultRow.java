package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One recorded result as a row of the detail page, with its place in the record file ({@link #getIndex()}),
 * which names its own page. Getters, for the views.
 */
public final class ResultRow {
    /** FAILURE, UNSTABLE, PASS; within each, errors, then not found, then the highest score first; then file order. */
    static final Comparator<ResultRow> SEVERITY = Comparator
            .comparing((ResultRow r) -> r.report.verdict()).reversed()
            .thenComparingInt(r -> statusRank(r.report.lookup().status()))
            .thenComparing(r -> r.report.lookup().score(), Comparator.nullsLast(Comparator.<Double>reverseOrder()))
            .thenComparingInt(r -> r.index);

    private final int index;
    private final IndicatorReport report;

    ResultRow(int index, IndicatorReport report) {
        this.index = index;
        this.report = report;
    }

    private static int statusRank(LookupStatus status) {
        return switch (status) {
            case ERROR -> 0;
            case NOT_FOUND -> 1;
            case FOUND -> 2;
        };
    }

    /** Whether any field the text search looks at contains {@code text}; fields are scanned, nothing is kept per row. */
    private boolean mentions(java.util.regex.Pattern text) {
        var details = report.lookup().details();
        for (String field : new String[] {report.indicator(), report.reason(), report.lookup().errorMessage(),
                details == null ? null : details.indicatorType(), report.location() == null ? null : report.location().file(),
                report.suppression() == null ? null : report.suppression().suppression().reason()}) {
            if (field != null && text.matcher(field).find()) {
                return true;
            }
        }
        return details != null && Stream.of(details.categories(), details.tags(), details.maliciousSources(),
                details.suspiciousSources()).flatMap(java.util.List::stream).anyMatch(v -> text.matcher(v).find());
    }

    /** @param text the query's text as {@link ResultQuery#textPattern()} compiles it, {@code null} for none */
    boolean matches(ResultQuery query, java.util.regex.Pattern text) {
        return (query.verdict() == null || query.verdict() == report.verdict())
                && (query.status() == null || query.status() == report.lookup().status())
                && (text == null || mentions(text));
    }

    public int getIndex() {
        return index;
    }

    public IndicatorReport getReport() {
        return report;
    }

    public String getIndicator() {
        return report.indicator();
    }

    public String getVerdict() {
        return report.verdict().name();
    }

    public String getStatus() {
        return report.lookup().status().name();
    }

    public boolean isCached() {
        return report.lookup().cached();
    }

    public Double getScore() {
        return report.lookup().score();
    }

    /** The score as people write it, or an empty string. */
    public String getScoreText() {
        Double score = getScore();
        return score == null ? "" : GatePolicy.formatScore(score);
    }

    public String getIndicatorType() {
        return report.lookup().details() == null ? null : report.lookup().details().indicatorType();
    }

    public String getReason() {
        return report.reason();
    }

    public String getError() {
        return report.lookup().errorMessage();
    }

    public boolean isSuppressed() {
        return report.suppressed();
    }

    /** The policy's verdict when a suppression capped it, else {@code null}. */
    public String getPolicyVerdict() {
        return report.policyVerdict() == report.verdict() ? null : report.policyVerdict().name();
    }

    /** Whether a suppression matched but had expired. */
    public boolean isSuppressionExpired() {
        return report.suppression() != null && report.suppression().expired();
    }

    public String getSuppressionReason() {
        return report.suppression() == null ? null : report.suppression().suppression().reason();
    }

    public String getSuppressionExpires() {
        return report.suppression() == null || report.suppression().suppression().expires() == null ? null
                : report.suppression().suppression().expires().toString();
    }

    /** Where the indicator was first found, {@code config/app.yaml:12:7}, or {@code null}. */
    public String getFoundAt() {
        return report.location() == null ? null : report.location().toString();
    }
}
