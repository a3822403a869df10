package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.datadog.ioc.TestData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.HttpUrl;

/**
 * Properties of what goes out (the indicator reaches Datadog unchanged, whatever it is) and of what
 * comes back (no response body, however mangled, makes the parser fail with anything but {@link
 * MalformedResponseException}).
 */
class IndicatorParserPropertiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static MockWebServer server;
    private static IocClient client;

    @BeforeContainer
    static void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new IocClient(IocClientConfig.builder(ApiKeys.of("api-key-for-properties", "app-key-for-properties"))
                .baseUrl(server.url("/").toString())
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .timeout(Duration.ofSeconds(10))
                .build());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // Datadog's "not found": a small answer keeps 200 round trips quick.
                return IocClientTest.json(404, "{\"errors\":[\"Not found\"]}");
            }
        });
    }

    @AfterContainer
    static void stopServer() {
        client.close();
        server.close();
    }

    // ---------------------------------------------------------------- what goes out

    /** Any text, including unpaired surrogates, emoji, URL syntax and percent signs, but no control characters. */
    @Provide
    Arbitrary<String> indicators() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(Indicators.MAX_LENGTH);
        Arbitrary<String> plainUnicode = Arbitraries.strings().ofMinLength(1).ofMaxLength(300);
        Arbitrary<String> urlish = Arbitraries.strings().withChars(" +&#/?%=;:@!$'()*,[]{}|\\^`\"<>~.-_aZ09äß中😀")
                .ofMinLength(1).ofMaxLength(60);
        return Arbitraries.oneOf(anyChars, plainUnicode, urlish)
                .map(String::strip)
                .filter(s -> !s.isEmpty() && s.length() <= Indicators.MAX_LENGTH && s.chars().noneMatch(Character::isISOControl));
    }

    private static boolean wellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 500)
    void theUrlTheClientBuildsCarriesTheIndicatorUnchanged(@ForAll("indicators") String indicator) {
        HttpUrl url = HttpUrl.get("https://api.datadoghq.com").newBuilder()
                .addPathSegments(IocClient.PATH)
                .addQueryParameter("indicator", indicator)
                .build();

        HttpUrl reparsed = HttpUrl.get(url.toString());
        if (wellFormedUtf16(indicator)) {
            assertThat(reparsed.queryParameter("indicator")).isEqualTo(indicator);
            assertThat(reparsed.querySize()).isEqualTo(1);
        }
        assertThat(reparsed.encodedPath()).isEqualTo("/api/v2/security/siem/ioc-explorer/indicator");
    }

    @Property(tries = 200)
    void theIndicatorReachesTheServerUnchangedOrIsNotSentAtAll(@ForAll("indicators") String indicator)
            throws InterruptedException {
        int before = server.getRequestCount();

        LookupResult result = client.lookup(indicator);

        if (server.getRequestCount() == before) {
            // Refusing an indicator that cannot be sent faithfully is fine, as long as it is said.
            assertThat(result.status()).isEqualTo(LookupStatus.ERROR);
            assertThat(wellFormedUtf16(indicator)).as("only an unsendable indicator may be refused: %s", result).isFalse();
            return;
        }
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getUrl().queryParameterValues("indicator")).containsExactly(indicator);
        assertThat(result.status()).isEqualTo(LookupStatus.NOT_FOUND);
        assertThat(result.indicator()).isEqualTo(indicator);
    }

    // ---------------------------------------------------------------- what comes back

    /** One change to a body: at a relative position, so that it applies to any length. */
    sealed interface Mutation permits Delete, Insert, Replace, Truncate, SwapValue {}

    record Delete(double at, int length) implements Mutation {}

    record Insert(double at, String text) implements Mutation {}

    record Replace(double at, String text) implements Mutation {}

    record Truncate(double at) implements Mutation {}

    /** Replaces the n-th value anywhere in the document (when it is still JSON) with another. */
    record SwapValue(int nodeIndex, JsonNode replacement) implements Mutation {}

    private static Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static Arbitrary<String> fragments() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[]\",:0123456789.eE-+ ntrufals\\u/").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("null", "true", "-0", "1e400", "-1e400", "9".repeat(30), "1.5e-400", "\"\\ud800\"",
                        "\"\\u0000\"", "[[[[[[[[", "]]]]", "{\"a\":", "\uFEFF", "NaN", "Infinity", "\"2024-13-45T99:99:99Z\""));
    }

    private static Arbitrary<JsonNode> values(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<Arbitrary<JsonNode>> choices = new ArrayList<>(List.of(
                Arbitraries.just((JsonNode) f.nullNode()),
                Arbitraries.of(true, false).map(b -> (JsonNode) f.booleanNode(b)),
                Arbitraries.integers().map(i -> (JsonNode) f.numberNode(i.intValue())),
                Arbitraries.longs().map(l -> (JsonNode) f.numberNode(l.longValue())),
                Arbitraries.doubles().map(d -> (JsonNode) f.numberNode(d.doubleValue())),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-1e400"), new BigDecimal("1e-400"),
                        new BigDecimal("123456789012345678901234567890.5")).map(b -> (JsonNode) f.numberNode(b)),
                Arbitraries.of(new BigInteger("9".repeat(40)), new BigInteger("-" + "9".repeat(40)))
                        .map(b -> (JsonNode) f.numberNode(b)),
                Arbitraries.strings().all().ofMaxLength(20).map(t -> (JsonNode) f.textNode(t)),
                Arbitraries.of("85.5", "", " ", "NaN", "-Infinity", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00",
                        "9999999999-01-01T00:00:00Z", "RAISE_SCORE", "SOMETHING_NEW").map(t -> (JsonNode) f.textNode(t))));
        if (depth > 0) {
            choices.add(values(depth - 1).list().ofMaxSize(3).map(list -> {
                ArrayNode array = f.arrayNode();
                list.forEach(array::add);
                return (JsonNode) array;
            }));
            choices.add(Combinators.combine(
                    Arbitraries.of("name", "score", "count", "severity", "triage_state", "x", "").list().ofMaxSize(3),
                    values(depth - 1).list().ofSize(3)).as((names, vals) -> {
                        ObjectNode object = f.objectNode();
                        for (int i = 0; i < names.size(); i++) {
                            object.set(names.get(i), vals.get(i));
                        }
                        return (JsonNode) object;
                    }));
        }
        return Arbitraries.oneOf(choices);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Arbitraries.oneOf(
                Combinators.combine(positions(), Arbitraries.integers().between(1, 40)).as(Delete::new),
                Combinators.combine(positions(), fragments()).as(Insert::new),
                Combinators.combine(positions(), fragments()).as(Replace::new),
                positions().map(Truncate::new),
                Combinators.combine(Arbitraries.integers().between(0, 500), values(2)).as(SwapValue::new),
                Combinators.combine(Arbitraries.integers().between(0, 500), values(2)).as(SwapValue::new));
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    static String apply(String body, Mutation mutation) {
        int at = mutation instanceof Delete d ? index(body, d.at())
                : mutation instanceof Insert i ? index(body, i.at())
                : mutation instanceof Replace r ? index(body, r.at())
                : mutation instanceof Truncate t ? index(body, t.at()) : 0;
        if (mutation instanceof Delete d) {
            return body.substring(0, at) + body.substring(Math.min(body.length(), at + d.length()));
        }
        if (mutation instanceof Insert i) {
            return body.substring(0, at) + i.text() + body.substring(at);
        }
        if (mutation instanceof Replace r) {
            return body.substring(0, at) + r.text() + body.substring(Math.min(body.length(), at + r.text().length()));
        }
        if (mutation instanceof Truncate) {
            return body.substring(0, at);
        }
        SwapValue swap = (SwapValue) mutation;
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return body; // no longer JSON: nothing to swap
        }
        if (root == null || !root.isContainerNode()) {
            return body;
        }
        List<Runnable> setters = new ArrayList<>();
        collectSetters(root, swap.replacement(), setters);
        if (setters.isEmpty()) {
            return body;
        }
        setters.get(swap.nodeIndex() % setters.size()).run();
        return root.toString();
    }

    private static void collectSetters(JsonNode node, JsonNode replacement, List<Runnable> setters) {
        if (node instanceof ObjectNode object) {
            for (String name : iterable(object)) {
                setters.add(() -> object.set(name, replacement));
                collectSetters(object.get(name), replacement, setters);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                setters.add(() -> array.set(index, replacement));
                collectSetters(array.get(i), replacement, setters);
            }
        }
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int index(String body, double at) {
        return (int) Math.min(body.length(), Math.floor(at * (body.length() + 1)));
    }

    /** Either a result, or a {@link MalformedResponseException}: nothing else may escape. */
    private static void parseNeverThrowsAnythingElse(byte[] body) {
        try {
            IndicatorDetails details = IndicatorParser.parse(body);
            assertThat(details).isNotNull();
            assertThat(details.maliciousSources()).doesNotContainNull();
            assertThat(details.categories()).doesNotContainNull();
            assertThat(details.users()).isNotNull();
            if (details.score() != null) {
                assertThat(details.score()).isFinite();
            }
            if (details.additionalDataJson() != null) {
                assertThat(MAPPER.readTree(details.additionalDataJson())).isNotNull();
            }
        } catch (MalformedResponseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (IOException e) {
            throw new AssertionError("additional_data was not kept as JSON", e);
        }
    }

    @Property(tries = 1000)
    void theParserSurvivesMutatedBodies(@ForAll("mutations") List<Mutation> mutations) {
        String body = TestData.FULL_BODY;
        for (Mutation mutation : mutations) {
            body = apply(body, mutation);
        }
        parseNeverThrowsAnythingElse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void theParserSurvivesMutatedDocumentationExamples(@ForAll("mutations") List<Mutation> mutations) {
        String body = TestData.SPEC_EXAMPLE_BODY;
        for (Mutation mutation : mutations) {
            body = apply(body, mutation);
        }
        parseNeverThrowsAnythingElse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void theParserSurvivesArbitraryBytes(@ForAll byte[] body) {
        parseNeverThrowsAnythingElse(body);
    }

    @Property(tries = 500)
    void theParserSurvivesCorruptedBytes(@ForAll("byteCorruptions") List<int[]> corruptions) {
        byte[] body = TestData.FULL_BODY.getBytes(StandardCharsets.UTF_8);
        for (int[] corruption : corruptions) {
            body[corruption[0] % body.length] = (byte) corruption[1];
        }
        parseNeverThrowsAnythingElse(body);
    }

    @Provide
    Arbitrary<List<int[]>> byteCorruptions() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as((position, value) -> new int[] {position, value})
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 200)
    void deeplyNestedBodiesDoNotOverflowTheStack(@ForAll("depths") int depth, @ForAll boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String body = TestData.body(open.repeat(depth) + "1" + close.repeat(depth));
        parseNeverThrowsAnythingElse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 20_000).edgeCases(c -> c.add(999, 1000, 1001, 5000));
    }
}
