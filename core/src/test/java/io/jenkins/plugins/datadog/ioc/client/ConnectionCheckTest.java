package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.Sockets;
import io.jenkins.plugins.datadog.ioc.TestData;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionCheckTest {
    private static final String API_KEY = "api-secret-check-0123456789";
    private static final String APP_KEY = "app-secret-check-9876543210";

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ConnectionCheck.Result check(UnaryOperator<IocClientConfig.Builder> custom) throws InterruptedException {
        ConnectionCheck.Result result = ConnectionCheck.run(custom.apply(IocClientConfig.builder(ApiKeys.of(API_KEY, APP_KEY))
                .baseUrl(server.url("/").toString()).maxAttempts(1)).build());
        assertThat(result.message()).doesNotContain(API_KEY).doesNotContain(APP_KEY);
        return result;
    }

    private ConnectionCheck.Result check() throws InterruptedException {
        return check(b -> b);
    }

    private static MockResponse json(int code, String type, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", type).body(body).build();
    }

    @Test
    void aFoundAnswerMeansTheKeysMayLookUp() throws Exception {
        server.enqueue(json(200, "application/vnd.api+json", TestData.body("192.0.2.1", 0)));

        ConnectionCheck.Result result = check();

        assertThat(result.outcome()).isEqualTo(ConnectionCheck.Outcome.ANSWERED);
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).startsWith("Connected: Datadog at " + server.url("/") + " answered a lookup of 192.0.2.1 (found)")
                .contains("security_monitoring_signals_read");
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().queryParameter("indicator")).isEqualTo("192.0.2.1");
        assertThat(request.getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
        assertThat(request.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
    }

    @Test
    void datadogsNotFoundIsAnAnswerToo() throws Exception {
        server.enqueue(json(404, "application/vnd.api+json",
                "{\"errors\":[{\"title\":\"Generic Error\",\"detail\":\"indicator not found\"}]}"));

        ConnectionCheck.Result result = check();

        assertThat(result.outcome()).isEqualTo(ConnectionCheck.Outcome.ANSWERED);
        assertThat(result.message()).contains("(not found)");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void rejectedKeys(int code) throws Exception {
        server.enqueue(json(code, "application/json", "{\"errors\":[\"API key " + API_KEY + " is invalid\"]}"));

        ConnectionCheck.Result result = check();

        assertThat(result.outcome()).isEqualTo(ConnectionCheck.Outcome.KEYS_REFUSED);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("HTTP " + code).contains("API key **** is invalid");
    }

    @Test
    void aWebServerAtTheBaseUrlIsNotDatadog() throws Exception {
        server.enqueue(json(404, "text/html", "<html><title>Welcome to nginx!</title></html>"));

        ConnectionCheck.Result result = check();

        assertThat(result.outcome()).isEqualTo(ConnectionCheck.Outcome.NOT_DATADOG);
        assertThat(result.message()).contains("Welcome to nginx!").contains("Check the base URL");
    }

    @Test
    void nothingListening() throws Exception {
        int port = Sockets.closedPort();

        ConnectionCheck.Result result = check(b -> b.baseUrl("http://127.0.0.1:" + port + "/"));

        assertThat(result.outcome()).isEqualTo(ConnectionCheck.Outcome.UNREACHABLE);
        assertThat(result.message()).contains("Could not connect to 127.0.0.1:" + port);
    }

    @Test
    void noAnswerWithinTheTimeout() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        ConnectionCheck.Result result = check(b -> b.timeout(Duration.ofSeconds(1)));

        assertThat(result.outcome()).isEqualTo(ConnectionCheck.Outcome.TIMED_OUT);
        assertThat(result.message()).startsWith("No answer from").endsWith("(check the proxy and the base URL)");
    }

    @Test
    void anErrorOfTheMomentFromDatadog() throws Exception {
        server.enqueue(json(503, "application/json", "{\"errors\":[\"Service Unavailable\"]}"));

        ConnectionCheck.Result result = check();

        assertThat(result.outcome()).isEqualTo(ConnectionCheck.Outcome.FAILED);
        assertThat(result.message()).contains("HTTP 503: Service Unavailable");
    }
}
