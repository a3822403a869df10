package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser is lenient about everything but a body that is no JSON object. */
class IndicatorParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static IndicatorDetails parse(String body) throws MalformedResponseException {
        return IndicatorParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static IndicatorDetails indicator(String indicatorJson) throws MalformedResponseException {
        return parse(TestData.body(indicatorJson));
    }

    /** Every field of {@link TestData#FULL_BODY}. */
    static void assertFullBody(IndicatorDetails d) throws Exception {
        assertThat(d.id()).isEqualTo("ioc-203.0.113.66");
        assertThat(d.indicator()).isEqualTo("203.0.113.66");
        assertThat(d.indicatorType()).isEqualTo("IP Address");
        assertThat(d.score()).isEqualTo(85.5);
        assertThat(d.firstSeen()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(d.lastSeen()).isEqualTo(Instant.parse("2024-05-20T08:30:15.250Z"));
        assertThat(d.maliciousSources()).containsExactly("AbuseIPDB", "Spamhaus DROP");
        assertThat(d.suspiciousSources()).containsExactly("GreyNoise");
        assertThat(d.benignSources()).containsExactly("Cloudflare Radar");
        assertThat(d.categories()).containsExactly("scanner", "malware");
        assertThat(d.tags()).containsExactly("source:abuseipdb", "env:prod");
        assertThat(d.logMatches()).isEqualTo(1234L);
        assertThat(d.signalMatches()).isEqualTo(7L);
        assertThat(d.signalTier()).isEqualTo(2L);
        assertThat(d.signalSeverity()).containsExactly(
                new IndicatorDetails.SeverityCount("high", 2L), new IndicatorDetails.SeverityCount("medium", 5L));
        assertThat(d.logSources()).containsExactly("nginx", "cloudtrail");
        assertThat(d.hosts()).containsExactly("web-01", "web-02");
        assertThat(d.services()).containsExactly("checkout", "login");
        assertThat(d.criticalAssets()).containsExactly("payments-db");
        assertThat(d.users()).containsExactly(
                Map.entry("aws_iam", List.of("alice@example.com", "bob")), Map.entry("okta", List.of("carol")));
        assertThat(d.asNumber()).isEqualTo("AS64500");
        assertThat(d.asOrganization()).isEqualTo("Example Hosting B.V.");
        assertThat(d.asType()).isEqualTo("hosting");
        assertThat(d.asCidrBlock()).isEqualTo("203.0.113.0/24");
        assertThat(d.asGeo()).isEqualTo(new IndicatorDetails.GeoLocation("Amsterdam", "NL", "Netherlands"));
        assertThat(d.mAsType()).isEqualTo("RAISE_SCORE");
        assertThat(d.mPersistence()).isEqualTo("NO_EFFECT");
        assertThat(d.mSignal()).isEqualTo("RAISE_SCORE");
        assertThat(d.mSources()).isEqualTo("LOWER_SCORE");
        assertThat(d.maxTrustScore()).isEqualTo("RAISE_SCORE");
        assertThat(d.triageState()).isEqualTo("under_review");
        assertThat(d.triagedAt()).isEqualTo(Instant.parse("2024-05-21T09:15:00Z"));
        assertThat(d.triagedBy()).isEqualTo("secops@example.com");
        assertThat(d.triageHistory()).containsExactly(
                new IndicatorDetails.TriageEntry("new", Instant.parse("2024-05-20T09:00:00Z"), "system"),
                new IndicatorDetails.TriageEntry("under_review", Instant.parse("2024-05-21T09:15:00Z"), "secops@example.com"));
        assertThat(MAPPER.readTree(d.additionalDataJson())).isEqualTo(MAPPER.readTree(
                "{\"whois\":{\"registrar\":\"Example Registrar, Inc.\",\"created\":\"2021-03-04\"},\"ports\":[22,80,443]}"));
    }

    @Test
    void fullBody() throws Exception {
        assertFullBody(parse(TestData.FULL_BODY));
    }

    @Test
    void theDocumentationsOwnExampleParsesDespiteItsPlaceholders() throws Exception {
        IndicatorDetails d = parse(TestData.SPEC_EXAMPLE_BODY);

        assertThat(d.indicator()).isEqualTo("string");
        assertThat(d.score()).as("\"number\" is no score").isNull();
        assertThat(d.logMatches()).isNull();
        assertThat(d.signalSeverity()).containsExactly(new IndicatorDetails.SeverityCount("string", null));
        assertThat(d.firstSeen()).isEqualTo(Instant.parse("2019-09-19T10:00:00Z"));
        assertThat(d.users()).containsExactly(Map.entry("<any-key>", List.of()));
        assertThat(d.additionalDataJson()).isEqualTo("{}");
    }

    @Test
    void nullListsAreEmpty() throws Exception {
        IndicatorDetails d = indicator("{\"indicator\":\"x\",\"malicious_sources\":null,\"suspicious_sources\":null,"
                + "\"benign_sources\":null,\"categories\":null,\"tags\":null,\"signal_severity\":null,\"log_sources\":null,"
                + "\"hosts\":null,\"services\":null,\"critical_assets\":null,\"users\":null,\"triage_history\":null,"
                + "\"as_geo\":null,\"additional_data\":null,\"score\":null,\"first_seen\":null}");

        assertThat(d.maliciousSources()).isEmpty();
        assertThat(d.suspiciousSources()).isEmpty();
        assertThat(d.benignSources()).isEmpty();
        assertThat(d.categories()).isEmpty();
        assertThat(d.tags()).isEmpty();
        assertThat(d.signalSeverity()).isEmpty();
        assertThat(d.logSources()).isEmpty();
        assertThat(d.hosts()).isEmpty();
        assertThat(d.services()).isEmpty();
        assertThat(d.criticalAssets()).isEmpty();
        assertThat(d.users()).isEmpty();
        assertThat(d.triageHistory()).isEmpty();
        assertThat(d.asGeo()).isNull();
        assertThat(d.additionalDataJson()).isNull();
        assertThat(d.score()).isNull();
        assertThat(d.firstSeen()).isNull();
    }

    @Test
    void missingFieldsAreNullOrEmpty() throws Exception {
        IndicatorDetails d = indicator("{\"indicator\":\"only.example\"}");

        assertThat(d.indicator()).isEqualTo("only.example");
        assertThat(d.id()).isNull();
        assertThat(d.indicatorType()).isNull();
        assertThat(d.score()).isNull();
        assertThat(d.lastSeen()).isNull();
        assertThat(d.logMatches()).isNull();
        assertThat(d.mSignal()).isNull();
        assertThat(d.triageState()).isNull();
        assertThat(d.additionalDataJson()).isNull();
        assertThat(d.maliciousSources()).isEmpty();
        assertThat(d.users()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"data\":null}", "{\"data\":{\"attributes\":[]}}", "{\"data\":{\"attributes\":{\"data\":42}}}"})
    void aBodyWithoutAnIndicatorObjectIsNoLookupAnswer(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("not a lookup answer");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "85          | 85.0",
        "85.0        | 85.0",
        "72.5        | 72.5",
        "0           | 0.0",
        "100         | 100.0",
        "\"85.5\"    | 85.5",
        "\" 40 \"    | 40.0",
        "8.55e1      | 85.5",
    })
    void scoresIntegralFractionalOrAsStrings(String json, double expected) throws Exception {
        assertThat(indicator("{\"score\":" + json.strip() + "}").score()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"high\"", "\"\"", "true", "[85]", "{\"value\":85}", "\"NaN\"", "\"Infinity\"", "1e999"})
    void unreadableScoresAreNoScore(String json) throws Exception {
        assertThat(indicator("{\"score\":" + json + "}").score()).isNull();
    }

    @Test
    void countsAcceptFractionsAndStrings() throws Exception {
        IndicatorDetails d = indicator("{\"log_matches\":12.0,\"signal_matches\":\"3\",\"signal_tier\":\"integer\"}");

        assertThat(d.logMatches()).isEqualTo(12L);
        assertThat(d.signalMatches()).isEqualTo(3L);
        assertThat(d.signalTier()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-05-01T10:00:00Z              | 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00.000Z          | 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00.123456789Z    | 2024-05-01T10:00:00.123456789Z",
        "2024-05-01T10:00:00.5Z            | 2024-05-01T10:00:00.500Z",
        "2024-05-01T12:00:00+02:00         | 2024-05-01T10:00:00Z",
        "2024-05-01T12:00:00.250+02:00     | 2024-05-01T10:00:00.250Z",
        "2024-05-01T10:00:00               | 2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00.75            | 2024-05-01T10:00:00.750Z",
        "2024-05-01T10:00                  | 2024-05-01T10:00:00Z",
    })
    void timestampsWithOrWithoutFractionsAndZones(String text, String expected) throws Exception {
        IndicatorDetails d = indicator("{\"first_seen\":\"" + text.strip() + "\",\"last_seen\":\" " + text.strip() + " \"}");

        assertThat(d.firstSeen()).isEqualTo(Instant.parse(expected.strip()));
        assertThat(d.lastSeen()).isEqualTo(Instant.parse(expected.strip()));
    }

    @Test
    void timestampsAsEpochMillisOrUnreadable() throws Exception {
        IndicatorDetails d = indicator("{\"first_seen\":1714557600000,\"last_seen\":\"yesterday\",\"triaged_at\":true}");

        assertThat(d.firstSeen()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(d.lastSeen()).isNull();
        assertThat(d.triagedAt()).isNull();
    }

    @Test
    void humanReadableIndicatorTypeIsKept() throws Exception {
        assertThat(indicator("{\"indicator_type\":\"IP Address\"}").indicatorType()).isEqualTo("IP Address");
        assertThat(indicator("{\"indicator_type\":\"ip_address\"}").indicatorType()).isEqualTo("ip_address");
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownEnumValuesKept() throws Exception {
        IndicatorDetails d = indicator("{\"indicator\":\"x.example\",\"brand_new_field\":{\"nested\":[1,2]},"
                + "\"another\":null,\"m_signal\":\"SOMETHING_NEW\",\"m_sources\":\"raise_score\","
                + "\"max_trust_score\":7,\"triage_state\":\"escalated_to_mars\"}");

        assertThat(d.indicator()).isEqualTo("x.example");
        assertThat(d.mSignal()).isEqualTo("SOMETHING_NEW");
        assertThat(d.mSources()).isEqualTo("raise_score");
        assertThat(d.maxTrustScore()).isEqualTo("7");
        assertThat(d.triageState()).isEqualTo("escalated_to_mars");
    }

    @Test
    void sourcesAsObjectsOrPlainStrings() throws Exception {
        IndicatorDetails d = indicator("{\"malicious_sources\":[\"AbuseIPDB\",{\"name\":\"Spamhaus\"},null,5,{},"
                + "{\"name\":null},{\"name\":\"Feodo\",\"confidence\":90}],"
                + "\"suspicious_sources\":\"GreyNoise\",\"benign_sources\":[[\"nested\"]]}");

        assertThat(d.maliciousSources()).containsExactly("AbuseIPDB", "Spamhaus", "Feodo");
        assertThat(d.suspiciousSources()).as("not a list").isEmpty();
        assertThat(d.benignSources()).isEmpty();
    }

    @Test
    void stringListsTolerateSingleValuesAndJunkElements() throws Exception {
        IndicatorDetails d = indicator("{\"categories\":\"malware\",\"tags\":[\"a\",null,3,true,{\"x\":1},[\"y\"]],"
                + "\"hosts\":{\"not\":\"a list\"}}");

        assertThat(d.categories()).containsExactly("malware");
        assertThat(d.tags()).containsExactly("a", "3", "true");
        assertThat(d.hosts()).isEmpty();
    }

    @Test
    void usersByCategory() throws Exception {
        IndicatorDetails d = indicator("{\"users\":{\"aws_iam\":[\"alice\",\"bob\"],\"okta\":\"carol\","
                + "\"gcp\":null,\"azure\":[]}}");

        assertThat(d.users()).containsExactly(
                Map.entry("aws_iam", List.of("alice", "bob")),
                Map.entry("okta", List.of("carol")),
                Map.entry("gcp", List.of()),
                Map.entry("azure", List.of()));
    }

    @Test
    void triageFields() throws Exception {
        IndicatorDetails d = indicator("{\"triage_state\":\"false_positive\",\"triaged_at\":\"2024-06-01T08:00:00.000Z\","
                + "\"triaged_by\":\"jane@example.com\",\"triage_history\":["
                + "{\"triage_state\":\"new\",\"triaged_at\":\"2024-05-30T08:00:00Z\",\"triaged_by\":\"system\"},"
                + "{\"triage_state\":\"false_positive\"},"
                + "\"junk\","
                + "{\"triage_state\":\"benign\",\"triaged_at\":\"not a date\",\"triaged_by\":null}]}");

        assertThat(d.triageState()).isEqualTo("false_positive");
        assertThat(d.triagedAt()).isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
        assertThat(d.triagedBy()).isEqualTo("jane@example.com");
        assertThat(d.triageHistory()).containsExactly(
                new IndicatorDetails.TriageEntry("new", Instant.parse("2024-05-30T08:00:00Z"), "system"),
                new IndicatorDetails.TriageEntry("false_positive", null, null),
                new IndicatorDetails.TriageEntry("benign", null, null));
    }

    @Test
    void signalSeverity() throws Exception {
        IndicatorDetails d = indicator("{\"signal_severity\":[{\"severity\":\"critical\",\"count\":1},"
                + "{\"severity\":\"low\",\"count\":\"4\"},{\"severity\":\"info\"},7]}");

        assertThat(d.signalSeverity()).containsExactly(
                new IndicatorDetails.SeverityCount("critical", 1L),
                new IndicatorDetails.SeverityCount("low", 4L),
                new IndicatorDetails.SeverityCount("info", null));
    }

    @Test
    void additionalDataIsKeptAsJson() throws Exception {
        String additional = "{\"whois\":{\"registrar\":\"R\",\"emails\":[\"a@b.c\"]},\"score_history\":[1,2.5,null],"
                + "\"flag\":true,\"quote\":\"he said \\\"hi\\\"\"}";

        IndicatorDetails d = indicator("{\"additional_data\":" + additional + "}");

        JsonNode kept = MAPPER.readTree(d.additionalDataJson());
        assertThat(kept).isEqualTo(MAPPER.readTree(additional));
        assertThat(indicator("{\"additional_data\":[1,\"two\"]}").additionalDataJson()).isEqualTo("[1,\"two\"]");
        assertThat(indicator("{\"additional_data\":\"text\"}").additionalDataJson()).isEqualTo("\"text\"");
    }

    @Test
    void asGeoFields() throws Exception {
        IndicatorDetails d = indicator("{\"as_geo\":{\"country_code\":\"DE\",\"unknown\":1}}");

        assertThat(d.asGeo()).isEqualTo(new IndicatorDetails.GeoLocation(null, "DE", null));
        assertThat(indicator("{\"as_geo\":\"DE\"}").asGeo()).isNull();
    }

    @Test
    void parsedListsCannotBeChanged() throws Exception {
        IndicatorDetails d = parse(TestData.FULL_BODY);

        assertThatThrownBy(() -> d.categories().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.users().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.users().get("okta").add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBodyThatIsNoJsonIsMalformed() {
        assertThatThrownBy(() -> parse("<html>oops</html>"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"data\": {"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"data\":{}} trailing"))
                .isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> IndicatorParser.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}))
                .isInstanceOf(MalformedResponseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "42", "\"text\"", "true"})
    void jsonThatIsNoObjectIsMalformed(String body) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void malformedMessagesStayOnOneLine() {
        assertThatThrownBy(() -> parse("{\n\"data\": nope\n}"))
                .isInstanceOf(MalformedResponseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
