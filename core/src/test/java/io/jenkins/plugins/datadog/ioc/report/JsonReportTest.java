package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode render(GateReport report) throws Exception {
        String json = JsonReport.render(report);
        assertThat(json).endsWith(System.lineSeparator());
        return MAPPER.readTree(json);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void topLevel() throws Exception {
        JsonNode root = render(Reports.mixed());

        assertThat(root.path("format_version").asInt()).isEqualTo(JsonReport.FORMAT_VERSION).isEqualTo(1);
        assertThat(root.path("generator").asText()).startsWith("datadog-ioc-lookup ").doesNotContain("${");
        assertThat(root.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(root.path("duration_ms").asLong()).isEqualTo(1234);
        assertThat(root.path("results").isArray()).isTrue();
        assertThat(root.path("results")).hasSize(4);
    }

    @Test
    void summary() throws Exception {
        JsonNode summary = render(Reports.mixed()).path("summary");

        assertThat(summary.path("indicators").asInt()).isEqualTo(4);
        assertThat(summary.path("found").asInt()).isEqualTo(2);
        assertThat(summary.path("not_found").asInt()).isEqualTo(1);
        assertThat(summary.path("error").asInt()).isEqualTo(1);
        assertThat(summary.path("pass").asInt()).isEqualTo(2);
        assertThat(summary.path("unstable").asInt()).isZero();
        assertThat(summary.path("failure").asInt()).isEqualTo(2);
        assertThat(summary.path("cached").asInt()).isZero();
        assertThat(summary.path("skipped").asInt()).isZero();
        assertThat(summary.path("worst_score").asDouble()).isEqualTo(85.5);
    }

    @Test
    void resultsKeepTheirOrderAndSayWhatHappened() throws Exception {
        JsonNode results = render(Reports.mixed()).path("results");

        List<String> order = new ArrayList<>();
        results.forEach(result -> order.add(result.path("indicator").asText()));
        assertThat(order).containsExactly("203.0.113.66", "unknown.example", "broken.example", "calm.example");
        for (JsonNode result : results) {
            assertThat(names(result)).contains("indicator", "status", "score", "verdict", "reason");
        }

        JsonNode found = results.get(0);
        assertThat(found.path("status").asText()).isEqualTo("FOUND");
        assertThat(found.path("score").asDouble()).isEqualTo(85.5);
        assertThat(found.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(found.path("reason").asText()).contains("85.5").contains("80");
        assertThat(found.path("error").isNull()).isTrue();
        assertThat(found.path("attempts").asInt()).isEqualTo(1);
        assertThat(found.path("cached").asBoolean()).isFalse();

        JsonNode notFound = results.get(1);
        assertThat(notFound.path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(notFound.path("score").isNull()).isTrue();
        assertThat(notFound.path("verdict").asText()).isEqualTo("PASS");
        assertThat(notFound.has("datadog")).isFalse();

        JsonNode error = results.get(2);
        assertThat(error.path("status").asText()).isEqualTo("ERROR");
        assertThat(error.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(error.path("error").asText()).isEqualTo("Datadog rejected the API key (HTTP 401: Unauthorized).");
        assertThat(error.path("reason").asText()).contains("lookup failed");
        assertThat(error.has("datadog")).isFalse();

        assertThat(results.get(3).path("verdict").asText()).isEqualTo("PASS");
        assertThat(results.get(3).path("score").asDouble()).isEqualTo(12.5);
    }

    @Test
    void datadogKeepsTheApisOwnFieldNames() throws Exception {
        JsonNode d = render(Reports.mixed()).path("results").get(0).path("datadog");

        assertThat(d.path("id").asText()).isEqualTo("ioc-203.0.113.66");
        assertThat(d.path("indicator").asText()).isEqualTo("203.0.113.66");
        assertThat(d.path("indicator_type").asText()).isEqualTo("IP Address");
        assertThat(d.path("score").asDouble()).isEqualTo(85.5);
        assertThat(d.path("first_seen").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(d.path("last_seen").asText()).isEqualTo("2024-05-20T08:30:15.250Z");
        assertThat(d.path("malicious_sources")).hasSize(2);
        assertThat(d.path("malicious_sources").get(0).path("name").asText()).isEqualTo("AbuseIPDB");
        assertThat(d.path("malicious_sources").get(1).path("name").asText()).isEqualTo("Spamhaus DROP");
        assertThat(d.path("suspicious_sources").get(0).path("name").asText()).isEqualTo("GreyNoise");
        assertThat(d.path("benign_sources").get(0).path("name").asText()).isEqualTo("Cloudflare Radar");
        assertThat(d.path("categories").toString()).isEqualTo("[\"scanner\",\"malware\"]");
        assertThat(d.path("tags")).hasSize(2);
        assertThat(d.path("log_matches").asLong()).isEqualTo(1234);
        assertThat(d.path("signal_matches").asLong()).isEqualTo(7);
        assertThat(d.path("signal_tier").asLong()).isEqualTo(2);
        assertThat(d.path("signal_severity").get(0).path("severity").asText()).isEqualTo("high");
        assertThat(d.path("signal_severity").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(d.path("signal_severity").get(1).path("count").asLong()).isEqualTo(5);
        assertThat(d.path("log_sources").toString()).isEqualTo("[\"nginx\",\"cloudtrail\"]");
        assertThat(d.path("hosts")).hasSize(2);
        assertThat(d.path("services")).hasSize(2);
        assertThat(d.path("critical_assets").get(0).asText()).isEqualTo("payments-db");
        assertThat(d.path("users").path("aws_iam").toString()).isEqualTo("[\"alice@example.com\",\"bob\"]");
        assertThat(d.path("users").path("okta").get(0).asText()).isEqualTo("carol");
        assertThat(d.path("as_number").asText()).isEqualTo("AS64500");
        assertThat(d.path("as_organization").asText()).isEqualTo("Example Hosting B.V.");
        assertThat(d.path("as_type").asText()).isEqualTo("hosting");
        assertThat(d.path("as_cidr_block").asText()).isEqualTo("203.0.113.0/24");
        assertThat(d.path("as_geo").path("city").asText()).isEqualTo("Amsterdam");
        assertThat(d.path("as_geo").path("country_code").asText()).isEqualTo("NL");
        assertThat(d.path("as_geo").path("country_name").asText()).isEqualTo("Netherlands");
        assertThat(d.path("m_as_type").asText()).isEqualTo("RAISE_SCORE");
        assertThat(d.path("m_persistence").asText()).isEqualTo("NO_EFFECT");
        assertThat(d.path("m_signal").asText()).isEqualTo("RAISE_SCORE");
        assertThat(d.path("m_sources").asText()).isEqualTo("LOWER_SCORE");
        assertThat(d.path("max_trust_score").asText()).isEqualTo("RAISE_SCORE");
        assertThat(d.path("triage_state").asText()).isEqualTo("under_review");
        assertThat(d.path("triaged_at").asText()).isEqualTo("2024-05-21T09:15:00Z");
        assertThat(d.path("triaged_by").asText()).isEqualTo("secops@example.com");
        assertThat(d.path("triage_history")).hasSize(2);
        assertThat(d.path("triage_history").get(0).path("triage_state").asText()).isEqualTo("new");
        assertThat(d.path("triage_history").get(0).path("triaged_at").asText()).isEqualTo("2024-05-20T09:00:00Z");
        assertThat(d.path("triage_history").get(1).path("triaged_by").asText()).isEqualTo("secops@example.com");
        assertThat(d.path("additional_data").path("whois").path("registrar").asText()).isEqualTo("Example Registrar, Inc.");
        assertThat(d.path("additional_data").path("ports").toString()).isEqualTo("[22,80,443]");
        // Java names never leak into the format.
        assertThat(names(d)).noneMatch(name -> name.chars().anyMatch(Character::isUpperCase));
    }

    @Test
    void absentDatadogFieldsAreLeftOutOrEmpty() throws Exception {
        JsonNode d = render(Reports.report(TestData.found("bare.example", "{\"indicator\":\"bare.example\"}")))
                .path("results").get(0).path("datadog");

        assertThat(d.path("indicator").asText()).isEqualTo("bare.example");
        assertThat(d.has("score")).isFalse();
        assertThat(d.has("as_geo")).isFalse();
        assertThat(d.has("first_seen")).isFalse();
        assertThat(d.has("additional_data")).isFalse();
        assertThat(d.path("malicious_sources")).isEmpty();
        assertThat(d.path("triage_history")).isEmpty();
        assertThat(d.path("users").isObject()).isTrue();
    }

    @Test
    void cachedAndSkippedAreCounted() throws Exception {
        LookupResult cached = TestData.found("cached.example", 55).fromCache();
        JsonNode root = render(Reports.report(3, cached));

        assertThat(root.path("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(root.path("summary").path("cached").asInt()).isEqualTo(1);
        assertThat(root.path("summary").path("skipped").asInt()).isEqualTo(3);
        assertThat(root.path("results").get(0).path("cached").asBoolean()).isTrue();
        assertThat(root.path("results").get(0).path("attempts").asInt()).isZero();
    }

    @Test
    void anEmptyReportPasses() throws Exception {
        JsonNode root = render(Reports.report());

        assertThat(root.path("verdict").asText()).isEqualTo("PASS");
        assertThat(root.path("summary").path("indicators").asInt()).isZero();
        assertThat(root.path("summary").path("worst_score").isNull()).isTrue();
        assertThat(root.path("results")).isEmpty();
    }

    @Test
    void hostileTextStaysValidJson() throws Exception {
        String hostile = "\"},{\"verdict\":\"PASS\"}\u0000\u001b[2J\n</script>";
        JsonNode root = render(Reports.report(TestData.error(hostile, hostile)));

        assertThat(root.path("results")).hasSize(1);
        assertThat(root.path("results").get(0).path("indicator").asText()).isEqualTo(hostile);
        assertThat(root.path("results").get(0).path("error").asText()).isEqualTo(hostile);
        assertThat(root.path("verdict").asText()).isEqualTo("FAILURE");
    }

    @Test
    void everyResultSaysWhetherItIsSuppressedAndThePolicysVerdict() throws Exception {
        JsonNode root = render(Reports.mixed());

        for (JsonNode result : root.path("results")) {
            assertThat(result.path("suppressed").isBoolean()).isTrue();
            assertThat(result.path("suppressed").asBoolean()).isFalse();
            assertThat(result.path("policy_verdict").asText()).isEqualTo(result.path("verdict").asText());
            assertThat(result.has("suppression")).isFalse();
            assertThat(result.has("location")).isFalse();
        }
        assertThat(root.path("summary").path("suppressed").asInt()).isZero();
        assertThat(root.path("suppressions").toString())
                .isEqualTo("{\"entries\":0,\"on_expired\":\"PASS\",\"expired\":[],\"unused\":[]}");
    }

    @Test
    void suppressedResultsCarryTheirMatchAndLocation() throws Exception {
        JsonNode root = render(Reports.suppressed(Verdict.UNSTABLE));
        JsonNode results = root.path("results");

        JsonNode scanner = results.get(0);
        assertThat(scanner.path("verdict").asText()).isEqualTo("PASS");
        assertThat(scanner.path("policy_verdict").asText()).isEqualTo("FAILURE");
        assertThat(scanner.path("suppressed").asBoolean()).isTrue();
        assertThat(scanner.path("score").asDouble()).as("the real score").isEqualTo(85);
        assertThat(scanner.path("suppression").toString()).isEqualTo("{\"indicator\":\"203.0.113.7\",\"reason\":"
                + "\"Our own scanner\",\"expires\":\"2027-03-31\",\"max_verdict\":\"PASS\",\"source\":"
                + "\"suppressions.json entry 1\",\"expired\":false}");
        assertThat(scanner.path("location").toString())
                .isEqualTo("{\"file\":\"config/app.yaml\",\"line\":12,\"column\":7,\"occurrences\":3}");

        JsonNode old = results.get(2);
        assertThat(old.path("suppressed").asBoolean()).isFalse();
        assertThat(old.path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(old.path("suppression").path("expired").asBoolean()).isTrue();
        assertThat(old.has("location")).isFalse();

        JsonNode capped = results.get(4);
        assertThat(capped.path("verdict").asText()).isEqualTo("UNSTABLE");
        assertThat(capped.path("policy_verdict").asText()).isEqualTo("FAILURE");
        assertThat(capped.path("suppression").path("expires").isNull()).isTrue();
        assertThat(capped.path("suppression").path("max_verdict").asText()).isEqualTo("UNSTABLE");

        assertThat(root.path("summary").path("suppressed").asInt()).isEqualTo(2);
        assertThat(root.path("summary").path("pass").asInt()).as("verdicts as capped").isEqualTo(2);
    }

    @Test
    void theSuppressionEntriesOfTheRun() throws Exception {
        JsonNode suppressions = render(Reports.suppressed(Verdict.UNSTABLE)).path("suppressions");

        assertThat(suppressions.path("entries").asInt()).isEqualTo(4);
        assertThat(suppressions.path("on_expired").asText()).isEqualTo("UNSTABLE");
        assertThat(suppressions.path("expired")).hasSize(1);
        assertThat(suppressions.path("expired").get(0).path("indicator").asText()).isEqualTo("198.51.100.9");
        assertThat(suppressions.path("expired").get(0).path("expires").asText()).isEqualTo("2026-03-31");
        assertThat(suppressions.path("expired").get(0).path("expired").asBoolean()).isTrue();
        assertThat(suppressions.path("unused")).hasSize(1);
        assertThat(suppressions.path("unused").get(0).path("indicator").asText()).isEqualTo("*.cdn.example.com");
        assertThat(suppressions.path("unused").get(0).path("source").asText()).isEqualTo("suppressions.json entry 4");
        assertThat(suppressions.path("unused").get(0).path("expired").asBoolean()).isFalse();
    }
}
