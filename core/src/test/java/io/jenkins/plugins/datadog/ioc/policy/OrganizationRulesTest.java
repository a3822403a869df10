package io.jenkins.plugins.datadog.ioc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import org.junit.jupiter.api.Test;

/** The rules on what Datadog saw in the organization's own data: its security signals and critical assets. */
class OrganizationRulesTest {
    private static IndicatorDetails signals(String json) {
        return TestData.details("{\"indicator\":\"203.0.113.7\",\"score\":10," + json + "}");
    }

    @Test
    void anySignalCountsWithoutAMinimumSeverityAndTheReasonSaysWhatMatched() {
        IndicatorDetails d = signals("\"signal_matches\":4,\"signal_severity\":[{\"severity\":\"high\",\"count\":3},"
                + "{\"severity\":\"low\",\"count\":1}]");
        Assessment a = new SignalRule(Verdict.FAILURE, null).assess(d).orElseThrow();
        assertThat(a.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(a.reason()).isEqualTo("3 high-severity signals and 1 low-severity signal in your organization");
    }

    @Test
    void aMinimumSeverityLeavesOutTheSignalsBelowIt() {
        IndicatorDetails d = signals("\"signal_matches\":4,\"signal_severity\":[{\"severity\":\"High\",\"count\":3},"
                + "{\"severity\":\"low\",\"count\":1}]");
        assertThat(new SignalRule(Verdict.UNSTABLE, SignalSeverity.HIGH).assess(d).orElseThrow().reason())
                .isEqualTo("3 high-severity signals in your organization");
        assertThat(new SignalRule(Verdict.UNSTABLE, SignalSeverity.CRITICAL).assess(d)).isEmpty();
    }

    @Test
    void noSignalIsNoMatch() {
        assertThat(new SignalRule(Verdict.FAILURE, null).assess(signals("\"signal_matches\":0"))).isEmpty();
        assertThat(new SignalRule(Verdict.FAILURE, null).assess(signals("\"log_matches\":12"))).isEmpty();
    }

    @Test
    void signalsThatCannotBeShownToBeBelowTheMinimumCount() {
        // No breakdown by severity: the gate fails closed rather than guess.
        assertThat(new SignalRule(Verdict.FAILURE, SignalSeverity.HIGH).assess(signals("\"signal_matches\":2"))
                .orElseThrow().reason()).isEqualTo("2 signals in your organization (severity not given)");
        assertThat(new SignalRule(Verdict.FAILURE, null).assess(signals("\"signal_matches\":1"))
                .orElseThrow().reason()).isEqualTo("1 signal in your organization");
        // A severity this version does not know.
        assertThat(new SignalRule(Verdict.FAILURE, SignalSeverity.HIGH)
                .assess(signals("\"signal_severity\":[{\"severity\":\"severe\",\"count\":2}]")).orElseThrow().reason())
                .isEqualTo("2 severe-severity signals in your organization");
    }

    @Test
    void criticalAssetsAreCountedNeverNamed() {
        IndicatorDetails d = signals("\"critical_assets\":[\"payments-db\",\"ci-runner-7\"]");
        Assessment a = new CriticalAssetRule(Verdict.UNSTABLE).assess(d).orElseThrow();
        assertThat(a.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(a.reason()).isEqualTo("touches 2 critical assets in your organization").doesNotContain("payments-db");
        assertThat(new CriticalAssetRule(Verdict.UNSTABLE).assess(signals("\"critical_assets\":[]"))).isEmpty();
    }

    @Test
    void theWorstRuleWinsOverALowScore() {
        GatePolicy policy = GatePolicy.builder().failThreshold(80.0)
                .rule(new SignalRule(Verdict.UNSTABLE, null)).rule(new CriticalAssetRule(Verdict.FAILURE)).build();
        Assessment a = policy.assess(TestData.found("203.0.113.7", "{\"score\":10,\"signal_matches\":3,"
                + "\"critical_assets\":[\"payments-db\"]}"));
        assertThat(a.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(a.reason()).isEqualTo("touches 1 critical asset in your organization");
        assertThat(policy.canFlagIndicators()).isTrue();
    }

    @Test
    void severitiesAreReadInAnyCaseAndAWrongOneIsNamed() {
        assertThat(SignalSeverity.parse(" Medium ", "x")).isEqualTo(SignalSeverity.MEDIUM);
        assertThatThrownBy(() -> SignalSeverity.parse("urgent", "The minimum signal severity"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The minimum signal severity must be one of info, low, medium, high, critical, not 'urgent'.");
    }
}
