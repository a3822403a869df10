package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What a run says once about itself reaches every report, once, and counts stay apart. */
class NoticesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CAUSE = "Datadog is unreachable: Could not connect to 127.0.0.1:9: Connection refused";
    private static final String NOT_LOOKED_UP = "Not looked up: the run stopped as Datadog is unreachable (see the stop cause)";

    /** Three indicators, two of which were not looked up once Datadog was found unreachable. */
    private static GateReport stopped() {
        return Reports.report(TestData.error("first.example", "Could not connect to 127.0.0.1:9: Connection refused"),
                        TestData.error("second.example", NOT_LOOKED_UP), TestData.error("third.example", NOT_LOOKED_UP))
                .withNotice(Notice.stopped(CAUSE, 2, 3))
                .withNotice(Notice.noThreshold());
    }

    @Test
    void theStopNoticeSaysTheCauseOnceWithTheCountNotLookedUp() {
        assertThat(Notice.stopped(CAUSE, 2, 3).line()).isEqualTo("Stopped: The run stopped early: " + CAUSE
                + ". 2 of 3 indicators were not looked up.");
        assertThat(Notice.stopped("x.", 1, 1).text()).isEqualTo("The run stopped early: x. 1 of 1 indicator was not looked up.");
        assertThat(Notice.stopped("x", 0, 1).text()).as("no indicator was left out: no early stop to speak of")
                .isEqualTo("Datadog was found unusable: x.");
    }

    @Test
    void theTextSummarySaysEachNoticeOnceAfterTheOverallLine() {
        String text = TextSummary.render(stopped());

        assertThat(text).containsOnlyOnce("Could not connect to 127.0.0.1:9: Connection refused. 2 of 3")
                .containsOnlyOnce("Warning: No threshold is set");
        String[] lines = text.split(System.lineSeparator());
        assertThat(lines[3]).startsWith("Datadog IoC lookup: FAILURE");
        assertThat(lines[4]).startsWith("Stopped: The run stopped early: " + CAUSE);
        assertThat(lines[5]).startsWith("Warning: No threshold is set and no rule can fail the run");
    }

    @Test
    void theJsonReportListsTheNotices() throws Exception {
        JsonNode json = MAPPER.readTree(JsonReport.render(stopped()));

        assertThat(json.path("notices")).hasSize(2);
        assertThat(json.path("notices").get(0).path("kind").asText()).isEqualTo("stopped");
        assertThat(json.path("notices").get(0).path("text").asText()).contains(CAUSE).endsWith("2 of 3 indicators were not looked up.");
        assertThat(json.path("notices").get(1).path("kind").asText()).isEqualTo("no_threshold");
        assertThat(MAPPER.readTree(JsonReport.render(Reports.mixed())).path("notices").isArray()).isTrue();
    }

    @Test
    void sarifSaysTheRunDidNotRunToItsEnd() throws Exception {
        JsonNode invocation = MAPPER.readTree(SarifReport.render(stopped())).path("runs").get(0).path("invocations").get(0);

        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        JsonNode notifications = invocation.path("toolExecutionNotifications");
        assertThat(notifications.get(0).path("level").asText()).isEqualTo("error");
        assertThat(notifications.get(0).path("message").path("text").asText()).contains(CAUSE);
        assertThat(notifications.get(1).path("level").asText()).isEqualTo("warning");
        assertThat(MAPPER.readTree(SarifReport.render(Reports.mixed())).path("runs").get(0).path("invocations").get(0)
                .path("executionSuccessful").asBoolean()).isTrue();
    }

    @Test
    void junitPutsTheNoticesInTheSuitesOutput() throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(JUnitReport.render(stopped()).getBytes(StandardCharsets.UTF_8))).getDocumentElement();

        NodeList out = root.getElementsByTagName("system-out");
        assertThat(out.getLength()).isEqualTo(1);
        assertThat(out.item(0).getTextContent()).contains("Stopped: The run stopped early: " + CAUSE)
                .contains("Warning: No threshold is set");
    }

    @Test
    void markdownQuotesTheNotices() {
        assertThat(MarkdownSummary.render(stopped())).contains("> **Stopped:** The run stopped early")
                .contains("> **Warning:** No threshold is set");
    }

    @Test
    void theTallyCountsNotFoundAndErrorsApartFromPass() {
        GateReport report = Reports.report(TestData.found("bad.example", 90), TestData.found("calm.example", 10),
                TestData.found("calm2.example", 20), TestData.notFound("unknown.example"), TestData.notFound("other.example"),
                TestData.error("broken.example", "HTTP 500"));

        GateReport.Tally tally = report.tally();

        assertThat(tally).isEqualTo(new GateReport.Tally(1, 0, 2, 2, 1));
        assertThat(tally.text()).isEqualTo("1 failure, 0 unstable, 2 pass, 2 not found, 1 error");
        assertThat(report.count(Verdict.PASS))
                .as("by verdict, not found passes: what the build page showed as pass").isEqualTo(4);
    }

    @Test
    void nothingToCheckSaysWhy() {
        assertThat(Notice.nothingToCheck(3).line()).isEqualTo(
                "Note: Nothing to check: all 3 indicators found were private, reserved or local, so none was looked up.");
        assertThat(Notice.nothingToCheck(0).text()).isEqualTo("Nothing to check: no indicator was found, so none was looked up.");
    }
}
