package io.jenkins.plugins.datadog.ioc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.Assessment;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    @ParameterizedTest(name = "{0} with fallback {1} -> {2}")
    @CsvSource({
        "report.json, TEXT, JSON",
        "REPORT.JSON, MARKDOWN, JSON",
        "out/ioc/report.json, TEXT, JSON",
        "summary.md, TEXT, MARKDOWN",
        "Summary.MD, JSON, MARKDOWN",
        "summary.markdown, TEXT, MARKDOWN",
        "report.txt, TEXT, TEXT",
        "report.txt, JSON, JSON",
        "report.log, MARKDOWN, MARKDOWN",
        "report, JSON, JSON",
        "json, TEXT, TEXT",
        "md, TEXT, TEXT",
        "report.json.txt, TEXT, TEXT",
        "report.md.bak, JSON, JSON",
        "report.jsonl, TEXT, TEXT",
        "report.mdx, TEXT, TEXT",
        "TEST-ioc.xml, TEXT, JUNIT",
        "report.XML, JSON, JUNIT",
    })
    void formatFromTheFileName(String file, ReportFormat fallback, ReportFormat expected) {
        assertThat(ReportFormat.forFile(Path.of(file), fallback)).isEqualTo(expected);
    }

    @Test
    void onlyTheFileNameCounts() {
        assertThat(ReportFormat.forFile(Path.of("reports.json", "latest"), ReportFormat.TEXT))
                .isEqualTo(ReportFormat.TEXT);
        assertThat(ReportFormat.forFile(Path.of("docs.md", "report.json"), ReportFormat.TEXT))
                .isEqualTo(ReportFormat.JSON);
    }

    private static GateReport report() {
        LookupResult missing = LookupResult.notFound("new.com", 1, Duration.ofMillis(5));
        LookupResult failed = LookupResult.error("evil.com", "Datadog answered HTTP 500", 3, Duration.ofMillis(9));
        return new GateReport(List.of(
                new IndicatorReport(missing, new Assessment(Verdict.PASS, "not known")),
                new IndicatorReport(failed, new Assessment(Verdict.FAILURE, "lookup failed"))),
                2, Duration.ofMillis(20));
    }

    @Test
    void jsonRendersTheDocumentedReport() throws IOException {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(report()));

        assertThat(json.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(json.path("summary").path("indicators").asInt()).isEqualTo(2);
        assertThat(json.path("summary").path("skipped").asInt()).isEqualTo(2);
        assertThat(json.path("results").get(0).path("indicator").asText()).isEqualTo("new.com");
        assertThat(json.path("results").get(1).path("status").asText()).isEqualTo("ERROR");
    }

    @Test
    void markdownRendersATable() {
        assertThat(ReportFormat.MARKDOWN.render(report()))
                .startsWith("## Datadog IoC lookup: FAILURE")
                .contains("| Verdict | Indicator |")
                .contains("| FAILURE | `evil.com` | ERROR |");
    }

    @Test
    void textRendersOneLinePerIndicatorAndASummary() {
        List<String> lines = ReportFormat.TEXT.render(report()).lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("PASS").contains("new.com");
        assertThat(lines.get(1)).startsWith("FAILURE").contains("evil.com");
        assertThat(lines.get(2)).startsWith("Datadog IoC lookup: FAILURE").contains("2 skipped");
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void everyFormatEndsWithANewline(ReportFormat format) {
        assertThat(format.render(report())).endsWith("\n");
    }
}
