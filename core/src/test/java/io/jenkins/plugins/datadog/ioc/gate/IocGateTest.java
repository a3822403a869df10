package io.jenkins.plugins.datadog.ioc.gate;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.Sockets;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IocGateTest {
    private static final GatePolicy POLICY = GatePolicy.builder().unstableThreshold(50.0).failThreshold(80.0).build();

    private MockWebServer server;
    private final ByIndicator dispatcher = new ByIndicator();
    private final List<IocClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Answers by indicator, as Datadog would, and counts the requests for each. */
    static final class ByIndicator extends Dispatcher {
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        final AtomicInteger inDispatch = new AtomicInteger();
        final AtomicInteger maxInDispatch = new AtomicInteger();
        /** How many requests are answered 503 first, whatever the indicator. */
        final AtomicInteger unavailable = new AtomicInteger();
        volatile CountDownLatch together;

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String indicator = request.getUrl().queryParameter("indicator");
            requests.computeIfAbsent(indicator, k -> new AtomicInteger()).incrementAndGet();
            if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return json(503, "{\"errors\":[\"Service Unavailable\"]}");
            }
            maxInDispatch.accumulateAndGet(inDispatch.incrementAndGet(), Math::max);
            try {
                CountDownLatch latch = together;
                if (latch != null) {
                    latch.countDown();
                    latch.await(10, SECONDS); // holds the first requests until enough are under way at once
                }
                return answer(indicator);
            } finally {
                inDispatch.decrementAndGet();
            }
        }

        private static MockResponse answer(String indicator) {
            if (indicator.startsWith("evil")) {
                return json(200, TestData.body(indicator, 90));
            }
            if (indicator.startsWith("shady")) {
                return json(200, TestData.body(indicator, 60));
            }
            if (indicator.startsWith("unknown")) {
                return json(404, "{\"errors\":[\"Not found\"]}");
            }
            if (indicator.startsWith("broken")) {
                return json(400, "{\"errors\":[\"Invalid indicator\"]}");
            }
            if (indicator.startsWith("stall")) {
                return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
            }
            return json(200, TestData.body(indicator, 10));
        }

        int count(String indicator) {
            AtomicInteger count = requests.get(indicator);
            return count == null ? 0 : count.get();
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(dispatcher);
        server.start();
    }

    @AfterEach
    void stop() {
        threads.forEach(Thread::interrupt);
        clients.forEach(IocClient::close);
        server.close();
    }

    private IocClient client(UnaryOperator<IocClientConfig.Builder> custom) {
        IocClient client = new IocClient(custom.apply(IocClientConfig.builder(ApiKeys.of("api-key-gate-test", "app-key-gate-test"))
                .baseUrl(server.url("/").toString())
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .maxAttempts(2)
                .timeout(Duration.ofSeconds(30))).build());
        clients.add(client);
        return client;
    }

    private IocClient client(String path) {
        return client(b -> b.baseUrl(server.url(path).toString()));
    }

    private IocGate gate(int concurrency, LookupCache cache) {
        return new IocGate(client("/"), POLICY, LookupOptions.DEFAULT, concurrency, cache);
    }

    private static List<String> indicators(GateReport report) {
        return report.results().stream().map(IndicatorReport::indicator).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void duplicatesAreLookedUpOnceAndReportedOnceInInputOrder(int concurrency) throws Exception {
        List<String> input = List.of("b.example", "a.example", " b.example ", "c.example", "a.example", "b.example\t");

        GateReport report = gate(concurrency, null).run(input, ProgressListener.NONE);

        assertThat(indicators(report)).containsExactly("b.example", "a.example", "c.example");
        assertThat(dispatcher.count("a.example")).isEqualTo(1);
        assertThat(dispatcher.count("b.example")).isEqualTo(1);
        assertThat(dispatcher.count("c.example")).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void concurrentLookupsKeepTheInputOrderAndLoseNothing() throws Exception {
        List<String> input = IntStream.range(0, 20).mapToObj(i -> switch (i % 5) {
            case 0 -> "evil-" + i + ".example";
            case 1 -> "unknown-" + i + ".example";
            case 2 -> "broken-" + i + ".example";
            case 3 -> "shady-" + i + ".example";
            default -> "calm-" + i + ".example";
        }).toList();
        dispatcher.together = new CountDownLatch(4);
        List<int[]> progress = Collections.synchronizedList(new ArrayList<>());

        GateReport report = gate(4, null).run(input, (done, total, latest) -> progress.add(new int[] {done, total}));

        assertThat(dispatcher.together.getCount()).as("4 lookups were under way at once").isZero();
        assertThat(dispatcher.maxInDispatch.get()).as("never more than the concurrency").isLessThanOrEqualTo(4);
        assertThat(indicators(report)).containsExactlyElementsOf(input);
        for (IndicatorReport result : report.results()) {
            String indicator = result.indicator();
            LookupStatus expected = indicator.startsWith("unknown") ? LookupStatus.NOT_FOUND
                    : indicator.startsWith("broken") ? LookupStatus.ERROR : LookupStatus.FOUND;
            assertThat(result.lookup().status()).as(indicator).isEqualTo(expected);
            assertThat(dispatcher.count(indicator)).as(indicator).isEqualTo(1);
        }
        assertThat(report.count(LookupStatus.FOUND)).isEqualTo(12);
        assertThat(report.count(LookupStatus.NOT_FOUND)).isEqualTo(4);
        assertThat(report.count(LookupStatus.ERROR)).isEqualTo(4);
        assertThat(report.count(Verdict.FAILURE)).as("evil and broken").isEqualTo(8);
        assertThat(report.count(Verdict.UNSTABLE)).as("shady").isEqualTo(4);
        assertThat(report.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(progress).hasSize(20);
        assertThat(progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(20));
        assertThat(progress.stream().map(p -> p[0]).sorted().toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void anErrorForOneIndicatorLosesNoOther() throws Exception {
        GateReport report = gate(4, null).run(List.of("calm.example", "broken.example", "evil.example", "", "unknown.example"),
                ProgressListener.NONE);

        assertThat(indicators(report)).containsExactly("calm.example", "broken.example", "evil.example", "", "unknown.example");
        assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.results().get(1).lookup().status()).isEqualTo(LookupStatus.ERROR);
        assertThat(report.results().get(1).lookup().errorMessage()).contains("Invalid indicator");
        assertThat(report.results().get(1).verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.results().get(2).verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.results().get(3).lookup().status()).isEqualTo(LookupStatus.ERROR);
        assertThat(report.results().get(3).lookup().errorMessage()).contains("blank");
        assertThat(report.results().get(4).lookup().status()).isEqualTo(LookupStatus.NOT_FOUND);
    }

    @Test
    void skippedIndicatorsAreCarriedIntoTheReport() throws Exception {
        GateReport report = gate(1, null).run(List.of("calm.example"), 5, ProgressListener.NONE);

        assertThat(report.skipped()).isEqualTo(5);
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anEmptyListPasses() throws Exception {
        GateReport report = gate(4, null).run(List.of(), ProgressListener.NONE);

        assertThat(report.results()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aSecondRunWithTheSameCacheSendsNoRequestButRetriesErrors() throws Exception {
        LookupCache cache = new LookupCache(Duration.ofMinutes(5), 100);
        IocGate gate = gate(4, cache);
        List<String> input = List.of("evil.example", "unknown.example", "broken.example", "calm.example");

        GateReport first = gate.run(input, ProgressListener.NONE);
        int afterFirst = server.getRequestCount();
        GateReport second = gate.run(input, ProgressListener.NONE);

        assertThat(first.cachedCount()).isZero();
        assertThat(afterFirst).isEqualTo(4);
        assertThat(server.getRequestCount()).as("only the error is looked up again").isEqualTo(afterFirst + 1);
        assertThat(dispatcher.count("broken.example")).isEqualTo(2);
        assertThat(indicators(second)).containsExactlyElementsOf(input);
        assertThat(second.results()).filteredOn(r -> r.lookup().status() != LookupStatus.ERROR)
                .allSatisfy(r -> {
                    assertThat(r.lookup().cached()).isTrue();
                    assertThat(r.lookup().attempts()).isZero();
                });
        assertThat(second.results().get(2).lookup().cached()).isFalse();
        assertThat(second.cachedCount()).isEqualTo(3);
        assertThat(second.results().get(0).lookup().score()).isEqualTo(90.0);
        assertThat(second.verdict()).isEqualTo(first.verdict());
    }

    @Test
    void theCacheIsScopedBySiteAndOptions() throws Exception {
        LookupCache cache = new LookupCache(Duration.ofMinutes(5), 100);
        List<String> input = List.of("calm.example");

        new IocGate(client("/"), POLICY, LookupOptions.DEFAULT, 1, cache).run(input, ProgressListener.NONE);
        new IocGate(client("/"), POLICY, LookupOptions.DEFAULT, 1, cache).run(input, ProgressListener.NONE);
        assertThat(server.getRequestCount()).as("same site, same options: cached").isEqualTo(1);

        new IocGate(client("/proxy/"), POLICY, LookupOptions.DEFAULT, 1, cache).run(input, ProgressListener.NONE);
        assertThat(server.getRequestCount()).as("another base URL").isEqualTo(2);

        new IocGate(client("/"), POLICY, new LookupOptions(null, true, null, null), 1, cache).run(input, ProgressListener.NONE);
        assertThat(server.getRequestCount()).as("other options").isEqualTo(3);

        IocClient otherOrganization = new IocClient(IocClientConfig.builder(ApiKeys.of("api-key-other-org", "app-key-other-org"))
                .baseUrl(server.url("/").toString()).build());
        clients.add(otherOrganization);
        new IocGate(otherOrganization, POLICY, LookupOptions.DEFAULT, 1, cache).run(input, ProgressListener.NONE);
        assertThat(server.getRequestCount()).as("other keys: Datadog answers from another organization's logs").isEqualTo(4);
    }

    @Test
    void theAnswerScopeTellsKeysApartWithoutHoldingThem() {
        String scope = client("/").config().answerScope();

        assertThat(scope).isEqualTo(client("/").config().answerScope())
                .doesNotContain("api-key-gate-test").doesNotContain("app-key-gate-test");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void interruptingTheGateCancelsTheLookupsUnderWay(int concurrency) throws Exception {
        IocGate gate = gate(concurrency, null);
        List<String> input = IntStream.range(0, 8).mapToObj(i -> "stall-" + i + ".example").toList();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.complete(gate.run(input, ProgressListener.NONE));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "gate-caller");
        caller.setDaemon(true);
        threads.add(caller);
        caller.start();
        // Until Datadog first answers, one request goes alone (the rate-limit budget is unknown); the
        // others wait for it, and must stop waiting too.
        assertThat(server.takeRequest(5, SECONDS)).as("a lookup under way").isNotNull();

        caller.interrupt();

        assertThat(outcome.get(3, SECONDS)).isInstanceOf(InterruptedException.class);
    }

    // ---------------------------------------------------------------- Datadog unusable for the rest of the run

    private static List<String> hosts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "host-" + i + ".example").toList();
    }

    private static void assertNoKeys(GateReport report) {
        assertThat(report.results()).allSatisfy(r -> assertThat(r.lookup().errorMessage())
                .doesNotContain("api-key-gate-test").doesNotContain("app-key-gate-test"));
    }

    @Test
    @Timeout(20)
    void aRefusedConnectionEndsTheRunSoonWithEveryIndicatorReported() throws Exception {
        int port = Sockets.closedPort();
        // Backoff long enough that 50 indicators each retrying on their own would take far longer than the timeout.
        IocClient client = client(b -> b.baseUrl("http://127.0.0.1:" + port + "/").maxAttempts(5)
                .backoff(Duration.ofMillis(250), Duration.ofSeconds(2)));
        List<String> input = hosts(50);

        GateReport report = new IocGate(client, POLICY, LookupOptions.DEFAULT, 4, null).run(input, ProgressListener.NONE);

        assertThat(indicators(report)).containsExactlyElementsOf(input);
        assertThat(report.count(LookupStatus.ERROR)).isEqualTo(50);
        assertThat(report.verdict()).isEqualTo(Verdict.FAILURE);
        String refused = "Could not connect to 127.0.0.1:" + port + ": ";
        List<LookupResult> notLookedUp = new ArrayList<>();
        for (IndicatorReport result : report.results()) {
            String message = result.lookup().errorMessage();
            if (message.startsWith("Not looked up: ")) {
                notLookedUp.add(result.lookup());
            }
            // The cause in full once, in the report; each result only refers to it.
            assertThat(message).as(result.indicator()).matches("(Not looked up|Not retried): the run stopped as Datadog is"
                    + " unreachable \\(see the stop cause\\)|Could not connect to .*\\(gave up after 5 attempts\\)");
        }
        // Only the lookups under way when the first one gave up (one per thread) sent anything.
        assertThat(notLookedUp).hasSizeGreaterThanOrEqualTo(50 - 4).allSatisfy(r -> assertThat(r.attempts()).isZero());
        assertThat(report.notices()).containsExactly(report.stop());
        assertThat(report.stop().text()).startsWith("The run stopped early: Datadog is unreachable: " + refused)
                .containsOnlyOnce(refused).endsWith(notLookedUp.size() + " of 50 indicators were not looked up.");
    }

    @Test
    void aRunThatNoScoreCanFailSaysSoOnce() throws Exception {
        GateReport report = new IocGate(client("/"), GatePolicy.builder().build(), LookupOptions.DEFAULT, 1, null)
                .run(List.of("evil.example"), ProgressListener.NONE);

        assertThat(report.verdict()).as("score 90, no threshold").isEqualTo(Verdict.PASS);
        assertThat(report.notices()).containsExactly(Notice.noThreshold());
        assertThat(gate(1, null).run(List.of("evil.example"), ProgressListener.NONE).notices())
                .as("a threshold is set").isEmpty();
    }

    @Test
    void nothingToCheckPassesWithANote() throws Exception {
        GateReport report = gate(1, null).run(List.of(), 4, ProgressListener.NONE);

        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.results()).isEmpty();
        assertThat(report.notices()).containsExactly(Notice.nothingToCheck(4));
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aThousandIndicatorsAgainstASilentGatewayEndWithinAFewTimeouts() throws Exception {
        try (Sockets.Silent silent = new Sockets.Silent()) {
            int concurrency = 8;
            IocClient client = client(b -> b.baseUrl("http://127.0.0.1:" + silent.port() + "/").timeout(Duration.ofSeconds(1))
                    .maxConcurrentRequests(concurrency));
            List<String> input = hosts(1000);

            GateReport report = new IocGate(client, POLICY, LookupOptions.DEFAULT, concurrency, null).run(input, ProgressListener.NONE);

            assertThat(indicators(report)).containsExactlyElementsOf(input);
            assertThat(report.count(LookupStatus.ERROR)).isEqualTo(1000);
            assertThat(report.verdict()).isEqualTo(Verdict.FAILURE);
            // At most two rounds of lookups under way waited for their timeout: a few seconds, not hours.
            assertThat(silent.connections()).isBetween(1, 2 * concurrency);
            long notLookedUp = report.results().stream().filter(r -> r.lookup().attempts() == 0).count();
            assertThat(notLookedUp).isGreaterThanOrEqualTo(1000 - 2 * concurrency);
            assertThat(report.stop().text()).startsWith("The run stopped early: Datadog never answered: 3 lookups got no answer from 127.0.0.1:")
                    .endsWith(notLookedUp + " of 1000 indicators were not looked up.");
        }
    }

    @ParameterizedTest(name = "HTTP {0} with concurrency {1}")
    @CsvSource({
        "401, 1, Datadog rejected the API key (HTTP 401: API key **** is invalid). Check that the API key",
        "403, 4, Datadog refused access (HTTP 403: API key **** is invalid). Check that the application key",
    })
    void rejectedKeysStopTheRunAtTheFirstAnswer(int code, int concurrency, String says) throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return json(code, "{\"errors\":[\"API key api-key-gate-test is invalid\"]}");
            }
        });
        List<String> input = hosts(20);

        GateReport report = new IocGate(client(b -> b), POLICY, LookupOptions.DEFAULT, concurrency, null)
                .run(input, ProgressListener.NONE);

        assertThat(server.getRequestCount()).isBetween(1, concurrency);
        assertThat(indicators(report)).containsExactlyElementsOf(input);
        assertThat(report.count(LookupStatus.ERROR)).isEqualTo(20);
        assertThat(report.results()).filteredOn(r -> r.lookup().attempts() == 1).hasSize(server.getRequestCount())
                .allSatisfy(r -> assertThat(r.lookup().errorMessage()).startsWith(says));
        assertThat(report.results()).filteredOn(r -> r.lookup().attempts() == 0).hasSize(20 - server.getRequestCount())
                .allSatisfy(r -> assertThat(r.lookup().errorMessage())
                        .isEqualTo("Not looked up: the run stopped as Datadog refused the keys (see the stop cause)"));
        assertThat(report.stop().text()).startsWith("The run stopped early: Datadog refused the keys: " + says)
                .endsWith((20 - server.getRequestCount()) + " of 20 indicators were not looked up.");
        assertNoKeys(report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a refused connection", "HTTP 503"})
    void aFailureThatARetryGetsPastDoesNotStopTheRun(String failure) throws Exception {
        IocClient client;
        if (failure.equals("HTTP 503")) {
            dispatcher.unavailable.set(1);
            client = client(b -> b);
        } else {
            Sockets.FailingConnects sockets = new Sockets.FailingConnects(n -> n == 1 ? new ConnectException("Connection refused") : null);
            client = client(b -> b.baseUrl("http://127.0.0.1:" + server.getPort() + "/")
                    .httpClient(new OkHttpClient.Builder().socketFactory(sockets).build()));
        }
        List<String> input = hosts(10);

        GateReport report = new IocGate(client, POLICY, LookupOptions.DEFAULT, 4, null).run(input, ProgressListener.NONE);

        assertThat(indicators(report)).containsExactlyElementsOf(input);
        assertThat(report.count(LookupStatus.FOUND)).as("%s", report.results()).isEqualTo(10);
        assertThat(report.results()).filteredOn(r -> r.lookup().attempts() == 2).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(failure.equals("HTTP 503") ? 11 : 10);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void rateLimitsAndServerErrorsAreStillRetriedForEachIndicator(int code) throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return json(code, "{\"errors\":[\"try again later\"]}");
            }
        });
        List<String> input = hosts(8);

        GateReport report = new IocGate(client(b -> b), POLICY, LookupOptions.DEFAULT, 4, null).run(input, ProgressListener.NONE);

        assertThat(report.count(LookupStatus.ERROR)).isEqualTo(8);
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.lookup().attempts()).isEqualTo(2);
            assertThat(r.lookup().errorMessage()).contains("HTTP " + code).contains("gave up after 2 attempts")
                    .doesNotContain("Not looked up");
        });
        assertThat(server.getRequestCount()).isEqualTo(16);
    }

    @Test
    void anIndicatorWithoutAnAnswerInTimeDoesNotStopTheRun() throws Exception {
        List<String> input = List.of("stall.example", "evil.example", "calm.example", "unknown.example");

        GateReport report = new IocGate(client(b -> b.timeout(Duration.ofSeconds(1))), POLICY, LookupOptions.DEFAULT, 1, null)
                .run(input, ProgressListener.NONE);

        assertThat(report.results().get(0).lookup().errorMessage()).contains("No answer").contains("timeout");
        assertThat(report.results().subList(1, 4)).extracting(r -> r.lookup().status())
                .containsExactly(LookupStatus.FOUND, LookupStatus.FOUND, LookupStatus.NOT_FOUND);
    }
}
