package io.jenkins.plugins.datadog.ioc.trend;

import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;

/**
 * One build as text: a row of the table that is the chart's text alternative, and the job page's
 * latest verdict. Bean getters, because Jelly views read them.
 */
public final class TrendRow {
    private final TrendBuild build;
    private final String href;

    TrendRow(TrendBuild build, String base) {
        this.build = build;
        this.href = base + build.url();
    }

    /** {@code #12}, or the name a Pipeline gave the build. */
    public String getBuild() {
        return build.name();
    }

    public int getNumber() {
        return build.number();
    }

    /** The lookup's detail page (the build's page for a gap), from the base the view was made with. */
    public String getHref() {
        return href;
    }

    public boolean isLookedUp() {
        return build.lookedUp();
    }

    /** FAILURE, UNSTABLE or PASS; empty for a build without a lookup. */
    public String getVerdict() {
        return build.lookedUp() ? build.verdict().name() : "";
    }

    public long getIndicators() {
        return build.indicators();
    }

    public long getFailure() {
        return build.failure();
    }

    public long getUnstable() {
        return build.unstable();
    }

    public long getPass() {
        return build.pass();
    }

    public long getNotFound() {
        return build.notFound();
    }

    public long getError() {
        return build.error();
    }

    /** {@code 87}, {@code 72.5}; empty when no indicator had a score. */
    public String getWorstScore() {
        return build.worstScore() == null ? "" : GatePolicy.formatScore(build.worstScore());
    }

    /** The row as one sentence, for a tooltip: {@code #12: FAILURE. 44 indicators: 3 failure, ...}. */
    public String getSentence() {
        if (!build.lookedUp()) {
            return build.name() + ": no Datadog IoC lookup.";
        }
        StringBuilder out = new StringBuilder(build.name()).append(": ").append(getVerdict()).append(". ")
                .append(build.indicators()).append(build.indicators() == 1 ? " indicator: " : " indicators: ")
                .append(build.failure()).append(" failure, ").append(build.unstable()).append(" unstable, ")
                .append(build.pass()).append(" pass, ").append(build.notFound()).append(" not found, ")
                .append(build.error()).append(build.error() == 1 ? " error." : " errors.");
        if (build.worstScore() != null) {
            out.append(" Worst threat score: ").append(getWorstScore()).append('.');
        }
        return out.toString();
    }
}
