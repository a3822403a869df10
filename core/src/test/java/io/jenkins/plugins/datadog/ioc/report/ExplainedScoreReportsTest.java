package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.TestData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The score's factors and the triage state, in the reports that do not line them up in a table. */
class ExplainedScoreReportsTest {
    @Test
    void theJsonReportAddsTheFactorsAndTheTriageNextToDatadogsOwnFields() throws Exception {
        JsonNode found = new ObjectMapper().readTree(JsonReport.render(Reports.mixed())).path("results").get(0);

        JsonNode factors = found.path("score_factors");
        assertThat(factors).hasSize(5);
        assertThat(factors.get(0).path("factor").asText()).isEqualTo("m_sources");
        assertThat(factors.get(0).path("effect").asText()).isEqualTo("LOWER_SCORE");
        assertThat(factors.get(0).path("text").asText()).isEqualTo("threat-intelligence sources: lowers the score");
        assertThat(found.path("triage").path("state").asText()).isEqualTo("under_review");
        assertThat(found.path("triage").path("triaged_at").asText()).startsWith("2024-05-21T");
        assertThat(found.path("triage").has("triaged_by")).as("who triaged stays in the datadog object only").isFalse();
        // Datadog's fields are kept as they were.
        assertThat(found.path("datadog").path("m_sources").asText()).isEqualTo("LOWER_SCORE");
    }

    @Test
    void aResultDatadogDidNotExplainHasNoExplanationFields() throws Exception {
        JsonNode result = new ObjectMapper().readTree(JsonReport.render(Reports.report(TestData.found("calm.example", 1))))
                .path("results").get(0);
        assertThat(result.has("score_factors")).isFalse();
        assertThat(result.has("triage")).isFalse();
    }

    @Test
    void theJUnitFailureSaysWhyTheScoreIsWhatItIs() throws Exception {
        byte[] xml = JUnitReport.render(Reports.mixed()).getBytes(StandardCharsets.UTF_8);
        Element failure = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml)).getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).startsWith("203.0.113.66: threat score 85.5")
                .endsWith("\nscore raised by signals, network type, trust score; lowered by sources; unaffected by persistence;"
                        + " triaged as under_review on 2024-05-21");
    }
}
