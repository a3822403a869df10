package io.jenkins.plugins.datadog.ioc.trend;

import java.util.ArrayList;
import java.util.List;

/**
 * What a job page shows of its builds' lookups: the latest verdict, the chart and its text alternative,
 * and links to show more or fewer builds. Bean getters, because Jelly views read them.
 */
public final class TrendView {
    /** The build counts the page offers as links. */
    static final List<Integer> CHOICES = List.of(TrendSeries.DEFAULT_BUILDS, 100, TrendSeries.MAX_BUILDS);

    private final TrendSeries series;
    private final String base;

    /**
     * @param base what the builds' URLs are relative to, as the page links them: Jenkins' context path
     *     and a slash ({@code /jenkins/})
     */
    public TrendView(TrendSeries series, String base) {
        this.series = series;
        this.base = base;
    }

    public boolean isEmpty() {
        return !series.hasLookups();
    }

    /** The newest build with a lookup, {@code null} when none of the builds shown has one. */
    public TrendRow getLatest() {
        return series.latest().map(b -> new TrendRow(b, base)).orElse(null);
    }

    /** The chart, an SVG element to embed as it is: everything in it is escaped. */
    public String getSvg() {
        return TrendChart.svg(series, base);
    }

    /** The chart's text alternative, one sentence. */
    public String getDescription() {
        return TrendChart.description(series);
    }

    /** Every build shown, newest first as in Jenkins' build history. */
    public List<TrendRow> getRows() {
        List<TrendRow> rows = new ArrayList<>();
        List<TrendBuild> builds = series.builds();
        for (int i = builds.size() - 1; i >= 0; i--) {
            rows.add(new TrendRow(builds.get(i), base));
        }
        return rows;
    }

    /** How many builds the page asked for. */
    public int getRequested() {
        return series.requested();
    }

    /** How many builds are shown: fewer than asked for when the job has fewer. */
    public int getShown() {
        return series.builds().size();
    }

    /** The other build counts to offer. */
    public List<Integer> getChoices() {
        return CHOICES.stream().filter(n -> n != series.requested()).toList();
    }
}
