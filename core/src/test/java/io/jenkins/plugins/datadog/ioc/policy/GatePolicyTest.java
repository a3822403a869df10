package io.jenkins.plugins.datadog.ioc.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GatePolicyTest {
    private static final GatePolicy DEFAULT = GatePolicy.builder().unstableThreshold(50.0).failThreshold(80.0).build();

    private static Assessment assess(GatePolicy policy, double score) {
        return policy.assess(TestData.found("203.0.113.66", score));
    }

    @ParameterizedTest
    @CsvSource({
        "0, PASS",
        "49.99, PASS",
        "50, UNSTABLE",
        "50.01, UNSTABLE",
        "79.999, UNSTABLE",
        "80, FAILURE",
        "80.5, FAILURE",
        "100, FAILURE",
    })
    void scoresAtOrAboveAThresholdCrossIt(double score, Verdict expected) {
        assertThat(assess(DEFAULT, score).verdict()).isEqualTo(expected);
    }

    @Test
    void reasonsNameTheScoreAndTheThreshold() {
        assertThat(assess(DEFAULT, 85).reason()).contains("85").contains("failure threshold 80").contains("at or above");
        assertThat(assess(DEFAULT, 50).reason()).contains("50").contains("unstable threshold 50");
        assertThat(assess(DEFAULT, 12).reason()).contains("12").contains("below").contains("50");
    }

    @Test
    void fractionalThresholdsAndScores() {
        GatePolicy policy = GatePolicy.builder().unstableThreshold(72.5).failThreshold(90.25).build();

        assertThat(assess(policy, 72.49).verdict()).isEqualTo(Verdict.PASS);
        assertThat(assess(policy, 72.5).verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(assess(policy, 90.24).verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(assess(policy, 90.25).verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(assess(policy, 72.5).reason()).contains("72.5");
        assertThat(assess(policy, 95.75).reason()).contains("95.75").contains("90.25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"indicator\":\"x.example\"}", "{\"indicator\":\"x.example\",\"score\":\"high\"}",
        "{\"indicator\":\"x.example\",\"threat_score\":92.5}"})
    void aKnownIndicatorWithoutAUsableScoreGetsTheErrorVerdict(String indicator) {
        LookupResult found = TestData.found("x.example", indicator);

        Assessment failing = GatePolicy.builder().failThreshold(50.0).build().assess(found);
        Assessment unstable = GatePolicy.builder().failThreshold(50.0).onError(Verdict.UNSTABLE).build().assess(found);

        assertThat(failing.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(failing.reason()).isEqualTo("Datadog's answer has no usable threat score, so it is judged as a failed lookup");
        assertThat(unstable.verdict()).isEqualTo(Verdict.UNSTABLE);
    }

    @Test
    void aRuleStillDemandsWorseThanTheErrorVerdictWithoutAScore() {
        GatePolicy policy = GatePolicy.builder().onError(Verdict.UNSTABLE).rule(new MaliciousSourceRule(Verdict.FAILURE)).build();

        Assessment assessment = policy.assess(TestData.found("x.example",
                "{\"indicator\":\"x.example\",\"malicious_sources\":[{\"name\":\"abuse.ch\"}]}"));

        assertThat(assessment.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(assessment.reason()).contains("abuse.ch");
    }

    @Test
    void onlyAThresholdOrARuleThatCanFailFlagsIndicators() {
        assertThat(GatePolicy.builder().build().canFlagIndicators()).isFalse();
        assertThat(GatePolicy.builder().onNotFound(Verdict.FAILURE).onError(Verdict.FAILURE).build().canFlagIndicators())
                .as("verdicts for no answer judge no score").isFalse();
        assertThat(GatePolicy.builder().rule(new MaliciousSourceRule(Verdict.PASS)).build().canFlagIndicators()).isFalse();
        assertThat(GatePolicy.builder().unstableThreshold(90.0).build().canFlagIndicators()).isTrue();
        assertThat(GatePolicy.builder().failThreshold(90.0).build().canFlagIndicators()).isTrue();
        assertThat(GatePolicy.builder().rule(new CategoryRule(Set.of("malware"), Verdict.UNSTABLE)).build().canFlagIndicators())
                .isTrue();
    }

    @Test
    void onlyAnUnstableThreshold() {
        GatePolicy policy = GatePolicy.builder().unstableThreshold(60.0).build();

        assertThat(assess(policy, 59).verdict()).isEqualTo(Verdict.PASS);
        assertThat(assess(policy, 60).verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(assess(policy, 100).verdict()).as("no failure threshold: never FAILURE by score").isEqualTo(Verdict.UNSTABLE);
    }

    @Test
    void onlyAFailureThreshold() {
        GatePolicy policy = GatePolicy.builder().failThreshold(70.0).build();

        assertThat(assess(policy, 69.9).verdict()).isEqualTo(Verdict.PASS);
        assertThat(assess(policy, 69.9).reason()).contains("below the threshold 70");
        assertThat(assess(policy, 70).verdict()).isEqualTo(Verdict.FAILURE);
    }

    @Test
    void noThresholdAtAll() {
        GatePolicy policy = GatePolicy.builder().build();

        Assessment assessment = assess(policy, 100);
        assertThat(assessment.verdict()).isEqualTo(Verdict.PASS);
        assertThat(assessment.reason()).contains("no threshold");
    }

    @Test
    void equalThresholdsMeanFailure() {
        GatePolicy policy = GatePolicy.builder().unstableThreshold(80.0).failThreshold(80.0).build();

        assertThat(assess(policy, 80).verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(assess(policy, 79).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anUnstableThresholdAboveTheFailureThresholdIsRejected() {
        assertThatThrownBy(() -> GatePolicy.builder().unstableThreshold(90.0).failThreshold(80.0).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unstable threshold (90)")
                .hasMessageContaining("failure threshold (80)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, -50, 100.01, 1000, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void outOfRangeThresholdsAreRejected(double threshold) {
        assertThatThrownBy(() -> GatePolicy.builder().unstableThreshold(threshold))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unstable threshold").hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> GatePolicy.builder().failThreshold(threshold))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("failure threshold").hasMessageContaining("0 to 100");
    }

    @Test
    void theEdgesOfTheRangeAreThresholds() {
        GatePolicy policy = GatePolicy.builder().unstableThreshold(0.0).failThreshold(100.0).build();

        assertThat(assess(policy, 0).verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(assess(policy, 100).verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(policy.unstableThreshold()).isZero();
        assertThat(policy.failThreshold()).isEqualTo(100.0);
    }

    @Test
    void notFoundAndErrorDefaults() {
        assertThat(GatePolicy.DEFAULT_ON_NOT_FOUND).isEqualTo(Verdict.PASS);
        assertThat(GatePolicy.DEFAULT_ON_ERROR).isEqualTo(Verdict.FAILURE);

        Assessment notFound = DEFAULT.assess(TestData.notFound("unknown.example"));
        assertThat(notFound.verdict()).isEqualTo(Verdict.PASS);
        assertThat(notFound.reason()).contains("not known");

        Assessment error = DEFAULT.assess(TestData.error("x.example", "Datadog rejected the API key (HTTP 401)"));
        assertThat(error.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(error.reason()).contains("lookup failed").contains("Datadog rejected the API key (HTTP 401)");
    }

    @Test
    void notFoundAndErrorVerdictsAreConfigurable() {
        GatePolicy policy = GatePolicy.builder().onNotFound(Verdict.UNSTABLE).onError(Verdict.PASS).build();

        assertThat(policy.assess(TestData.notFound("a.example")).verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(policy.assess(TestData.error("a.example", "boom")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(policy.onNotFound()).isEqualTo(Verdict.UNSTABLE);
        assertThat(policy.onError()).isEqualTo(Verdict.PASS);

        GatePolicy reset = GatePolicy.builder().onNotFound(null).onError(null).build();
        assertThat(reset.onNotFound()).isEqualTo(Verdict.PASS);
        assertThat(reset.onError()).isEqualTo(Verdict.FAILURE);
    }

    @Test
    void thresholdsDoNotApplyToNotFoundOrErrors() {
        GatePolicy strict = GatePolicy.builder().unstableThreshold(0.0).failThreshold(0.0).build();

        assertThat(strict.assess(TestData.notFound("a.example")).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void maliciousSourceRuleFlagsRegardlessOfScore() {
        GatePolicy policy = GatePolicy.builder().unstableThreshold(50.0).failThreshold(80.0)
                .rule(new MaliciousSourceRule(Verdict.FAILURE)).build();
        LookupResult flagged = TestData.found("203.0.113.66",
                "{\"score\":10,\"malicious_sources\":[{\"name\":\"AbuseIPDB\"},{\"name\":\"Spamhaus\"}]}");
        LookupResult clean = TestData.found("198.51.100.1", "{\"score\":10,\"suspicious_sources\":[{\"name\":\"GreyNoise\"}]}");

        Assessment assessment = policy.assess(flagged);
        assertThat(assessment.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(assessment.reason()).contains("malicious").contains("AbuseIPDB").contains("Spamhaus");
        assertThat(policy.assess(clean).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void categoryRuleComparesWithoutRegardToCase() {
        CategoryRule rule = new CategoryRule(Set.of(" Malware ", "BOTNET", ""), Verdict.UNSTABLE);
        GatePolicy policy = GatePolicy.builder().rule(rule).build();

        Assessment assessment = policy.assess(TestData.found("x.example", "{\"score\":5,\"categories\":[\"scanner\",\"MALWARE\"]}"));
        assertThat(assessment.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(assessment.reason()).contains("MALWARE").doesNotContain("scanner");
        assertThat(policy.assess(TestData.found("x.example", "{\"score\":5,\"categories\":[\" botnet \"]}")).verdict())
                .isEqualTo(Verdict.UNSTABLE);
        assertThat(policy.assess(TestData.found("x.example", "{\"score\":5,\"categories\":[\"scanner\"]}")).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(policy.assess(TestData.found("x.example", "{\"score\":5}")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(rule.categories()).containsExactlyInAnyOrder("malware", "botnet");
    }

    @Test
    void aCategoryRuleNeedsACategory() {
        assertThatThrownBy(() -> new CategoryRule(Set.of(), Verdict.FAILURE)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new CategoryRule(Set.of(" ", ""), Verdict.FAILURE)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void theWorstVerdictWinsAndItsReasonIsReported() {
        GatePolicy policy = GatePolicy.builder().unstableThreshold(50.0).failThreshold(80.0)
                .rule(new CategoryRule(Set.of("scanner"), Verdict.UNSTABLE))
                .rule(new MaliciousSourceRule(Verdict.FAILURE))
                .build();

        // A rule worse than the score.
        Assessment byRule = policy.assess(TestData.found("a", "{\"score\":10,\"categories\":[\"scanner\"],"
                + "\"malicious_sources\":[{\"name\":\"AbuseIPDB\"}]}"));
        assertThat(byRule.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(byRule.reason()).contains("AbuseIPDB");

        // The score worse than a rule.
        Assessment byScore = policy.assess(TestData.found("b", "{\"score\":85,\"categories\":[\"scanner\"]}"));
        assertThat(byScore.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(byScore.reason()).contains("threat score 85");

        // A rule only as bad as the score leaves the score's reason.
        Assessment tie = policy.assess(TestData.found("c", "{\"score\":60,\"categories\":[\"scanner\"]}"));
        assertThat(tie.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(tie.reason()).contains("threat score 60");

        // A rule better than the score changes nothing.
        GatePolicy lenientRule = GatePolicy.builder().failThreshold(80.0).rule(new CategoryRule(Set.of("scanner"), Verdict.PASS)).build();
        assertThat(lenientRule.assess(TestData.found("d", "{\"score\":90,\"categories\":[\"scanner\"]}")).verdict())
                .isEqualTo(Verdict.FAILURE);
        assertThat(policy.rules()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"pass, PASS", "PASS, PASS", "Unstable, UNSTABLE", "UNSTABLE, UNSTABLE", "Failure, FAILURE",
            "failure, FAILURE", "fail, FAILURE", "FAIL, FAILURE", "' fail ', FAILURE"})
    void verdictsAsUsersWriteThem(String text, Verdict expected) {
        assertThat(Verdict.parse(text, "onError")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "error", "passed", "warn", "fails", "SUCCESS"})
    void otherVerdictsAreRejectedWithTheValidValues(String text) {
        assertThatThrownBy(() -> Verdict.parse(text, "onNotFound"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("onNotFound")
                .hasMessageContaining("pass").hasMessageContaining("unstable").hasMessageContaining("failure")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void aMissingVerdictIsRejected() {
        assertThatThrownBy(() -> Verdict.parse(null, "onError")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("onError");
    }

    @Test
    void worstOfTwoVerdicts() {
        assertThat(Verdict.PASS.worst(Verdict.UNSTABLE)).isEqualTo(Verdict.UNSTABLE);
        assertThat(Verdict.FAILURE.worst(Verdict.UNSTABLE)).isEqualTo(Verdict.FAILURE);
        assertThat(Verdict.PASS.worst(Verdict.PASS)).isEqualTo(Verdict.PASS);
    }

    @Test
    void scoresAreShownAsPeopleWriteThem() {
        assertThat(GatePolicy.formatScore(80.0)).isEqualTo("80");
        assertThat(GatePolicy.formatScore(72.5)).isEqualTo("72.5");
        assertThat(GatePolicy.formatScore(0)).isEqualTo("0");
    }
}
