package io.jenkins.plugins.datadog.ioc.trend;

import static io.jenkins.plugins.datadog.ioc.trend.Builds.gap;
import static io.jenkins.plugins.datadog.ioc.trend.Builds.lookup;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latest verdict and the table that is the chart's text alternative. */
class TrendViewTest {
    private static final List<TrendBuild> BUILDS = List.of(
            gap(12),
            new TrendBuild(11, "release 1.4", "job/app/11/datadog-ioc/", Verdict.FAILURE, 3, 1, 40, 2, 1, 87.5),
            lookup(10, Verdict.PASS, 0, 0, 1, null));

    @Test
    void theLatestLookupSkipsBuildsWithout() {
        TrendView view = new TrendView(TrendSeries.of(BUILDS, 30), "/jenkins/");
        assertThat(view.isEmpty()).isFalse();
        TrendRow latest = view.getLatest();
        assertThat(latest.getBuild()).isEqualTo("release 1.4");
        assertThat(latest.getNumber()).isEqualTo(11);
        assertThat(latest.getHref()).isEqualTo("/jenkins/job/app/11/datadog-ioc/");
        assertThat(latest.getVerdict()).isEqualTo("FAILURE");
        assertThat(latest.getIndicators()).isEqualTo(47);
        assertThat(latest.getFailure()).isEqualTo(3);
        assertThat(latest.getUnstable()).isEqualTo(1);
        assertThat(latest.getPass()).isEqualTo(40);
        assertThat(latest.getNotFound()).isEqualTo(2);
        assertThat(latest.getError()).isEqualTo(1);
        assertThat(latest.getWorstScore()).isEqualTo("87.5");
    }

    @Test
    void theTextAlternativeHasEveryBuildNewestFirstGapsIncluded() {
        TrendView view = new TrendView(TrendSeries.of(BUILDS, 30), "/");
        List<TrendRow> rows = view.getRows();
        assertThat(rows).extracting(TrendRow::getBuild).containsExactly("#12", "release 1.4", "#10");
        assertThat(rows).extracting(TrendRow::getHref)
                .containsExactly("/job/app/12/", "/job/app/11/datadog-ioc/", "/job/app/10/datadog-ioc/");
        TrendRow gap = rows.get(0);
        assertThat(gap.isLookedUp()).isFalse();
        assertThat(gap.getVerdict()).isEmpty();
        assertThat(gap.getWorstScore()).isEmpty();
        assertThat(gap.getSentence()).isEqualTo("#12: no Datadog IoC lookup.");
        assertThat(rows.get(2).getWorstScore()).as("no score").isEmpty();
        assertThat(rows.get(2).getSentence()).isEqualTo("#10: PASS. 1 indicator: 0 failure, 0 unstable, 1 pass, 0 not found, 0 errors.");
        assertThat(view.getDescription()).startsWith("Builds #10 to #12 (3 builds, 1 without a lookup)")
                .endsWith("Latest: release 1.4: FAILURE. 47 indicators: 3 failure, 1 unstable, 40 pass, 2 not found, 1 error. Worst threat score: 87.5.");
        assertThat(view.getSvg()).contains("<desc id=\"ioc-trend-desc\">" + view.getDescription() + "</desc>");
    }

    @Test
    void howManyBuildsAndWhichOthersToOffer() {
        TrendView view = new TrendView(TrendSeries.of(BUILDS, TrendSeries.buildsToShow(null)), "/");
        assertThat(view.getRequested()).isEqualTo(30);
        assertThat(view.getShown()).isEqualTo(3);
        assertThat(view.getChoices()).containsExactly(100, 200);
        assertThat(new TrendView(TrendSeries.of(BUILDS, 50), "/").getChoices()).containsExactly(30, 100, 200);
    }

    @Test
    void withoutLookupsThereIsNoLatest() {
        TrendView view = new TrendView(TrendSeries.of(List.of(gap(2), gap(1)), 30), "/");
        assertThat(view.isEmpty()).isTrue();
        assertThat(view.getLatest()).isNull();
        assertThat(view.getRows()).hasSize(2);
        assertThat(view.getDescription()).isEqualTo("No Datadog IoC lookup in the last 2 builds.");
    }
}
