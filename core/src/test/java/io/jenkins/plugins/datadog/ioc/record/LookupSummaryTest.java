package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LookupSummaryTest {
    @Test
    void countsByVerdictAndByStatusApart() {
        LookupSummary s = LookupSummary.of(Records.everything(), List.of("datadoghq.eu"), List.of());

        assertThat(s.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(s.indicators()).isEqualTo(7);
        assertThat(s.count(Verdict.FAILURE)).isEqualTo(3);
        assertThat(s.count(Verdict.UNSTABLE)).isEqualTo(1);
        assertThat(s.count(Verdict.PASS)).as("not found and suppressed pass too").isEqualTo(3);
        assertThat(s.count(LookupStatus.FOUND)).isEqualTo(5);
        assertThat(s.count(LookupStatus.NOT_FOUND)).isEqualTo(1);
        assertThat(s.count(LookupStatus.ERROR)).isEqualTo(1);
        assertThat(s.tally()).as("what pages show: an indicator Datadog does not know is no pass")
                .isEqualTo(new GateReport.Tally(2, 1, 2, 1, 1));
        assertThat(s.cached()).isEqualTo(1);
        assertThat(s.skipped()).isEqualTo(2);
        assertThat(s.worstScore()).isEqualTo(95.0);
        assertThat(s.suppressed()).isEqualTo(2);
        assertThat(s.expiredCount()).isEqualTo(1);
        assertThat(s.expiredSuppressions()).containsExactly("198.51.100.9 (suppressions.json entry 2, until 2026-03-31): Pen test of March");
        assertThat(s.suppressionVerdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(s.sites()).containsExactly("datadoghq.eu");
        assertThat(s.duration()).isEqualTo(Duration.ofMillis(1234));
        assertThat(s.steps()).isEqualTo(1);
    }

    @Test
    void stepsAddUp() {
        LookupSummary first = LookupSummary.of(Records.everything(), List.of("datadoghq.eu"), List.of("No threshold set."));
        GateReport clean = new GateReport(List.of(Records.judged(TestData.found("calm.example", 3))), 4, Duration.ofMillis(6),
                new SuppressionSummary(4, List.of(Records.OLD), List.of(), Verdict.PASS));
        LookupSummary second = LookupSummary.of(clean, List.of("datadoghq.eu"), List.of("No threshold set."));

        LookupSummary both = first.plus(second);

        assertThat(both.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(both.indicators()).isEqualTo(8);
        assertThat(both.count(Verdict.PASS)).isEqualTo(4);
        assertThat(both.count(LookupStatus.FOUND)).isEqualTo(6);
        assertThat(both.tally()).isEqualTo(new GateReport.Tally(2, 1, 3, 1, 1));
        assertThat(both.skipped()).isEqualTo(6);
        assertThat(both.worstScore()).isEqualTo(95.0);
        assertThat(both.expiredCount()).as("the same entry expired in both steps").isEqualTo(1);
        assertThat(both.sites()).containsExactly("datadoghq.eu");
        assertThat(both.notices()).containsExactly("No threshold set.", "No threshold set.");
        assertThat(both.duration()).isEqualTo(Duration.ofMillis(1240));
        assertThat(both.steps()).isEqualTo(2);
        assertThat(clean.verdict()).isEqualTo(Verdict.PASS);
        assertThat(second.plus(second).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void listsAreCappedAndCountedWhateverTheirLength() {
        List<String> notices = IntStream.range(0, 25).mapToObj(i -> "notice " + i).toList();
        LookupSummary s = LookupSummary.of(Records.many("x", 3), List.of(LookupSummary.CUSTOM_SITE), notices);

        assertThat(s.notices()).hasSize(LookupSummary.MAX_LISTED).startsWith("notice 0");
        assertThat(s.noticeCount()).isEqualTo(25);
        assertThat(s.listsCut()).isTrue();
        LookupSummary many = s;
        for (int i = 0; i < 20; i++) {
            many = many.plus(s);
        }
        assertThat(many.notices()).hasSize(LookupSummary.MAX_LISTED);
        assertThat(many.noticeCount()).isEqualTo(21 * 25);
        assertThat(many.sites()).containsExactly(LookupSummary.CUSTOM_SITE);
    }

    @Test
    void aSummaryDoesNotGrowWithTheIndicators() {
        LookupSummary small = LookupSummary.of(Records.many("x", 10), List.of("datadoghq.com"), List.of());
        LookupSummary large = LookupSummary.of(Records.many("x", 10_000), List.of("datadoghq.com"), List.of());

        assertThat(large.toString().length()).isLessThan(small.toString().length() + 40);
        assertThat(large.indicators()).isEqualTo(10_000);
    }
}
