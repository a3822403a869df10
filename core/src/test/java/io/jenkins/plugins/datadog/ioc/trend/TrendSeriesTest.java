package io.jenkins.plugins.datadog.ioc.trend;

import static io.jenkins.plugins.datadog.ioc.trend.Builds.gap;
import static io.jenkins.plugins.datadog.ioc.trend.Builds.lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendSeriesTest {
    @Test
    void theBuildsParameterIsBounded() {
        assertThat(TrendSeries.buildsToShow(null)).isEqualTo(30);
        assertThat(TrendSeries.buildsToShow("")).isEqualTo(30);
        assertThat(TrendSeries.buildsToShow("many")).isEqualTo(30);
        assertThat(TrendSeries.buildsToShow("1e3")).isEqualTo(30);
        assertThat(TrendSeries.buildsToShow("\u0661\u0662")).as("digits of other scripts").isEqualTo(30);
        assertThat(TrendSeries.buildsToShow(" 50 ")).isEqualTo(50);
        assertThat(TrendSeries.buildsToShow("+7")).isEqualTo(7);
        assertThat(TrendSeries.buildsToShow("007")).isEqualTo(7);
        assertThat(TrendSeries.buildsToShow("0")).isEqualTo(1);
        assertThat(TrendSeries.buildsToShow("-3")).isEqualTo(1);
        assertThat(TrendSeries.buildsToShow("201")).isEqualTo(200);
        assertThat(TrendSeries.buildsToShow("99999999999999999999")).isEqualTo(200);
        assertThat(TrendSeries.buildsToShow("-99999999999999999999")).isEqualTo(1);
    }

    @Test
    void theNewestBuildsOldestFirstWithTheirGaps() {
        List<TrendBuild> newestFirst = List.of(lookup(9, Verdict.PASS, 0, 0, 3, 10.0), gap(8),
                lookup(6, Verdict.FAILURE, 1, 0, 2, 90.0), gap(5), lookup(4, Verdict.PASS, 0, 0, 1, null));
        TrendSeries series = TrendSeries.of(newestFirst, 4);
        assertThat(series.builds()).extracting(TrendBuild::number).containsExactly(5, 6, 8, 9);
        assertThat(series.requested()).isEqualTo(4);
        assertThat(series.gaps()).isEqualTo(2);
        assertThat(series.mostIndicators()).isEqualTo(3);
        assertThat(series.latest()).map(TrendBuild::number).contains(9);

        // fewer builds than asked for: all of them
        assertThat(TrendSeries.of(newestFirst, 30).builds()).extracting(TrendBuild::number).containsExactly(4, 5, 6, 8, 9);
        // the count is clamped as the parameter is
        assertThat(TrendSeries.of(Builds.many(300), 1000).builds()).hasSize(200);
        assertThat(TrendSeries.of(newestFirst, 0).builds()).extracting(TrendBuild::number).containsExactly(9);
    }

    @Test
    void theLatestLookupIsTheNewestBuildThatHasOne() {
        TrendSeries series = TrendSeries.of(List.of(gap(7), gap(6), lookup(5, Verdict.UNSTABLE, 0, 1, 0, 60.0)), 30);
        assertThat(series.latest()).map(TrendBuild::number).contains(5);
        assertThat(series.hasLookups()).isTrue();
    }

    @Test
    void oneBuildAndNoBuilds() {
        TrendSeries one = TrendSeries.of(List.of(lookup(1, Verdict.PASS, 0, 0, 1, 5.0)), 30);
        assertThat(one.builds()).hasSize(1);
        assertThat(one.latest()).isPresent();

        TrendSeries none = TrendSeries.of(List.of(), 30);
        assertThat(none.builds()).isEmpty();
        assertThat(none.hasLookups()).isFalse();
        assertThat(none.mostIndicators()).isZero();

        TrendSeries gapsOnly = TrendSeries.of(List.of(gap(2), gap(1)), 30);
        assertThat(gapsOnly.hasLookups()).isFalse();
        assertThat(gapsOnly.gaps()).isEqualTo(2);
    }

    @Test
    void buildsMustComeNewestFirst() {
        assertThatThrownBy(() -> TrendSeries.of(List.of(gap(1), gap(2)), 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Builds must come newest first: build 2 follows build 1.");
    }

    @Test
    void aBuildIsCheckedWhenMade() {
        assertThatThrownBy(() -> TrendBuild.missing(3, "#3", "javascript:alert(1)"))
                .hasMessage("The link of build 3 must be relative to the Jenkins root, not 'javascript:alert(1)'.");
        assertThatThrownBy(() -> TrendBuild.missing(3, "#3", "//evil.example/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrendBuild.missing(3, "#3", "/jenkins/job/app/3/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrendBuild.missing(0, "#0", "job/app/0/")).hasMessage("A build number starts at 1, not 0.");
        assertThatThrownBy(() -> lookup(3, Verdict.PASS, -1, 0, 1, null)).hasMessage("Build 3 has a negative count.");
        assertThatThrownBy(() -> new TrendBuild(3, "#3", "job/app/3/", null, 0, 0, 0, 1, 0, null))
                .hasMessage("Build 3 has no lookup, so it has no indicators either.");
        // a score is Datadog's: kept as it came (the chart clamps it), or none when it is no number
        assertThat(lookup(3, Verdict.PASS, 0, 0, 1, 101.0).worstScore()).isEqualTo(101.0);
        assertThat(lookup(3, Verdict.PASS, 0, 0, 1, Double.NaN).worstScore()).isNull();
        // a job named like a scheme still has a relative link
        assertThat(TrendBuild.missing(3, "#3", "job/javascript:x/3/").url()).isEqualTo("job/javascript:x/3/");
    }
}
