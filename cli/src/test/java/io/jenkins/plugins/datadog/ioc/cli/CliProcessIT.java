package io.jenkins.plugins.datadog.ioc.cli;

import static io.jenkins.plugins.datadog.ioc.cli.FakeDatadog.API_KEY;
import static io.jenkins.plugins.datadog.ioc.cli.FakeDatadog.APP_KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.cli.IocLookupCommandTest.Run;
import io.jenkins.plugins.datadog.ioc.client.ProductInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as CI systems run it: a separate process, its exit code, stdout and stderr. */
class CliProcessIT {
    private static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path jar;

    @TempDir
    Path dir;

    FakeDatadog datadog;

    @BeforeAll
    static void findJar() {
        String property = System.getProperty("cli.jar");
        assertThat(property).as("system property cli.jar (set by failsafe)").isNotBlank();
        jar = Path.of(property);
        assertThat(jar).as("the shaded jar").isRegularFile();
    }

    @BeforeEach
    void startDatadog() throws IOException {
        datadog = new FakeDatadog();
    }

    @AfterEach
    void stopDatadog() {
        datadog.close();
    }

    /** How the CLI is started: {@code java -jar ioc-lookup.jar}. */
    List<String> command() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }

    /** The environment of every run, before the test's own variables. */
    void environment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("DD_") || name.startsWith("JAVA_TOOL")
                || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS") || name.equals("JAVA_OPTS"));
    }

    /** Runs the CLI with {@code args}; a process still alive after a minute fails the test. */
    Run run(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(command());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment(environment);
        environment.putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(UTF_8));
            } catch (IOException e) {
                // the process may exit without reading its input
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("ioc-lookup still running after " + TIMEOUT_SECONDS + " s: " + command
                        + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Run result = new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
        assertThat(result.out() + result.err()).as("%s", result)
                .doesNotContain(API_KEY)
                .doesNotContain(APP_KEY)
                .doesNotContainPattern("(?m)^\\s*at [\\w.$/]+\\(");
        return result;
    }

    Run lookup(String... args) throws IOException, InterruptedException {
        return lookupWithStdin("", args);
    }

    private Run lookupWithStdin(String stdin, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--base-url", datadog.baseUrl()));
        all.addAll(List.of(args));
        return run(IocLookupCommandTest.keys(), stdin, all.toArray(String[]::new));
    }

    private static List<String> indicatorsOf(JsonNode report) {
        return StreamSupport.stream(report.path("results").spliterator(), false)
                .map(r -> r.path("indicator").asText())
                .toList();
    }

    @Test
    void pass() throws Exception {
        datadog.score("good.com", 10);

        Run result = lookup("--unstable-threshold", "50", "--fail-threshold", "80", "good.com", "unknown.com");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).contains("good.com").contains("unknown.com").contains("Datadog IoC lookup: PASS");
        assertThat(result.err()).isEmpty();
        assertThat(datadog.requests().get(0).getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
        assertThat(datadog.requests().get(0).getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        assertThat(datadog.requests().get(0).getHeaders().get("User-Agent"))
                .startsWith("datadog-ioc-lookup/" + ProductInfo.VERSION);
    }

    @Test
    void failure() throws Exception {
        datadog.score("good.com", 10).score("evil.com", 85);

        Run result = lookup("--unstable-threshold", "50", "--fail-threshold", "80", "good.com", "evil.com");

        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        assertThat(result.out()).contains("FAILURE").contains("evil.com");
    }

    @Test
    void signalsInTheOrganizationFailALowScoreFromTheMinimumSeverityUp() throws Exception {
        datadog.found("seen.com", 12, "{\"signal_matches\": 2, \"signal_severity\": [{\"severity\": \"critical\", "
                + "\"count\": 2}], \"critical_assets\": [\"payments-db\"], \"m_signal\": \"RAISE_SCORE\"}");

        Run result = lookup("--fail-threshold", "80", "--on-signal", "failure", "--min-signal-severity", "high",
                "--on-critical-asset", "unstable", "--format", "json", "seen.com");

        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        JsonNode seen = result.json().path("results").get(0);
        assertThat(seen.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(seen.path("reason").asText()).isEqualTo("2 critical-severity signals in your organization");
        assertThat(seen.path("score_factors").get(0).path("text").asText())
                .isEqualTo("security signals in your organization: raises the score");
    }

    @Test
    void unstable() throws Exception {
        datadog.score("meh.com", 50);

        Run result = lookup("--unstable-threshold", "50", "--fail-threshold", "80", "meh.com");

        assertThat(result.exit()).as("%s", result).isEqualTo(3);
        assertThat(result.out()).contains("UNSTABLE");
    }

    @Test
    void usageErrorWithoutKeys() throws Exception {
        Run result = run(Map.of(), "", "--base-url", datadog.baseUrl(), "evil.com");

        assertThat(result.exit()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("No Datadog API key").doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
        assertThat(datadog.requestCount()).isZero();
    }

    @Test
    void usageErrorForABadOption() throws Exception {
        Run result = lookup("--fail-threshold", "150", "evil.com");

        assertThat(result.exit()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("0 to 100").doesNotContain("Exception");
    }

    @Test
    void jsonOnStdout() throws Exception {
        datadog.found("evil.com", 85, List.of("abuse.ch"), List.of("botnet"));

        Run result = lookup("--fail-threshold", "80", "--format", "json", "evil.com", "unknown.com");

        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        JsonNode report = result.json();
        assertThat(report.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(report.path("summary").path("indicators").asInt()).isEqualTo(2);
        assertThat(indicatorsOf(report)).containsExactly("evil.com", "unknown.com");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void stdinThroughDash() throws Exception {
        datadog.score("evil.com", 95);

        Run result = lookupWithStdin("# piped in\nevil.com\n\n198.51.100.7\nevil.com\n", "--fail-threshold", "90",
                "--format", "json", "-f", "-");

        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        assertThat(indicatorsOf(result.json())).containsExactly("evil.com", "198.51.100.7");
        assertThat(datadog.lookupsOf("evil.com")).isEqualTo(1);
    }

    @Test
    void keysNeverShowEvenWhenTheServerEchoesThem() throws Exception {
        datadog.status("evil.com", 400, "{\"errors\":[\"bad key " + API_KEY + " and " + APP_KEY + "\"]}");
        Path report = dir.resolve("report.json");

        Run result = lookup("--format", "json", "-o", report.toString(), "evil.com");

        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        assertThat(result.json().path("results").get(0).path("error").asText()).contains("HTTP 400", "****");
        assertThat(Files.readString(report)).doesNotContain(API_KEY).doesNotContain(APP_KEY);
        assertThat(datadog.requests().get(0).getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
    }

    /** A suppression file, and one run writing SARIF, JUnit and JSON beside the text on stdout. */
    @Test
    void suppressionsAndSeveralReports() throws Exception {
        datadog.score("c2.badactor.net", 95).score("evil.com", 85);
        Path config = Files.writeString(dir.resolve("values.yaml"), "egress:\n  - https://c2.badactor.net/x\n  - evil.com\n");
        Path suppressions = Files.writeString(dir.resolve("suppressions.json"),
                "{\"suppressions\": [{\"indicator\": \"evil.com\", \"reason\": \"Sinkholed, SEC-9\"},"
                        + " {\"indicator\": \"*.old.example\", \"reason\": \"Gone\", \"expires\": \"2020-01-31\"}]}");

        Run result = lookup("--fail-threshold", "80", "--extract", "-f", "values.yaml", "--suppressions", suppressions.toString(),
                "-o", "sarif:ioc.sarif", "-o", "junit:TEST-ioc.xml", "-o", "report.json");

        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        assertThat(result.out())
                .contains("FAILURE  c2.badactor.net  score 95")
                .contains("(at values.yaml:2:13)")
                .contains("PASS     evil.com  score 85")
                .contains("suppressed (would be FAILURE): Sinkholed, SEC-9")
                .contains("WARNING: suppression of *.old.example (" + suppressions + " entry 2) expired on 2020-01-31");
        JsonNode sarif = JSON.readTree(Files.readString(dir.resolve("ioc.sarif")));
        JsonNode first = sarif.path("runs").get(0).path("results").get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("ioc/failure");
        assertThat(first.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("values.yaml");
        assertThat(first.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(2);
        JsonNode suppressed = sarif.path("runs").get(0).path("results").get(1);
        assertThat(suppressed.path("suppressions").get(0).path("justification").asText()).contains("Sinkholed, SEC-9");
        assertThat(Files.readString(dir.resolve("TEST-ioc.xml"))).contains("<skipped message=\"suppressed: Sinkholed, SEC-9\"");
        assertThat(JSON.readTree(Files.readString(dir.resolve("report.json"))).path("summary").path("suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void anExtractionWithNothingPublicPassesAndWritesTheReportsACiStepUploads() throws Exception {
        Files.writeString(dir.resolve("local.yaml"), "db: 10.0.0.5\ncache: http://127.0.0.1:6379\n");

        Run result = lookup("--fail-threshold", "80", "--extract", "-f", "local.yaml", "-o", "ioc.sarif", "-o", "TEST-ioc.xml");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).contains("Note: Nothing to check: all 2 indicators found were private, reserved or local");
        assertThat(JSON.readTree(Files.readString(dir.resolve("ioc.sarif"))).path("runs").get(0).path("results")).isEmpty();
        assertThat(Files.readString(dir.resolve("TEST-ioc.xml"))).contains("tests=\"0\"");
        assertThat(datadog.requests()).isEmpty();
    }

    @Test
    void aWebServerAtTheBaseUrlFailsTheRunInsteadOfPassingEveryIndicator() throws Exception {
        datadog.otherwise(indicator -> new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                .body("<html><head><title>404 Not Found</title></head><body>nginx</body></html>").build());

        Run result = lookup("--fail-threshold", "80", "--concurrency", "1", "one.example", "two.example", "three.example");

        assertThat(result.exit()).as("%s", result).isEqualTo(IocLookupCommand.EXIT_FAILURE);
        assertThat(result.out()).contains("FAILURE  one.example  error: lookup failed: The server at localhost:")
                .contains("FAILURE  two.example  error: lookup failed: Not looked up: the run stopped as the base URL does"
                        + " not lead to Datadog (see the stop cause)")
                .contains("Stopped: The run stopped early: the base URL does not lead to Datadog: The server at localhost:")
                .contains("answered HTTP 404 with an HTML page")
                .contains("2 of 3 indicators were not looked up");
        assertThat(datadog.requests()).hasSize(1);
    }

    @Test
    void keyFiles() throws Exception {
        Path api = Files.writeString(dir.resolve("api-key"), API_KEY + "\n");
        Path app = Files.writeString(dir.resolve("app-key"), APP_KEY + "\n");

        Run result = run(Map.of(), "", "--base-url", datadog.baseUrl(), "--api-key-file", api.toString(),
                "--app-key-file", app.toString(), "evil.com");

        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(datadog.requests().get(0).getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
    }

    @Test
    void fiftyIndicatorsWithConcurrencyFour() throws Exception {
        datadog.delay(50).otherwise(indicator -> FakeDatadog.json(200,
                FakeDatadog.body(indicator, indicator.startsWith("bad") ? 90 : 10, List.of(), List.of())));
        List<String> indicators = IntStream.rangeClosed(1, 50)
                .mapToObj(i -> (i == 37 ? "bad" : "host") + i + ".example-iocs.net")
                .toList();
        Path file = Files.writeString(dir.resolve("iocs.txt"), String.join("\n", indicators) + "\n");

        Run result = lookup("--concurrency", "4", "--fail-threshold", "80", "--format", "json", "--file",
                file.toString());

        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        JsonNode report = result.json();
        assertThat(indicatorsOf(report)).containsExactlyElementsOf(indicators);
        assertThat(report.path("summary").path("indicators").asInt()).isEqualTo(50);
        assertThat(report.path("summary").path("found").asInt()).isEqualTo(50);
        assertThat(report.path("summary").path("failure").asInt()).isEqualTo(1);
        assertThat(datadog.requestCount()).isEqualTo(50);
        assertThat(datadog.maxInFlight()).as("never more than --concurrency lookups at once")
                .isBetween(1, 4);
    }

    @Test
    void versionAndHelp() throws Exception {
        Run version = run(Map.of(), "", "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out().strip()).isEqualTo("datadog-ioc-lookup " + ProductInfo.VERSION);

        Run help = run(Map.of(), "", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: ioc-lookup", "Exit codes");
    }
}
