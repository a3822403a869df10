package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An indicator found defanged: every report shows the text as written next to the indicator looked up. */
class DefangedLocationReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GateReport REPORT = new GateReport(List.of(
            Reports.judged(TestData.found("evil.com", 90)).withLocation(new Location("iocs.md", 4, 9, 2, "evil[.]com")),
            Reports.judged(TestData.found("calm.com", 5)).withLocation(new Location("iocs.md", 5, 1, 1))),
            0, Duration.ofMillis(10));

    @Test
    void jsonCarriesTheWrittenFormOnlyWhenDefanged() throws Exception {
        JsonNode results = JSON.readTree(JsonReport.render(REPORT)).path("results");

        assertThat(results.get(0).path("indicator").asText()).isEqualTo("evil.com");
        assertThat(results.get(0).path("location").path("written").asText()).isEqualTo("evil[.]com");
        assertThat(results.get(1).path("location").has("written")).isFalse();
    }

    @Test
    void textAndMarkdownSayHowItWasWritten() {
        assertThat(TextSummary.render(REPORT)).contains("evil.com").contains("(at iocs.md:4:9, 2 occurrences, written evil[.]com)")
                .doesNotContain("calm.com written");
        assertThat(MarkdownSummary.render(REPORT)).contains("`iocs.md:4:9`, 2 occurrences, written evil\\[\\.\\]com");
    }

    @Test
    void sarifAndJUnitCarryItAsAProperty() throws Exception {
        JsonNode result = JSON.readTree(SarifReport.render(REPORT)).path("runs").get(0).path("results").get(0);
        assertThat(result.path("properties").path("written").asText()).isEqualTo("evil[.]com");

        assertThat(JUnitReport.render(REPORT)).contains("<property name=\"written\" value=\"evil[.]com\"");
    }
}
