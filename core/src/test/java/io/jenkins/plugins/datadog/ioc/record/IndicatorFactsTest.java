package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorFactsTest {
    private static Map<String, List<String>> facts(int index) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        IndicatorFacts.of(Records.everything().results().get(index)).forEach(f -> map.put(f.getLabel(), f.getValues()));
        return map;
    }

    @Test
    void everythingDatadogSaidWithoutEmptyFacts() {
        Map<String, List<String>> facts = facts(0);

        assertThat(facts).containsEntry("Verdict", List.of("FAILURE"))
                .containsEntry("Malicious sources", List.of("AbuseIPDB", "Spamhaus DROP"))
                .containsEntry("Signals by severity", List.of("high: 2", "medium: 5"))
                .containsEntry("Users", List.of("aws_iam: alice@example.com, bob", "okta: carol"))
                .containsEntry("Location", List.of("Amsterdam, Netherlands (NL)"))
                .containsEntry("Found at", List.of("config/app.yaml:12:7 (3 occurrence(s))"))
                .containsEntry("Scoring factors", List.of("sources LOWER_SCORE", "signal RAISE_SCORE",
                        "persistence NO_EFFECT", "AS type RAISE_SCORE", "max trust score RAISE_SCORE"))
                .containsEntry("Why this score", List.of("threat-intelligence sources: lowers the score",
                        "how long it has been seen: no effect", "security signals in your organization: raises the score",
                        "the kind of network it belongs to: raises the score", "the most trusted source's rating: raises the score"))
                .containsEntry("Lookup", List.of("2 request(s), 40 ms"));
        assertThat(facts).doesNotContainKey("Error").doesNotContainKey("Suppressed by").doesNotContainKey("Written there as");
        assertThat(facts.values()).allSatisfy(values -> assertThat(values).isNotEmpty());
    }

    @Test
    void aDefangedIndicatorShowsHowItWasWritten() {
        assertThat(facts(1)).containsEntry("Found at", List.of("iocs.md:4:9 (1 occurrence(s))"))
                .containsEntry("Written there as", List.of("unknown[.]example"));
    }

    @Test
    void suppressionsAndErrors() {
        assertThat(facts(4)).containsEntry("Suppressed by", List.of("203.0.113.7"))
                .containsEntry("Verdict without the suppression", List.of("FAILURE"))
                .containsEntry("Suppression expires", List.of("2027-03-31"));
        assertThat(facts(6)).containsKey("Suppression (expired, no longer applies)").doesNotContainKey("Verdict without the suppression");
        assertThat(facts(2)).containsEntry("Error", List.of("Datadog rejected the API key (HTTP 401: Unauthorized)."))
                .doesNotContainKey("Type");
        assertThat(facts(3)).containsEntry("Status", List.of("FOUND (from the cache)"));
    }
}
