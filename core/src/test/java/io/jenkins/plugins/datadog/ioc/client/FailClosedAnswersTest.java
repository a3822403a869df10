package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.Sockets;
import io.jenkins.plugins.datadog.ioc.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers the gate cannot judge end as errors, never as "not found" or a clean indicator: what is not
 * Datadog's answer at the base URL, and a gateway that never answers at all.
 */
class FailClosedAnswersTest {
    private static final String API_KEY = "api-secret-fail-closed-0123";
    private static final String INDICATOR = "203.0.113.66";
    /** Datadog's own "not found" for this endpoint, as the official clients recorded it. */
    private static final String DATADOG_NOT_FOUND = "{\"errors\":[{\"title\":\"Generic Error\",\"detail\":\"indicator not found\"}]}";

    private final MockWebServer server = new MockWebServer();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        server.close();
    }

    private IocClient client(UnaryOperator<IocClientConfig.Builder> custom) {
        IocClient client = new IocClient(custom.apply(IocClientConfig.builder(ApiKeys.of(API_KEY, "app-secret-fail-closed-456"))
                .baseUrl(server.url("/").toString()).backoff(Duration.ofMillis(10), Duration.ofMillis(50))).build());
        resources.add(client);
        return client;
    }

    private static MockResponse answer(int code, String contentType, String body) {
        MockResponse.Builder response = new MockResponse.Builder().code(code).body(body);
        return contentType == null ? response.build() : response.setHeader("Content-Type", contentType).build();
    }

    /** Answers {@code first} to {@link #INDICATOR}, a found indicator to any other. */
    private void answerFirst(MockResponse first) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return INDICATOR.equals(request.getUrl().queryParameter("indicator")) ? first
                        : answer(200, "application/vnd.api+json", TestData.FULL_BODY);
            }
        });
    }

    // ---------------------------------------------------------------- 404: only Datadog's means "not found"

    static Stream<Arguments> datadogsNotFound() {
        return Stream.of(
                Arguments.of("application/vnd.api+json", DATADOG_NOT_FOUND),
                Arguments.of("application/json; charset=utf-8", "{\"errors\":[\"Not found\"]}"));
    }

    @ParameterizedTest
    @MethodSource("datadogsNotFound")
    void datadogsOwnNotFoundIsNotFound(String contentType, String body) throws Exception {
        answerFirst(answer(404, contentType, body));

        LookupResult result = client(b -> b).lookup(INDICATOR);

        assertThat(result.status()).isEqualTo(LookupStatus.NOT_FOUND);
    }

    static Stream<Arguments> notDatadog() {
        return Stream.of(
                Arguments.of("a web server's HTML page", answer(404, "text/html",
                        "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"),
                        "answered HTTP 404 with an HTML page, probably from a proxy or load balancer: 404 Not Found (text/html)"),
                Arguments.of("a proxy's empty 404", answer(404, null, ""), "answered HTTP 404 with an empty body, no content type"),
                Arguments.of("another API under a wrong path prefix", answer(404, "application/json",
                        "{\"timestamp\":\"2026-12-07T04:00:00Z\",\"status\":404,\"error\":\"Not Found\",\"path\":\"/x\"}"),
                        "answered HTTP 404 with {\"timestamp\""),
                Arguments.of("a plain-text 404", answer(404, "text/plain; charset=utf-8", "404 page not found"),
                        "answered HTTP 404 with 404 page not found (text/plain; charset=utf-8)"),
                Arguments.of("Datadog's error body in HTML", answer(404, "text/html", DATADOG_NOT_FOUND), "answered HTTP 404"),
                Arguments.of("a login page with 200", answer(200, "text/html; charset=UTF-8",
                        "<html><title>Sign in</title><form>...</form></html>"), "answered HTTP 200 with an HTML page"),
                Arguments.of("an empty 204", answer(204, null, ""), "answered HTTP 204 with an empty body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notDatadog")
    void anAnswerThatIsNotDatadogsIsAnErrorThatStopsTheRun(String what, MockResponse response, String says) throws Exception {
        answerFirst(response);
        IocClient client = client(b -> b);

        LookupResult first = client.lookup(INDICATOR);
        LookupResult next = client.lookup("198.51.100.7");

        assertThat(first.status()).isEqualTo(LookupStatus.ERROR);
        assertThat(first.errorMessage()).startsWith("The server at " + server.getHostName() + ':' + server.getPort() + ' ').contains(says)
                .contains("which is not an answer of Datadog's IoC Explorer. Check the base URL (" + server.url("/") + ")")
                .doesNotContain(API_KEY);
        // The same for every indicator: one request, not one per indicator.
        assertThat(next.errorMessage()).isEqualTo("Not looked up: the run stopped as the base URL does not lead to Datadog"
                + " (see the stop cause)");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(client.stop()).isEqualTo(new IocClient.RunStop(IocClient.StopReason.NOT_DATADOG,
                "the base URL does not lead to Datadog: " + first.errorMessage(), 1));
    }

    @Test
    void aServerNameTellsWhatAnswered() throws Exception {
        answerFirst(new MockResponse.Builder().code(404).setHeader("Server", "nginx/1.25.3").build());

        assertThat(client(b -> b).lookup(INDICATOR).errorMessage()).contains("server 'nginx/1.25.3'");
    }

    @Test
    void aJsonSuccessThatIsNoLookupAnswerIsAnErrorOfThatIndicatorOnly() throws Exception {
        answerFirst(answer(200, "application/json", "{\"status\":\"ok\"}"));
        IocClient client = client(b -> b);

        LookupResult first = client.lookup(INDICATOR);
        LookupResult next = client.lookup("198.51.100.7");

        assertThat(first.status()).isEqualTo(LookupStatus.ERROR);
        assertThat(first.errorMessage()).contains("not a lookup answer").contains("check the base URL");
        assertThat(next.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(client.stop()).isNull();
    }

    // ---------------------------------------------------------------- a gateway that never answers

    @Test
    void aSilentGatewayStopsTheRunAfterAFewTimeouts() throws Exception {
        Sockets.Silent silent = new Sockets.Silent();
        resources.add(silent);
        IocClient client = client(b -> b.baseUrl("http://127.0.0.1:" + silent.port() + "/").timeout(Duration.ofSeconds(1)));
        List<LookupResult> results = new ArrayList<>();

        for (int i = 1; i <= 30; i++) {
            results.add(client.lookup("host-" + i + ".example"));
        }

        // Without the rule each of the 30 would wait its whole timeout on a connection of its own.
        assertThat(silent.connections()).isEqualTo(IocClient.SILENT_LOOKUPS_TO_STOP);
        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(LookupStatus.ERROR));
        assertThat(results.subList(0, IocClient.SILENT_LOOKUPS_TO_STOP))
                .allSatisfy(r -> assertThat(r.errorMessage()).startsWith("No answer from 127.0.0.1:" + silent.port()));
        assertThat(results.subList(IocClient.SILENT_LOOKUPS_TO_STOP, 30)).allSatisfy(r -> assertThat(r.errorMessage())
                .isEqualTo("Not looked up: the run stopped as Datadog never answered (see the stop cause)"));
        assertThat(client.stop().cause()).startsWith("Datadog never answered: 3 lookups got no answer from 127.0.0.1:"
                + silent.port() + " within their timeout of 1 s, and no request of this run got any answer");
        assertThat(client.stop().notLookedUp()).isEqualTo(30 - IocClient.SILENT_LOOKUPS_TO_STOP);
    }

    @Test
    void aDatadogThatAnsweredOnceIsNeverTakenForASilentGateway() throws Exception {
        // Slow lookups time out, but the server did answer: slowness of the moment, not a dead end.
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return request.getUrl().queryParameter("indicator").startsWith("slow")
                        ? new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()
                        : answer(200, "application/vnd.api+json", TestData.FULL_BODY);
            }
        });
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(1)).maxAttempts(1));
        List<LookupResult> slow = new ArrayList<>();

        slow.add(client.lookup("slow-1.example"));
        LookupResult answered = client.lookup("fast-1.example");
        for (int i = 2; i <= IocClient.SILENT_LOOKUPS_TO_STOP + 1; i++) {
            slow.add(client.lookup("slow-" + i + ".example"));
        }
        LookupResult after = client.lookup("fast-2.example");

        assertThat(answered.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(slow).allSatisfy(r -> assertThat(r.errorMessage()).startsWith("No answer from"));
        assertThat(after.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(client.stop()).isNull();
    }
}
