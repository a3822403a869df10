package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreExplanationTest {
    @Test
    void everyFactorInWordsInAFixedOrder() {
        List<ScoreExplanation.Factor> factors = ScoreExplanation.of(TestData.fullDetails());
        assertThat(factors).extracting(ScoreExplanation.Factor::field)
                .containsExactly("m_sources", "m_persistence", "m_signal", "m_as_type", "max_trust_score");
        assertThat(factors).extracting(ScoreExplanation.Factor::text).containsExactly(
                "threat-intelligence sources: lowers the score",
                "how long it has been seen: no effect",
                "security signals in your organization: raises the score",
                "the kind of network it belongs to: raises the score",
                "the most trusted source's rating: raises the score");
    }

    @Test
    void oneLineGroupsTheFactorsByEffect() {
        assertThat(ScoreExplanation.line(TestData.fullDetails()))
                .isEqualTo("score raised by signals, network type, trust score; lowered by sources; unaffected by persistence");
    }

    @Test
    void anUndocumentedEffectIsShownAsItCameAndMissingFactorsAreLeftOut() {
        IndicatorDetails d = TestData.details("{\"score\":40,\"m_sources\":\"DOUBLE_SCORE\"}");
        assertThat(ScoreExplanation.of(d)).extracting(ScoreExplanation.Factor::text)
                .containsExactly("threat-intelligence sources: effect 'DOUBLE_SCORE'");
        assertThat(ScoreExplanation.line(d)).isEqualTo("score effect 'DOUBLE_SCORE' from sources");
        assertThat(ScoreExplanation.line(TestData.details("{\"score\":40}"))).isNull();
        assertThat(ScoreExplanation.line(null)).isNull();
    }

    @Test
    void theTriageStateAndDayButNotWhoTriaged() {
        IndicatorDetails d = TestData.details("{\"triage_state\":\"false_positive\",\"triaged_at\":\"2024-05-20T23:30:00Z\","
                + "\"triaged_by\":\"alice@example.com\"}");
        assertThat(ScoreExplanation.triage(d)).isEqualTo("triaged as false_positive on 2024-05-20");
        assertThat(ScoreExplanation.triage(TestData.details("{\"triage_state\":\"new\"}"))).isEqualTo("triaged as new");
        assertThat(ScoreExplanation.triage(TestData.details("{\"score\":1}"))).isNull();
    }
}
