package io.jenkins.plugins.datadog.ioc.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.policy.CategoryRule;
import io.jenkins.plugins.datadog.ioc.policy.CriticalAssetRule;
import io.jenkins.plugins.datadog.ioc.policy.MaliciousSourceRule;
import io.jenkins.plugins.datadog.ioc.policy.SignalRule;
import io.jenkins.plugins.datadog.ioc.policy.SignalSeverity;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.IndicatorPattern;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** One validation, with one set of messages, for everything a gate run is given. */
class GateRequestTest {
    static final GateRequest.Wording WORDING = new GateRequest.Wording("pass some", "Ask for more.");

    private static GateRequest request(UnaryOperator<GateRequest.Builder> settings) {
        return settings.apply(GateRequest.builder(WORDING).indicators(List.of("evil.example"))).build();
    }

    private static void assertRejected(UnaryOperator<GateRequest.Builder> settings, String message) {
        assertThatThrownBy(() -> request(settings)).isInstanceOf(ConfigurationException.class).hasMessage(message);
    }

    @Test
    void theDefaultsAreTheCommandLinesAndAddNoRule() {
        GateRequest request = request(b -> b);
        assertThat(request.policy().unstableThreshold()).isNull();
        assertThat(request.policy().onNotFound()).isEqualTo(Verdict.PASS);
        assertThat(request.policy().onError()).isEqualTo(Verdict.FAILURE);
        assertThat(request.policy().rules()).isEmpty();
        assertThat(request.suppressions().isEmpty()).isTrue();
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(request.concurrency()).isEqualTo(8);
        assertThat(request.maxIndicators()).isNull();
    }

    @Test
    void eachRuleIsAddedOnlyWhenItsVerdictIsSet() {
        GateRequest request = request(b -> b.onMaliciousSource(Verdict.UNSTABLE)
                .categories(List.of(" Malware ", "", "phishing")).onCategory(null)
                .onSignal(Verdict.FAILURE).minSignalSeverity("High")
                .onCriticalAsset(Verdict.UNSTABLE));
        assertThat(request.policy().rules()).containsExactly(
                new MaliciousSourceRule(Verdict.UNSTABLE),
                new CategoryRule(java.util.Set.of("malware", "phishing"), Verdict.FAILURE),
                new SignalRule(Verdict.FAILURE, SignalSeverity.HIGH),
                new CriticalAssetRule(Verdict.UNSTABLE));
        assertThat(request.policy().canFlagIndicators()).isTrue();
    }

    @Test
    void badSettingsAreNamedWithHowToFixThem() {
        assertRejected(b -> b.unstableThreshold(90.0).failThreshold(80.0),
                "The unstable threshold (90) may not be above the failure threshold (80).");
        assertRejected(b -> b.failThreshold(101.0), "The failure threshold must be a score from 0 to 100, not 101.0.");
        assertRejected(b -> b.timeout(Duration.ZERO), "The timeout must be between 1 and 3600 seconds, not 0.");
        assertRejected(b -> b.concurrency(0), "The concurrency must be between 1 and 64, not 0.");
        assertRejected(b -> b.maxIndicators(0), "The most indicators per run must be at least 1, not 0.");
        assertRejected(b -> b.categories(List.of(" ")), "A category rule needs at least one category.");
        assertRejected(b -> b.onSignal(Verdict.FAILURE).minSignalSeverity("urgent"),
                "The minimum signal severity must be one of info, low, medium, high, critical, not 'urgent'.");
    }

    @Test
    void categoriesAsFormsWriteThem() {
        assertThat(GateRequest.categoryList(" botnet, malware\nphishing\r\n,, ")).containsExactly("botnet", "malware", "phishing");
        assertThat(GateRequest.categoryList(null)).isEmpty();
    }

    @Test
    void theThresholdPairIsCheckedAloneForFormsAsTheRequestChecksIt() {
        GateRequest.checkThresholds(50.0, 80.0);
        GateRequest.checkThresholds(null, null);
        assertThatThrownBy(() -> GateRequest.checkThresholds(90.0, 80.0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("The unstable threshold (90) may not be above the failure threshold (80).");
    }

    @Test
    void globalEntriesComeFirstAndAreJudgedOnTheDayGiven() {
        Suppression global = new Suppression(IndicatorPattern.parse("evil.example"), "global", LocalDate.of(2026, 1, 1),
                Verdict.PASS, "global list entry 1");
        Suppression own = new Suppression(IndicatorPattern.parse("other.example"), "own", null, Verdict.PASS, "own.json entry 1");
        GateRequest request = request(b -> b.suppressions(List.of(global), List.of(own))
                .today(LocalDate.of(2026, 6, 1)).onExpired(Verdict.FAILURE));
        assertThat(request.suppressions().entries()).containsExactly(global, own);
        assertThat(request.suppressions().global()).isEqualTo(1);
        assertThat(request.suppressions().onExpired()).isEqualTo(Verdict.FAILURE);
        assertThat(request.suppressions().match("evil.example").expired()).isTrue();
    }
}
