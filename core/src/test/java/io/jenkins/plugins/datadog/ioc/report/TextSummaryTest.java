package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
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

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("FAILURE").contains("203.0.113.66").contains("score 85.5")
                .contains("at or above the failure threshold 80");
        assertThat(lines.get(1)).startsWith("PASS").contains("unknown.example").contains("not found");
        assertThat(lines.get(2)).startsWith("FAILURE").contains("broken.example").contains("error")
                .contains("Datadog rejected the API key");
        assertThat(lines.get(3)).startsWith("PASS").contains("calm.example").contains("score 12.5");
        assertThat(lines.get(4)).isEqualTo(
                "Datadog IoC lookup: FAILURE (4 indicators: 2 found, 1 not found, 1 errors; worst score 85.5)");
    }

    @Test
    void verdictsLineUp() {
        List<String> lines = lines(TextSummary.render(Reports.mixed()));

        assertThat(lines.subList(0, 4)).allSatisfy(line -> assertThat(line.charAt(8)).isEqualTo(' '));
        assertThat(lines.get(1)).startsWith("PASS     unknown.example");
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
}
