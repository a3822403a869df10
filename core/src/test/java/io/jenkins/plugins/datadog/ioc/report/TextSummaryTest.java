package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextSummaryTest {

    private static List<String> lines(String text) {
        assertThat(text).endsWith(System.lineSeparator());
        return text.lines().toList();
    }

    @Test
    void oneLinePerIndicatorInInputOrderThenTheOverallLine() {
        List<String> lines = lines(TextSummary.render(Reports.mixed()));

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("FAILURE").contains("203.0.113.66").contains("score 85.5")
                .contains("at or above the failure threshold 80");
        // Why the score is what it is, under the result Datadog explained.
        assertThat(lines.get(1)).isEqualTo("         score raised by signals, network type, trust score; lowered by sources;"
                + " unaffected by persistence; triaged as under_review on 2024-05-21");
        lines = new java.util.ArrayList<>(lines);
        lines.remove(1);
        assertThat(lines.get(1)).startsWith("PASS").contains("unknown.example").contains("not found");
        assertThat(lines.get(2)).startsWith("FAILURE").contains("broken.example").contains("error")
                .contains("Datadog rejected the API key");
        assertThat(lines.get(3)).startsWith("PASS").contains("calm.example").contains("score 12.5");
        assertThat(lines.get(4)).isEqualTo(
                "Datadog IoC lookup: FAILURE (4 indicators: 2 found, 1 not found, 1 error; worst score 85.5)");
    }

    @Test
    void verdictsLineUp() {
        List<String> lines = lines(TextSummary.render(Reports.mixed()));

        assertThat(lines.subList(0, 5)).allSatisfy(line -> assertThat(line.charAt(8)).isEqualTo(' '));
        assertThat(lines.get(2)).startsWith("PASS     unknown.example");
    }

    @Test
    void overallMentionsCacheAndSkippedOnlyWhenThereAreAny() {
        assertThat(TextSummary.overall(Reports.report(TestData.found("a.example", 10))))
                .isEqualTo("Datadog IoC lookup: PASS (1 indicator: 1 found, 0 not found, 0 errors; worst score 10)");
        assertThat(TextSummary.overall(Reports.report(2, TestData.found("a.example", 60).fromCache(),
                TestData.notFound("b.example"))))
                .isEqualTo("Datadog IoC lookup: UNSTABLE (2 indicators: 1 found, 1 not found, 0 errors; worst score 60;"
                        + " 1 from cache; 2 skipped as private or local)");
        assertThat(TextSummary.overall(Reports.report()))
                .isEqualTo("Datadog IoC lookup: PASS (0 indicators: 0 found, 0 not found, 0 errors)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "evil.example\u001b[2J\u001b[31mFORGED",
        "evil.example\nFAILURE  forged.example  score 0: forged line",
        "evil.example\r\rPASS",
        "bell\u0007and\u0000nul\u007fdel",
        "c1\u009b31mcsi\u0085nel",
    })
    void controlCharactersInIndicatorsAndReasonsAreNeutralized(String hostile) {
        GateReport report = Reports.report(
                TestData.error(hostile, "The indicator contains a control character: " + hostile),
                TestData.found("calm.example", 1));

        String text = TextSummary.render(report);

        List<String> lines = lines(text);
        assertThat(lines).as("no forged lines").hasSize(3);
        assertThat(text.replace(System.lineSeparator(), ""))
                .as("no control characters besides the line ends")
                .doesNotContainPattern("\\p{Cc}");
        assertThat(lines.get(0)).startsWith("FAILURE").contains(hostile.split("\\p{Cc}")[0]);
    }

    @Test
    void suppressedResultsSayWhatTheyWouldHaveBeenWhyAndUntilWhen() {
        List<String> lines = lines(TextSummary.render(Reports.suppressed(Verdict.PASS)));

        assertThat(lines).hasSize(6 + 1 + 2);
        assertThat(lines.get(0)).isEqualTo("PASS     203.0.113.7  score 85: threat score 85 is at or above the failure"
                + " threshold 80 (at config/app.yaml:12:7, 3 occurrences); suppressed (would be FAILURE) until 2027-03-31:"
                + " Our own scanner");
        assertThat(lines.get(1)).isEqualTo("FAILURE  evil.example  score 90: threat score 90 is at or above the failure"
                + " threshold 80 (at deploy/hosts.txt:3:1)");
        assertThat(lines.get(2)).isEqualTo("FAILURE  198.51.100.9  score 85: threat score 85 is at or above the failure"
                + " threshold 80; suppression expired on 2026-03-31 (suppressions.json entry 2)");
        assertThat(lines.get(3)).isEqualTo("UNSTABLE meh.example  score 60: threat score 60 is at or above the unstable"
                + " threshold 50");
        assertThat(lines.get(4)).as("no expiry, no until").isEqualTo("UNSTABLE 192.0.2.1  score 95: threat score 95 is at"
                + " or above the failure threshold 80; suppressed (would be FAILURE): Partner range, still watched");
        assertThat(lines.get(6)).isEqualTo("Datadog IoC lookup: FAILURE (6 indicators: 6 found, 0 not found, 0 errors;"
                + " worst score 95; 2 suppressed)");
        assertThat(lines.subList(7, 9)).containsExactly(
                "WARNING: suppression of 198.51.100.9 (suppressions.json entry 2) expired on 2026-03-31: renew or remove it.",
                "NOTE: suppression of *.cdn.example.com (suppressions.json entry 4) matched no indicator in this run.");
    }

    @Test
    void aSuppressionThatChangesNothingDoesNotSayWouldBe() {
        IndicatorReport calm = Reports.matched(TestData.found("203.0.113.7", 10), Reports.SCANNER, false);

        assertThat(TextSummary.line(calm)).endsWith("below the threshold 50; suppressed until 2027-03-31: Our own scanner");
    }

    @Test
    void expiredSuppressionsThatCountSaySo() {
        assertThat(TextSummary.suppressionLines(Reports.suppressed(Verdict.FAILURE))).first().isEqualTo(
                "FAILURE: suppression of 198.51.100.9 (suppressions.json entry 2) expired on 2026-03-31: renew or remove it;"
                        + " expired suppressions fail the run.");
        assertThat(TextSummary.suppressionLines(Reports.suppressed(Verdict.UNSTABLE))).first().asString()
                .startsWith("UNSTABLE: suppression of 198.51.100.9").endsWith("; expired suppressions make the run unstable.");
        assertThat(TextSummary.suppressionLines(Reports.mixed())).isEmpty();
    }

    @Test
    void controlCharactersInSuppressionsAndLocationsAreNeutralized() {
        Suppression hostile = Reports.entry("evil.example", "ok\nFAILURE  forged\u001b[2J", null,
                Verdict.PASS, 1);
        IndicatorReport result = Reports.matched(TestData.found("evil.example", 90), hostile, false)
                .withLocation(new Location("a\nb\u009b.txt", 1, 1, 1));
        GateReport report = Reports.report(new SuppressionSummary(2, List.of(), List.of(hostile), Verdict.PASS), result);

        String text = TextSummary.render(report);

        assertThat(lines(text)).hasSize(3);
        assertThat(text.replace(System.lineSeparator(), "")).doesNotContainPattern("\\p{Cc}");
        assertThat(lines(text).get(0)).contains("(at a?b?.txt:1:1)").endsWith("suppressed (would be FAILURE): ok?FAILURE  forged?[2J");
    }
}
