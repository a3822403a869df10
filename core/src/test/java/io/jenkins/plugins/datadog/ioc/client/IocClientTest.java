package io.jenkins.plugins.datadog.ioc.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.Sockets;
import io.jenkins.plugins.datadog.ioc.TestData;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a {@link MockWebServer} on loopback: request shape, outcomes, retries, limits, secrets. */
class IocClientTest {
    static final String API_KEY = "api-secret-1234567890abcdef";
    static final String APP_KEY = "app-secret-fedcba0987654321deadbeef";
    private static final String INDICATOR = "203.0.113.66";

    private MockWebServer server;
    private final List<IocClient> clients = new ArrayList<>();
    private final List<MockWebServer> otherServers = new ArrayList<>();
    private final List<Thread> callers = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        callers.forEach(Thread::interrupt);
        clients.forEach(IocClient::close);
        otherServers.forEach(MockWebServer::close);
        server.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private IocClientConfig.Builder config() {
        return IocClientConfig.builder(ApiKeys.of(API_KEY, APP_KEY))
                .baseUrl(server.url("/").toString())
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private IocClient client() {
        return client(b -> b);
    }

    private IocClient client(UnaryOperator<IocClientConfig.Builder> custom) {
        IocClient client = new IocClient(custom.apply(config()).build());
        clients.add(client);
        return client;
    }

    private MockWebServer otherServer() throws IOException {
        MockWebServer other = new MockWebServer();
        other.start();
        otherServers.add(other);
        return other;
    }

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.api+json").body(body).build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse stall() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    /** An ERROR result whose message is fit to show: present, and free of the keys. */
    private static String assertError(LookupResult result) {
        assertThat(result.status()).as("status of %s", result).isEqualTo(LookupStatus.ERROR);
        assertThat(result.details()).isNull();
        assertThat(result.errorMessage()).isNotBlank();
        assertNoSecrets(result.errorMessage());
        assertNoSecrets(result.toString());
        return result.errorMessage();
    }

    /** Neither key, nor any 12-character piece of one, appears in {@code text}. */
    static void assertNoSecrets(String text) {
        for (String key : List.of(API_KEY, APP_KEY)) {
            for (int i = 0; i + 12 <= key.length(); i++) {
                assertThat(text).as("text shown to users must not contain (part of) a key").doesNotContain(key.substring(i, i + 12));
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Answers from a queue (then {@link #fallback}) and notes when each request arrived. */
    static final class TimedDispatcher extends Dispatcher {
        final BlockingQueue<MockResponse> responses = new LinkedBlockingQueue<>();
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        volatile MockResponse fallback = json(404, "{\"errors\":[\"Not found\"]}");

        TimedDispatcher then(MockResponse response) {
            responses.add(response);
            return this;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            arrivals.add(System.nanoTime());
            MockResponse next = responses.poll();
            return next != null ? next : fallback;
        }

        Duration betweenRequests(int first, int second) {
            return Duration.ofNanos(arrivals.get(second) - arrivals.get(first));
        }
    }

    // ---------------------------------------------------------------- request shape

    @Test
    void sendsTheDocumentedRequest() throws Exception {
        server.enqueue(ok(TestData.FULL_BODY));

        client().lookup(INDICATOR);

        RecordedRequest request = takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v2/security/siem/ioc-explorer/indicator");
        assertThat(request.getUrl().queryParameterNames()).containsExactly("indicator");
        assertThat(request.getUrl().queryParameter("indicator")).isEqualTo(INDICATOR);
        assertThat(request.getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
        assertThat(request.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent"))
                .startsWith("datadog-ioc-lookup/" + ProductInfo.VERSION)
                .doesNotContain("${");
        assertThat(request.getBodySize()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
        "two words",
        "a+b",
        "a&indicator=evil.example",
        "frag#ment",
        "path/with/slashes",
        "question?mark",
        "100%25 percent %",
        "key=value",
        "bücher.example",
        "例え.テスト",
        "emoji\uD83D\uDE00.example",
        "quote\"and'apostrophe<>`{}|\\^[]",
        "http://evil.example/login?user=admin&pass=x#top",
    })
    void indicatorReachesTheServerExactlyAsGiven(String indicator) throws Exception {
        server.enqueue(json(404, "{\"errors\":[\"Not found\"]}"));

        LookupResult result = client().lookup(indicator);

        assertThat(result.status()).isEqualTo(LookupStatus.NOT_FOUND);
        assertThat(result.indicator()).isEqualTo(indicator);
        HttpUrl url = takeRequest().getUrl();
        assertThat(url.queryParameterValues("indicator")).containsExactly(indicator);
        assertThat(url.queryParameterNames()).containsExactly("indicator");
        assertThat(url.encodedPath()).isEqualTo("/api/v2/security/siem/ioc-explorer/indicator");
    }

    @Test
    void surroundingWhitespaceIsTrimmed() throws Exception {
        server.enqueue(json(404, "{\"errors\":[\"Not found\"]}"));

        LookupResult result = client().lookup(" \t 198.51.100.7 \n");

        assertThat(result.indicator()).isEqualTo("198.51.100.7");
        assertThat(takeRequest().getUrl().queryParameter("indicator")).isEqualTo("198.51.100.7");
    }

    @Test
    void optionalParametersAreSentOnlyWhenSet() throws Exception {
        server.enqueue(ok(TestData.FULL_BODY));
        server.enqueue(ok(TestData.FULL_BODY));
        server.enqueue(ok(TestData.FULL_BODY));
        IocClient client = client();

        client.lookup(INDICATOR, LookupOptions.DEFAULT);
        client.lookup(INDICATOR, new LookupOptions(true, true, 10, 20));
        client.lookup(INDICATOR, new LookupOptions(null, false, null, 0));

        assertThat(takeRequest().getUrl().queryParameterNames()).containsExactly("indicator");
        HttpUrl all = takeRequest().getUrl();
        assertThat(all.queryParameter("indicator")).isEqualTo(INDICATOR);
        assertThat(all.queryParameter("ocsf")).isEqualTo("true");
        assertThat(all.queryParameter("include_triage_history")).isEqualTo("true");
        assertThat(all.queryParameter("triage_history_limit")).isEqualTo("10");
        assertThat(all.queryParameter("triage_history_offset")).isEqualTo("20");
        HttpUrl some = takeRequest().getUrl();
        assertThat(some.queryParameterNames())
                .containsExactlyInAnyOrder("indicator", "include_triage_history", "triage_history_offset");
        assertThat(some.queryParameter("include_triage_history")).isEqualTo("false");
        assertThat(some.queryParameter("triage_history_offset")).isEqualTo("0");
    }

    @Test
    void lookupOptionsRejectNonsense() {
        assertThatThrownBy(() -> new LookupOptions(null, true, 0, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("triage_history_limit");
        assertThatThrownBy(() -> new LookupOptions(null, true, null, -1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("triage_history_offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/proxy/datadog/", "/proxy/datadog"})
    void baseUrlWithAPathPrefixKeepsThePrefix(String prefix) throws Exception {
        server.enqueue(ok(TestData.FULL_BODY));

        LookupResult result = client(b -> b.baseUrl(server.url(prefix).toString())).lookup(INDICATOR);

        assertThat(result.status()).isEqualTo(LookupStatus.FOUND);
        RecordedRequest request = takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/proxy/datadog/api/v2/security/siem/ioc-explorer/indicator");
        assertThat(request.getUrl().queryParameter("indicator")).isEqualTo(INDICATOR);
    }

    @Test
    void userAgentCarriesTheComment() throws Exception {
        server.enqueue(ok(TestData.FULL_BODY));

        client(b -> b.userAgentComment("Jenkins 2.555.1")).lookup(INDICATOR);

        assertThat(takeRequest().getHeaders().get("User-Agent"))
                .startsWith("datadog-ioc-lookup/")
                .contains("Jenkins 2.555.1");
    }

    @Test
    void aUserAgentCommentThatIsNoValidHeaderValueDoesNotBreakLookups() throws Exception {
        server.enqueue(ok(TestData.FULL_BODY));
        IocClient client;
        try {
            client = client(b -> b.userAgentComment("Jenkins für Bücher\n2.555"));
        } catch (ConfigurationException rejectedUpFront) {
            return; // rejecting the setting with a message is just as good
        }

        LookupResult result = client.lookup(INDICATOR);

        assertThat(result.status()).as("%s", result).isEqualTo(LookupStatus.FOUND);
        assertThat(takeRequest().getHeaders().get("User-Agent")).startsWith("datadog-ioc-lookup/").contains("Jenkins");
    }

    @Test
    void configRejectsUnusableSettings() {
        ApiKeys keys = ApiKeys.of(API_KEY, APP_KEY);
        assertThatThrownBy(() -> IocClientConfig.builder(keys).baseUrl("ftp://example.com"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> IocClientConfig.builder(keys).baseUrl("https://user:hunter2@example.com"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> IocClientConfig.builder(keys).timeout(Duration.ZERO))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> IocClientConfig.builder(keys).maxAttempts(0))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> IocClientConfig.builder(keys).maxResponseBytes(10))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> IocClientConfig.builder(keys).backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class);
    }

    // ---------------------------------------------------------------- outcomes

    @Test
    void foundParsesEveryDocumentedField() throws Exception {
        server.enqueue(ok(TestData.FULL_BODY));

        LookupResult result = client().lookup(INDICATOR);

        assertThat(result.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(result.indicator()).isEqualTo(INDICATOR);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.errorMessage()).isNull();
        assertThat(result.cached()).isFalse();
        assertThat(result.score()).isEqualTo(85.5);
        IndicatorParserTest.assertFullBody(result.details());
    }

    @Test
    void notFoundIsAnAnswerAndNotRetried() throws Exception {
        server.enqueue(json(404, "{\"errors\":[\"Not found\"]}"));
        server.enqueue(ok(TestData.FULL_BODY));

        LookupResult result = client().lookup("unknown.example");

        assertThat(result.status()).isEqualTo(LookupStatus.NOT_FOUND);
        assertThat(result.details()).isNull();
        assertThat(result.errorMessage()).isNull();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400 | Invalid indicator value       | rejected the request",
        "401 | Unauthorized                  | API key",
        "403 | Forbidden: missing permission | security_monitoring_signals_read",
    })
    void clientErrorsAreReportedWithTheApiMessageAndAHintAndNeverRetried(int code, String apiMessage, String hint)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(code, "{\"errors\":[\"" + apiMessage + "\"]}"));
        }

        LookupResult result = client().lookup(INDICATOR);

        String message = assertError(result);
        assertThat(message).contains(apiMessage).contains(hint).contains(String.valueOf(code));
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void errorBodyWithErrorObjectsShowsTitleAndDetail() throws Exception {
        server.enqueue(json(403, "{\"errors\":[{\"status\":\"403\",\"title\":\"Forbidden\","
                + "\"detail\":\"Application key lacks the required scope\"}]}"));

        String message = assertError(client().lookup(INDICATOR));

        assertThat(message).contains("Forbidden: Application key lacks the required scope")
                .contains("security_monitoring_signals_read");
    }

    @Test
    void htmlErrorPageFromAProxyIsSummarizedByItsTitle() throws Exception {
        String page = "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
                + "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx/1.25.3</center>\n</body>\n</html>\n";
        MockResponse html = new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body(page).build();
        server.enqueue(html);
        server.enqueue(html);

        LookupResult result = client(b -> b.maxAttempts(2)).lookup(INDICATOR);

        String message = assertError(result);
        assertThat(message).contains("502").contains("HTML page").contains("proxy").contains("502 Bad Gateway")
                .doesNotContain("<").doesNotContain("DOCTYPE").doesNotContain("nginx/1.25.3");
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void malformedJsonIsAnError() throws Exception {
        server.enqueue(ok("{\"data\": {\"attributes\": "));

        LookupResult result = client().lookup(INDICATOR);

        assertThat(assertError(result)).contains("not valid JSON");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2, 3]", "\"just a string\"", "42", "{} {}"})
    void jsonThatIsNotOneObjectIsAnError(String body) throws Exception {
        server.enqueue(ok(body));

        assertError(client().lookup(INDICATOR));
    }

    // ---------------------------------------------------------------- retries

    @Test
    void serverErrorsAreRetried() throws Exception {
        server.enqueue(json(500, "{\"errors\":[\"Internal Server Error\"]}"));
        server.enqueue(json(503, "{\"errors\":[\"Service Unavailable\"]}"));
        server.enqueue(ok(TestData.FULL_BODY));

        LookupResult result = client().lookup(INDICATOR);

        assertThat(result.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void tooManyRequestsWaitsForTheAnnouncedReset() throws Exception {
        TimedDispatcher dispatcher = new TimedDispatcher()
                .then(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Limit", "60")
                        .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1")
                        .setHeader("X-RateLimit-Period", "60").body("{\"errors\":[\"Too many requests\"]}").build())
                .then(ok(TestData.FULL_BODY));
        server.setDispatcher(dispatcher);

        LookupResult result = client().lookup(INDICATOR);

        assertThat(result.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(dispatcher.betweenRequests(0, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        TimedDispatcher dispatcher = new TimedDispatcher()
                .then(new MockResponse.Builder().code(503).setHeader("Retry-After", "1")
                        .body("{\"errors\":[\"Service Unavailable\"]}").build())
                .then(ok(TestData.FULL_BODY));
        server.setDispatcher(dispatcher);

        LookupResult result = client().lookup(INDICATOR);

        assertThat(result.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(dispatcher.betweenRequests(0, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void persistentServerErrorsGiveUpAfterMaxAttempts() throws Exception {
        TimedDispatcher dispatcher = new TimedDispatcher();
        dispatcher.fallback = json(500, "{\"errors\":[\"Internal Server Error\"]}");
        server.setDispatcher(dispatcher);

        LookupResult result = client(b -> b.maxAttempts(4)).lookup(INDICATOR);

        String message = assertError(result);
        assertThat(message).contains("500").contains("Internal Server Error").contains("gave up");
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void retriesStopAtTheDeadline() throws Exception {
        TimedDispatcher dispatcher = new TimedDispatcher();
        dispatcher.fallback = json(503, "{\"errors\":[\"Service Unavailable\"]}");
        server.setDispatcher(dispatcher);
        IocClient client = client(b -> b.maxAttempts(20).backoff(Duration.ofMillis(300), Duration.ofSeconds(2))
                .timeout(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        LookupResult result = client.lookup(INDICATOR);

        assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        assertThat(assertError(result)).contains("gave up").contains("timeout");
        assertThat(result.attempts()).isLessThan(20);
    }

    @Test
    void aRetryAnnouncedBeyondTheDeadlineIsNotWaitedFor() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("X-RateLimit-Reset", "60")
                .body("{\"errors\":[\"Too many requests\"]}").build());
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(10)));

        long start = System.nanoTime();
        LookupResult result = client.lookup(INDICATOR);

        assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        assertThat(assertError(result)).contains("rate limit").contains("gave up");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void redirectsAreNotFollowedSoTheKeysStayWithDatadog() throws Exception {
        MockWebServer elsewhere = otherServer();
        elsewhere.enqueue(ok(TestData.FULL_BODY));
        server.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", elsewhere.url("/api/v2/security/siem/ioc-explorer/indicator?indicator=x")).build());
        server.enqueue(ok(TestData.FULL_BODY));

        LookupResult result = client().lookup(INDICATOR);

        assertThat(assertError(result)).contains("redirect").contains("302");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    // ---------------------------------------------------------------- rate-limit budget

    private static MockResponse okWithSpentBudget(int resetSeconds) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.api+json")
                .setHeader("X-RateLimit-Limit", "2").setHeader("X-RateLimit-Remaining", "0")
                .setHeader("X-RateLimit-Reset", String.valueOf(resetSeconds)).setHeader("X-RateLimit-Period", "1")
                .body(TestData.FULL_BODY).build();
    }

    @Test
    void aSpentBudgetMakesTheNextLookupWaitForTheResetInsteadOfProvokingA429() throws Exception {
        TimedDispatcher dispatcher = new TimedDispatcher();
        dispatcher.fallback = okWithSpentBudget(1);
        server.setDispatcher(dispatcher);
        IocClient client = client();

        LookupResult first = client.lookup(INDICATOR);
        LookupResult second = client.lookup(INDICATOR);

        assertThat(first.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(second.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(second.attempts()).as("no 429 and no retry was needed").isEqualTo(1);
        assertThat(dispatcher.arrivals).hasSize(2);
        assertThat(dispatcher.betweenRequests(0, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void aBudgetResetBeyondTheTimeoutEndsTheLookupAtOnce() throws Exception {
        TimedDispatcher dispatcher = new TimedDispatcher();
        dispatcher.fallback = okWithSpentBudget(60);
        server.setDispatcher(dispatcher);
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(10)));
        assertThat(client.lookup(INDICATOR).status()).isEqualTo(LookupStatus.FOUND);

        long start = System.nanoTime();
        LookupResult second = client.lookup(INDICATOR);

        assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        assertThat(assertError(second)).contains("rate limit");
        assertThat(second.attempts()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /** Runs a lookup in a daemon thread, so that a hang fails the test instead of stalling the build. */
    private static LookupResult lookUpWithin(IocClient client, Duration bound) throws Exception {
        CompletableFuture<LookupResult> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.complete(client.lookup(INDICATOR));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        }, "bounded-lookup");
        caller.setDaemon(true);
        caller.start();
        try {
            return outcome.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            caller.interrupt();
        }
    }

    @Test
    void anAnnouncedLimitOfZeroDoesNotHangLookups() throws Exception {
        // A proxy or a misbehaving gateway may announce a limit of 0; the lookup must still respect its deadline.
        TimedDispatcher dispatcher = new TimedDispatcher();
        dispatcher.fallback = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.api+json")
                .setHeader("X-RateLimit-Limit", "0")
                .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1")
                .body(TestData.FULL_BODY).build();
        server.setDispatcher(dispatcher);
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(2)));
        assertThat(client.lookup(INDICATOR).status()).isEqualTo(LookupStatus.FOUND);

        LookupResult second = lookUpWithin(client, Duration.ofSeconds(10));
        LookupResult third = lookUpWithin(client, Duration.ofSeconds(10));

        assertThat(second.status()).isIn(LookupStatus.FOUND, LookupStatus.ERROR);
        assertThat(third.status()).isIn(LookupStatus.FOUND, LookupStatus.ERROR);
    }

    @Test
    void anAbsurdRetryAfterEndsTheLookupInsteadOfRetryingAtOnce() throws Exception {
        TimedDispatcher dispatcher = new TimedDispatcher();
        // (A 503 is no good here: OkHttp itself fails on a Retry-After beyond an int, before this client sees it.)
        dispatcher.fallback = new MockResponse.Builder().code(429).setHeader("Retry-After", "99999999999")
                .body("{\"errors\":[\"Too many requests\"]}").build();
        server.setDispatcher(dispatcher);
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(10)));

        LookupResult result = lookUpWithin(client, Duration.ofSeconds(8));

        assertThat(assertError(result)).contains("rate limit").contains("gave up").contains("timeout");
        assertThat(server.getRequestCount()).as("the server asked not to be called again for now").isEqualTo(1);
    }

    /** A server-side fixed window of {@code limit} requests per second, answering 429 beyond it, as Datadog does. */
    static final class FixedWindowServer extends Dispatcher {
        private final int limit;
        private final long start = System.nanoTime();
        private long window = -1;
        private int used;
        final AtomicInteger tooMany = new AtomicInteger();

        FixedWindowServer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized MockResponse dispatch(RecordedRequest request) {
            long elapsed = System.nanoTime() - start;
            long current = elapsed / 1_000_000_000L;
            if (current != window) {
                window = current;
                used = 0;
            }
            used++;
            long untilReset = (current + 1) * 1_000_000_000L - elapsed;
            String reset = String.valueOf((untilReset + 999_999_999L) / 1_000_000_000L);
            MockResponse.Builder response = new MockResponse.Builder()
                    .setHeader("X-RateLimit-Limit", String.valueOf(limit))
                    .setHeader("X-RateLimit-Period", "1")
                    .setHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)))
                    .setHeader("X-RateLimit-Reset", reset);
            if (used > limit) {
                tooMany.incrementAndGet();
                return response.code(429).body("{\"errors\":[\"Too many requests\"]}").build();
            }
            return response.code(200).setHeader("Content-Type", "application/vnd.api+json").body(TestData.FULL_BODY).build();
        }
    }

    @Test
    void callersWaitingForAResetDoNotAllRushInWhenItComes() throws Exception {
        // One request per second: only one is ever under way, so the answers cannot overtake each other and
        // every 429 would be one the client provoked.
        FixedWindowServer window = new FixedWindowServer(1);
        server.setDispatcher(window);
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(30)));
        assertThat(client.lookup(INDICATOR).status()).isEqualTo(LookupStatus.FOUND); // learns the budget
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LookupResult>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return client.lookup(INDICATOR);
                }));
            }
            go.countDown();
            for (Future<LookupResult> future : futures) {
                assertThat(future.get(30, SECONDS).status()).isEqualTo(LookupStatus.FOUND);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(window.tooMany.get()).as("429 answers provoked").isZero();
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    // ---------------------------------------------------------------- deadline

    @Test
    void aServerThatNeverAnswersEndsAtTheTimeout() throws Exception {
        server.enqueue(stall());
        server.enqueue(stall());
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        LookupResult result = client.lookup(INDICATOR);

        Duration took = since(start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(5));
        assertThat(assertError(result)).contains("timeout");
    }

    @Test
    void delayedHeadersEndAtTheTimeout() throws Exception {
        MockResponse slow = new MockResponse.Builder().code(200).headersDelay(30, SECONDS).body(TestData.FULL_BODY).build();
        server.enqueue(slow);
        server.enqueue(slow);
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        LookupResult result = client.lookup(INDICATOR);

        assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        assertThat(assertError(result)).contains("timeout");
    }

    @Test
    void aBodyTricklingInPastTheDeadlineEndsAtTheTimeout() throws Exception {
        // About 30 s for the whole body: headers arrive at once, then 64 bytes every 200 ms.
        MockResponse trickle = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.api+json")
                .body(TestData.FULL_BODY + " ".repeat(8000)).throttleBody(64, 200, TimeUnit.MILLISECONDS).build();
        server.enqueue(trickle);
        server.enqueue(trickle);
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        LookupResult result = client.lookup(INDICATOR);

        assertThat(since(start)).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(5));
        assertThat(assertError(result)).contains("timeout");
    }

    @Test
    void aRefusedConnectionIsAnErrorAfterRetries() throws Exception {
        MockWebServer gone = new MockWebServer();
        gone.start();
        String url = gone.url("/").toString();
        gone.close();
        IocClient client = client(b -> b.baseUrl(url).maxAttempts(3).timeout(Duration.ofSeconds(10)));

        long start = System.nanoTime();
        LookupResult result = client.lookup(INDICATOR);

        assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        assertThat(assertError(result)).containsIgnoringCase("connect").contains("gave up");
        assertThat(result.attempts()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- Datadog unusable for the rest of the run

    private static final String UNREACHABLE = "Not looked up: the run stopped as Datadog is unreachable (see the stop cause)";

    /** A client that cannot reach its server, in each way that no retry of another indicator would get past. */
    private IocClient unreachableClient(String failure) throws IOException {
        UnaryOperator<IocClientConfig.Builder> base = b -> b.maxAttempts(3).timeout(Duration.ofSeconds(10));
        String closed = "http://127.0.0.1:" + Sockets.closedPort() + "/";
        return switch (failure) {
            case "refused" -> client(b -> base.apply(b).baseUrl(closed));
            case "connect timeout" -> client(b -> base.apply(b).httpClient(new OkHttpClient.Builder()
                    .socketFactory(new Sockets.FailingConnects(n -> new SocketTimeoutException("Connect timed out"))).build()));
            case "unknown host" -> client(b -> base.apply(b).baseUrl("http://datadog.invalid/").httpClient(new OkHttpClient.Builder()
                    .dns(host -> {
                        throw new UnknownHostException(host + ": Name or service not known");
                    }).build()));
            case "TLS" -> {
                Sockets.PlainHttpOnly plain = new Sockets.PlainHttpOnly();
                resources.add(plain);
                yield client(b -> base.apply(b).baseUrl("https://127.0.0.1:" + plain.port() + "/"));
            }
            default -> throw new IllegalArgumentException(failure);
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "refused         | Could not connect to 127.0.0.1:   | 3",
        "connect timeout | within 10 s                       | 3",
        "unknown host    | Unknown host datadog.invalid      | 3",
        "TLS             | The TLS connection to 127.0.0.1:  | 1",
    })
    void aLookupThatGaveUpOnTheConnectionEndsEveryLaterOneWithoutAnAttempt(String failure, String says, int attempts)
            throws Exception {
        IocClient client = unreachableClient(failure);

        LookupResult first = client.lookup(INDICATOR);
        long start = System.nanoTime();
        LookupResult second = client.lookup("198.51.100.7");
        LookupResult third = client.lookup("evil.example");

        assertThat(since(start)).isLessThan(Duration.ofSeconds(1));
        assertThat(assertError(first)).contains(says);
        assertThat(first.attempts()).isEqualTo(attempts);
        if (attempts > 1) {
            assertThat(first.errorMessage()).endsWith("(gave up after 3 attempts)");
        }
        for (LookupResult later : List.of(second, third)) {
            assertThat(assertError(later)).isEqualTo(UNREACHABLE);
            assertThat(later.attempts()).isZero();
        }
        assertThat(client.stop()).isEqualTo(
                new IocClient.RunStop(IocClient.StopReason.UNREACHABLE, "Datadog is unreachable: " + first.errorMessage(), 2));
    }

    @Test
    void theConnectionFailureIsNamedAsItWas() throws Exception {
        int port = Sockets.closedPort();
        IocClient client = client(b -> b.baseUrl("http://127.0.0.1:" + port + "/").maxAttempts(2));

        client.lookup(INDICATOR);

        assertThat(client.lookup("198.51.100.7").errorMessage()).isEqualTo(UNREACHABLE);
        assertThat(client.stop().cause()).isEqualTo("Datadog is unreachable: Could not connect to 127.0.0.1:" + port
                + ": Connection refused (gave up after 2 attempts)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401 | Datadog rejected the API key (HTTP 401: API key **** is invalid). Check that the API key",
        "403 | Datadog refused access (HTTP 403: API key **** is invalid). Check that the application key",
    })
    void rejectedKeysEndEveryLaterLookupWithoutARequest(int code, String says) throws Exception {
        server.enqueue(json(code, "{\"errors\":[\"API key " + API_KEY + " is invalid\"]}"));
        server.enqueue(ok(TestData.FULL_BODY));
        IocClient client = client();

        LookupResult first = client.lookup(INDICATOR);
        LookupResult second = client.lookup("198.51.100.7");

        assertThat(assertError(first)).startsWith(says);
        assertThat(assertError(second)).isEqualTo("Not looked up: the run stopped as Datadog refused the keys (see the stop cause)");
        assertThat(client.stop()).isEqualTo(
                new IocClient.RunStop(IocClient.StopReason.REFUSED, "Datadog refused the keys: " + first.errorMessage(), 1));
        assertThat(second.attempts()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aLookupWaitingToRetryEndsOnceAnotherFindsTheKeysRejected() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return INDICATOR.equals(request.getUrl().queryParameter("indicator"))
                        ? new MockResponse.Builder().code(503).setHeader("Retry-After", "2").body("{\"errors\":[\"Busy\"]}").build()
                        : json(401, "{\"errors\":[\"Unauthorized\"]}");
            }
        });
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(30)));
        CompletableFuture<Object> waiting = lookUpInAnotherThread(client);
        takeRequest(); // answered 503: waits 2 s to retry

        assertThat(assertError(client.lookup("198.51.100.7"))).contains("HTTP 401");

        Object outcome = waiting.get(10, SECONDS);
        assertThat(outcome).isInstanceOf(LookupResult.class);
        LookupResult stopped = (LookupResult) outcome;
        assertThat(assertError(stopped)).isEqualTo("Not retried: the run stopped as Datadog refused the keys (see the stop cause)");
        assertThat(client.stop().cause()).startsWith("Datadog refused the keys: Datadog rejected the API key (HTTP 401: Unauthorized).");
        assertThat(client.stop().notLookedUp()).as("a lookup cut short between attempts was looked up").isZero();
        assertThat(stopped.attempts()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    static Stream<Arguments> problemsOfTheMomentOrOfOneIndicator() {
        return Stream.of(
                Arguments.of("400", json(400, "{\"errors\":[\"Invalid indicator\"]}")),
                Arguments.of("404", json(404, "{\"errors\":[\"Not found\"]}")),
                Arguments.of("408", json(408, "{\"errors\":[\"Request Timeout\"]}")),
                Arguments.of("429", json(429, "{\"errors\":[\"Too many requests\"]}")),
                Arguments.of("500", json(500, "{\"errors\":[\"Internal Server Error\"]}")),
                Arguments.of("503", json(503, "{\"errors\":[\"Service Unavailable\"]}")),
                Arguments.of("an HTML page from a proxy", new MockResponse.Builder().code(502)
                        .setHeader("Content-Type", "text/html").body("<html><title>502 Bad Gateway</title></html>").build()),
                Arguments.of("malformed JSON", ok("{\"data\": {\"attributes\": ")),
                Arguments.of("a body over the cap", ok("x".repeat(10 * 1024))),
                Arguments.of("no answer on an established connection", stall()),
                // Datadog's content type: should a retry get the response through, it is an empty answer of
                // Datadog's, not one of another server (which would stop the run).
                Arguments.of("a connection closed without an answer", new MockResponse.Builder()
                        .setHeader("Content-Type", "application/vnd.api+json")
                        .onRequestStart(new SocketEffect.CloseSocket()).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problemsOfTheMomentOrOfOneIndicator")
    void aProblemOfTheMomentOrOfOneIndicatorDoesNotStopTheNextLookup(String problem, MockResponse answer) throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return INDICATOR.equals(request.getUrl().queryParameter("indicator")) ? answer : ok(TestData.FULL_BODY);
            }
        });
        IocClient client = client(b -> b.maxAttempts(2).timeout(Duration.ofSeconds(1)).maxResponseBytes(4096));

        LookupResult first = client.lookup(INDICATOR);
        LookupResult next = client.lookup("198.51.100.7");

        assertThat(first.status()).as("%s", first).isIn(LookupStatus.ERROR, LookupStatus.NOT_FOUND);
        assertThat(next.status()).as("%s", next).isEqualTo(LookupStatus.FOUND);
        assertThat(next.attempts()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- size cap

    @Test
    void anOversizedBodyWithContentLengthIsRefused() throws Exception {
        server.enqueue(ok("x".repeat(10 * 1024)));

        LookupResult result = client(b -> b.maxResponseBytes(2048)).lookup(INDICATOR);

        assertThat(assertError(result)).contains("larger than 2 KiB").contains("10240");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anOversizedChunkedBodyIsRefused() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.api+json")
                .chunkedBody("x".repeat(10 * 1024), 1000).build());

        LookupResult result = client(b -> b.maxResponseBytes(2048)).lookup(INDICATOR);

        assertThat(assertError(result)).contains("larger than 2 KiB");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() throws Exception {
        String body = TestData.body(INDICATOR, 55);
        String padded = body + " ".repeat(2048 - body.length());
        server.enqueue(ok(padded));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.api+json").chunkedBody(padded, 100).build());
        IocClient client = client(b -> b.maxResponseBytes(2048));

        assertThat(client.lookup(INDICATOR).score()).isEqualTo(55.0);
        assertThat(client.lookup(INDICATOR).score()).isEqualTo(55.0);
    }

    // ---------------------------------------------------------------- cancellation

    private CompletableFuture<Object> lookUpInAnotherThread(IocClient client) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.complete(client.lookup(INDICATOR));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "lookup-caller");
        caller.setDaemon(true);
        caller.start();
        callers.add(caller);
        return outcome;
    }

    @Test
    void interruptingTheCallerCancelsARequestUnderWay() throws Exception {
        server.enqueue(stall());
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(60)));
        CompletableFuture<Object> outcome = lookUpInAnotherThread(client);
        takeRequest(); // the request is under way

        long start = System.nanoTime();
        callers.get(0).interrupt();

        assertThat(outcome.get(3, SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(since(start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void interruptingTheCallerCancelsAWaitBeforeARetry() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "30")
                .body("{\"errors\":[\"Service Unavailable\"]}").build());
        IocClient client = client(b -> b.timeout(Duration.ofSeconds(60)));
        CompletableFuture<Object> outcome = lookUpInAnotherThread(client);
        takeRequest();

        callers.get(0).interrupt();

        assertThat(outcome.get(3, SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void oneClientServesManyThreads() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return ok(TestData.body(request.getUrl().queryParameter("indicator"), 42));
            }
        });
        IocClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LookupResult>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String indicator = "host-" + i + ".example";
                futures.add(pool.submit(() -> {
                    go.await();
                    return client.lookup(indicator);
                }));
            }
            go.countDown();
            for (int i = 0; i < 50; i++) {
                LookupResult result = futures.get(i).get(30, SECONDS);
                assertThat(result.status()).as("%s", result).isEqualTo(LookupStatus.FOUND);
                assertThat(result.indicator()).isEqualTo("host-" + i + ".example");
                assertThat(result.details().indicator()).isEqualTo("host-" + i + ".example");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.getRequestCount()).isEqualTo(50);
    }

    // ---------------------------------------------------------------- secrets

    @Test
    void keysAreNeverShownByToString() {
        ApiKeys keys = ApiKeys.of(API_KEY, APP_KEY);
        assertNoSecrets(keys.toString());
        assertThat(keys.toString()).contains("****");
        assertNoSecrets(client().toString());
        assertNoSecrets(client().config().toString());
    }

    static Stream<Arguments> bodiesThatEchoTheKeys() {
        return Stream.of(
                Arguments.of(400, "{\"errors\":[\"bad key " + API_KEY + "\"]}"),
                Arguments.of(401, "{\"errors\":[\"API key " + API_KEY + " is invalid\"]}"),
                Arguments.of(403, "{\"errors\":[{\"title\":\"Forbidden\",\"detail\":\"application key " + APP_KEY
                        + " lacks scope\"}]}"),
                Arguments.of(400, "<html><head><title>Denied " + API_KEY + "</title></head></html>"),
                Arguments.of(400, "plain text mentioning " + APP_KEY + " and " + API_KEY),
                Arguments.of(418, "{\"errors\":[\"" + API_KEY + APP_KEY + "\"]}"),
                // A key hidden by JSON escapes shows in clear once the JSON is read.
                Arguments.of(400, "{\"errors\":[\"" + "y".repeat(250) + " bad key " + API_KEY.replace("-", "\\u002d") + "\"]}"));
    }

    @ParameterizedTest
    @MethodSource("bodiesThatEchoTheKeys")
    void keysEchoedInAnErrorBodyAreMasked(int code, String body) throws Exception {
        server.enqueue(json(code, body));

        String message = assertError(client().lookup(INDICATOR));

        assertThat(message).contains("****");
    }

    @Test
    void keysEchoedWhereTheMessageIsCutShortAreMaskedToo() throws Exception {
        // Wherever the cut for length falls, not even a piece of the key may show.
        IocClient client = client();
        for (int prefix = 200; prefix <= 400; prefix += 10) {
            server.enqueue(json(400, "{\"errors\":[\"" + "x".repeat(prefix) + " " + API_KEY + " " + APP_KEY + "\"]}"));
            assertError(client.lookup(INDICATOR));
        }
    }

    @Test
    void keysInARedirectLocationAreMasked() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301)
                .setHeader("Location", "https://evil.example/collect?k=" + API_KEY + "&a=" + APP_KEY).build());

        String message = assertError(client().lookup(INDICATOR));

        assertThat(message).contains("redirect").contains("****");
    }

    @Test
    void apiKeysRejectBlankOrUnsendableKeysWithoutRepeatingThem() {
        assertThatThrownBy(() -> ApiKeys.of("", APP_KEY)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("API key");
        assertThatThrownBy(() -> ApiKeys.of(API_KEY, "   ")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("application key");
        assertThatThrownBy(() -> ApiKeys.of(null, APP_KEY)).isInstanceOf(ConfigurationException.class);
        for (String bad : List.of("api-secret-1234\n567890abcdef", "api-secret-clé-567890abcdef", "api secret 1234567890")) {
            assertThatThrownBy(() -> ApiKeys.of(bad, APP_KEY)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("API key")
                    .hasMessageNotContaining("secret");
            assertThatThrownBy(() -> ApiKeys.of(API_KEY, bad)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("application key")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void apiKeysTolerateSurroundingWhitespaceAsPastedFromAFile() throws Exception {
        server.enqueue(ok(TestData.FULL_BODY));
        IocClient client = new IocClient(IocClientConfig.builder(ApiKeys.of(" " + API_KEY + "\n", APP_KEY + "\r\n"))
                .baseUrl(server.url("/").toString()).build());
        clients.add(client);

        client.lookup(INDICATOR);

        RecordedRequest request = takeRequest();
        assertThat(request.getHeaders().get("DD-API-KEY")).isEqualTo(API_KEY);
        assertThat(request.getHeaders().get("DD-APPLICATION-KEY")).isEqualTo(APP_KEY);
    }

    // ---------------------------------------------------------------- unusable indicators

    static Stream<String> unusableIndicators() {
        return Stream.of("", "   ", "\t\n", "a".repeat(3000), "a".repeat(Indicators.MAX_LENGTH + 1),
                "evil.example\nFORGED LOG LINE", "nul\u0000byte", "esc\u001b[31mred", "c1\u0085next", "del\u007f");
    }

    @ParameterizedTest
    @MethodSource("unusableIndicators")
    void unusableIndicatorsAreErrorsWithoutARequest(String indicator) throws Exception {
        LookupResult result = client().lookup(indicator);

        assertError(result);
        assertThat(result.attempts()).isZero();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aNullIndicatorIsAnError() throws Exception {
        LookupResult result = client().lookup(null);

        assertThat(assertError(result)).contains("blank");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theErrorNamesWhatIsWrongWithTheIndicator() throws Exception {
        IocClient client = client();
        assertThat(assertError(client.lookup("  "))).contains("blank");
        assertThat(assertError(client.lookup("a".repeat(3000)))).contains("3000").contains("2048");
        assertThat(assertError(client.lookup("a\nb"))).contains("control character").contains("position 2");
    }

    @Test
    void anIndicatorOfExactlyTheMaximumLengthIsSent() throws Exception {
        server.enqueue(json(404, "{\"errors\":[\"Not found\"]}"));
        String longest = "a".repeat(Indicators.MAX_LENGTH);

        assertThat(client().lookup(longest).status()).isEqualTo(LookupStatus.NOT_FOUND);
        assertThat(takeRequest().getUrl().queryParameter("indicator")).isEqualTo(longest);
    }

    @Test
    void anIndicatorWithABrokenSurrogatePairIsNotSentAsSomethingElse() throws Exception {
        server.enqueue(json(404, "{\"errors\":[\"Not found\"]}"));

        LookupResult result = client().lookup("evil\uD83D.example");

        // Whatever happens, Datadog must never be asked about a different indicator (such as "evil?.example").
        if (server.getRequestCount() > 0) {
            assertThat(takeRequest().getUrl().queryParameter("indicator")).isEqualTo("evil\uD83D.example");
        } else {
            assertError(result);
        }
    }
}
