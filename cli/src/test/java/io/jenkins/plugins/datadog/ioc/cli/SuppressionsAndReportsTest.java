package io.jenkins.plugins.datadog.ioc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.cli.IocLookupCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --suppressions}, {@code --fail-on-expired-suppressions}, SARIF and several {@code -o FORMAT:FILE}. */
class SuppressionsAndReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private FakeDatadog datadog;

    @BeforeEach
    void startDatadog() throws IOException {
        datadog = new FakeDatadog();
    }

    @AfterEach
    void stopDatadog() {
        datadog.close();
    }

    @Test
    void aSuppressedIndicatorIsStillLookedUpAndReportedButPasses() throws IOException {
        datadog.score("evil.com", 85).score("a.cdn.example.com", 95);
        Path file = suppressions("s.json",
                entry("evil.com", "Our own scanner, SEC-123", TODAY.plusDays(10), null),
                entry("*.cdn.example.com", "CDN edge names", null, null));

        Run run = lookup("--fail-threshold", "80", "--suppressions", file.toString(), "evil.com", "a.cdn.example.com");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out())
                .contains("evil.com  score 85: threat score 85 is at or above the failure threshold 80; suppressed (would be FAILURE) until "
                        + TODAY.plusDays(10) + ": Our own scanner, SEC-123")
                .contains("; 2 suppressed)");
        assertThat(datadog.lookedUp()).containsExactlyInAnyOrder("evil.com", "a.cdn.example.com");
    }

    @Test
    void jsonShowsTheSuppressionAndTheRealScore() throws IOException {
        datadog.score("evil.com", 85);
        Path file = suppressions("s.json", entry("evil.com", "Accepted", null, "unstable"));

        Run run = lookup("--fail-threshold", "80", "--format", "json", "--suppressions", file.toString(), "evil.com");

        assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_UNSTABLE);
        JsonNode result = JSON.readTree(run.out()).path("results").get(0);
        assertThat(result.path("score").asDouble()).isEqualTo(85.0);
        assertThat(result.path("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(result.path("suppressed").asBoolean()).isTrue();
        assertThat(result.path("suppression").path("reason").asText()).isEqualTo("Accepted");
        assertThat(result.path("suppression").path("source").asText()).isEqualTo(file + " entry 1");
    }

    @Test
    void anExpiredSuppressionWarnsAndNoLongerApplies() throws IOException {
        datadog.score("evil.com", 85);
        LocalDate expired = TODAY.minusDays(1);
        Path file = suppressions("s.json", entry("evil.com", "Last quarter", expired, null));

        Run run = lookup("--fail-threshold", "80", "--suppressions", file.toString(), "evil.com");

        assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_FAILURE);
        assertThat(run.out()).contains("WARNING: suppression of evil.com (" + file + " entry 1) expired on " + expired);
    }

    @Test
    void expiredSuppressionsCanFailTheRun() throws IOException {
        datadog.score("calm.com", 5);
        Path file = suppressions("s.json", entry("evil.com", "Last quarter", TODAY.minusDays(1), null));

        Run warned = lookup("--suppressions", file.toString(), "calm.com");
        Run failed = lookup("--suppressions", file.toString(), "--fail-on-expired-suppressions", "calm.com");

        assertThat(warned.exit()).as("%s", warned).isZero();
        assertThat(failed.exit()).as("%s", failed).isEqualTo(IocLookupCommand.EXIT_FAILURE);
        assertThat(failed.out()).contains("FAILURE: suppression of evil.com");
    }

    @Test
    void anEntryThatMatchedNothingIsReportedAsUnused() throws IOException {
        Path file = suppressions("s.json", entry("*.cdn.example.com", "CDN edge names", null, null));

        Run run = lookup("--suppressions", file.toString(), "evil.com");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("NOTE: suppression of *.cdn.example.com (" + file + " entry 1) matched no indicator");
    }

    @Test
    void severalSuppressionFilesAddUp() throws IOException {
        datadog.score("evil.com", 85).score("bad.org", 90);
        Path first = suppressions("first.json", entry("evil.com", "One", null, null));
        Path second = suppressions("second.json", entry("bad.org", "Two", null, null));

        Run run = lookup("--fail-threshold", "80", "--suppressions", first.toString(), "--suppressions", second.toString(),
                "evil.com", "bad.org");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("; 2 suppressed)");
    }

    @Test
    void aMalformedSuppressionFileIsAUsageErrorNamingTheEntry() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"suppressions\": [{\"indicator\": \"evil.com\", \"expiry\": \"2027-01-01\", \"reason\": \"x\"}]}");

        Run run = lookup("--suppressions", file.toString(), "evil.com");

        assertUsageError(run, file.toString(), "\"expiry\"");
    }

    @Test
    void aMissingSuppressionFileIsAUsageError() {
        Path file = dir.resolve("missing.json");

        assertUsageError(lookup("--suppressions", file.toString(), "evil.com"), file.toString());
    }

    @Test
    void failingOnExpiredSuppressionsNeedsSuppressions() {
        assertUsageError(lookup("--fail-on-expired-suppressions", "evil.com"), "--fail-on-expired-suppressions only applies with --suppressions");
    }

    @Test
    void oneRunWritesSeveralReports() throws IOException {
        datadog.score("evil.com", 85);
        Path json = dir.resolve("out/report.data");
        Path sarif = dir.resolve("out/ioc.sarif");
        Path junit = dir.resolve("TEST-ioc.xml");
        Path markdown = dir.resolve("summary.txt");

        Run run = lookup("--fail-threshold", "80", "-o", "json:" + json, "-o", sarif.toString(), "-o", junit.toString(),
                "--output", "MARKDOWN:" + markdown, "evil.com");

        assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_FAILURE);
        assertThat(run.out()).startsWith("FAILURE");
        assertThat(JSON.readTree(Files.readString(json)).path("verdict").asText()).isEqualTo("FAILURE");
        JsonNode log = JSON.readTree(Files.readString(sarif));
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("runs").get(0).path("results").get(0).path("ruleId").asText()).isEqualTo("ioc/failure");
        assertThat(Files.readString(junit)).contains("<testcase classname=\"Datadog IoC lookup\" name=\"evil.com\"");
        assertThat(Files.readString(markdown)).startsWith("## Datadog IoC lookup: FAILURE");
    }

    @Test
    void anOutputWithAFormatButNoFileIsAUsageError() {
        assertUsageError(lookup("-o", "sarif:", "evil.com"), "--output", "sarif:");
    }

    @Test
    void sarifPointsAtTheLineWhereTheIndicatorWasFound() throws IOException {
        datadog.score("c2.badactor.net", 90);
        Path config = dir.resolve("deploy.yaml");
        Files.writeString(config, "steps:\n  - fetch: https://c2.badactor.net/payload\n  - mirror: c2.badactor.net\n");

        Run run = lookup("--fail-threshold", "80", "--format", "sarif", "--extract", "-f", config.toString());

        JsonNode result = JSON.readTree(run.out()).path("runs").get(0).path("results").get(0);
        JsonNode where = result.path("locations").get(0).path("physicalLocation");
        assertThat(where.path("region").path("startLine").asInt()).isEqualTo(2);
        assertThat(where.path("artifactLocation").path("uri").asText()).endsWith("deploy.yaml");
        assertThat(run.exit()).isEqualTo(IocLookupCommand.EXIT_FAILURE);
    }

    @Test
    void theTextSummaryShowsWhereAnIndicatorWasFound() throws IOException {
        datadog.score("evil.com", 10);
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# incident 42\ncalm.org\n  evil.com\nevil.com\n");

        Run run = lookup("-f", list.toString());

        assertThat(run.out()).contains(list + ":3:3");
    }

    private Run lookup(String... args) {
        List<String> all = new ArrayList<>(List.of("--base-url", datadog.baseUrl()));
        all.addAll(List.of(args));
        return IocLookupCommandTest.run(IocLookupCommandTest.keys(), "", all.toArray(String[]::new));
    }

    private void assertUsageError(Run run, String... messageParts) {
        assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_USAGE);
        assertThat(run.err().lines().findFirst().orElse("")).as("%s", run).startsWith("ioc-lookup: ").contains(messageParts);
        assertThat(run.out()).as("nothing on stdout, where a report would go").isEmpty();
        assertThat(datadog.requestCount()).as("found before any lookup").isZero();
    }

    private static String entry(String indicator, String reason, LocalDate expires, String maxVerdict) {
        return "{\"indicator\": \"" + indicator + "\", \"reason\": \"" + reason + "\""
                + (expires == null ? "" : ", \"expires\": \"" + expires + "\"")
                + (maxVerdict == null ? "" : ", \"max_verdict\": \"" + maxVerdict + "\"") + "}";
    }

    private Path suppressions(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"suppressions\": [" + String.join(", ", entries) + "]}", UTF_8);
        return file;
    }
}
