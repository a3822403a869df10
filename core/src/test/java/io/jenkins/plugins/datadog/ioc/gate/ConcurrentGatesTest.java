package io.jenkins.plugins.datadog.ioc.gate;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * K gates at once in one JVM, each with its own client as each build has, against one server that
 * stands for one Datadog organization: they share its rate limit and the lookups they have in common.
 */
class ConcurrentGatesTest {
    private static final GatePolicy POLICY = GatePolicy.builder().failThreshold(80.0).build();

    private MockWebServer server;
    private final Organization datadog = new Organization();
    private final List<IocClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Datadog as it limits an organization: windows aligned to the clock, {@code X-RateLimit-*} on every
     * answer ({@code Reset} rounded up to whole seconds), 429 past the limit. Counts requests per indicator.
     */
    static final class Organization extends Dispatcher {
        volatile int limit; // 0: no limit
        final AtomicInteger tooManyRequests = new AtomicInteger();
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        /** Holds the first request for this indicator until {@link #release} opens. */
        volatile String held;
        final CountDownLatch heldArrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private long window = -1;
        private int used;

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String indicator = request.getUrl().queryParameter("indicator");
            int count = requests.computeIfAbsent(indicator, k -> new AtomicInteger()).incrementAndGet();
            if (indicator.equals(held) && count == 1) {
                heldArrived.countDown();
                release.await(30, SECONDS);
            }
            MockResponse.Builder answer = new MockResponse.Builder().setHeader("Content-Type", "application/vnd.api+json");
            if (limit > 0) {
                long now = System.currentTimeMillis();
                int remaining;
                synchronized (this) {
                    if (now / 1000 != window) {
                        window = now / 1000;
                        used = 0;
                    }
                    remaining = limit - ++used;
                }
                answer.setHeader("X-RateLimit-Limit", limit).setHeader("X-RateLimit-Period", 1)
                        .setHeader("X-RateLimit-Remaining", Math.max(0, remaining))
                        .setHeader("X-RateLimit-Reset", (1000 - now % 1000 + 999) / 1000);
                if (remaining < 0) {
                    tooManyRequests.incrementAndGet();
                    return answer.code(429).body("{\"errors\":[\"Too many requests\"]}").build();
                }
            }
            return answer.code(200).body(TestData.body(indicator, 42)).build();
        }

        int requestCount() {
            return requests.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(datadog);
        server.start();
    }

    @AfterEach
    void stop() {
        datadog.release.countDown();
        threads.forEach(Thread::interrupt);
        clients.forEach(IocClient::close);
        server.close();
    }

    private IocClientConfig config() {
        return IocClientConfig.builder(ApiKeys.of("api-key-of-one-org", "app-key-of-one-org"))
                .baseUrl(server.url("/").toString())
                .maxConcurrentRequests(4)
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    /** A build's gate: its own client, the plugin's settings (4 lookups at once). */
    private IocGate gate(LookupCache cache) {
        IocClient client = new IocClient(config());
        synchronized (clients) {
            clients.add(client);
        }
        return new IocGate(client, POLICY, LookupOptions.DEFAULT, 4, cache);
    }

    /** Runs a gate on a thread of its own, as a build does. */
    private CompletableFuture<GateReport> build(IocGate gate, List<String> indicators, CountDownLatch go) {
        CompletableFuture<GateReport> report = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                go.await();
                report.complete(gate.run(indicators, ProgressListener.NONE));
            } catch (Throwable e) {
                report.completeExceptionally(e);
            }
        });
        threads.add(thread);
        thread.start();
        return report;
    }

    private static List<String> addresses(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "198.51.100." + i).toList();
    }

    private static void assertAllFound(GateReport report) {
        for (IndicatorReport result : report.results()) {
            assertThat(result.lookup().status()).as("%s", result.lookup()).isEqualTo(LookupStatus.FOUND);
        }
    }

    @Test
    void gatesOfOneOrganizationKeepToItsLimitTogether() throws Exception {
        int gates = 4;
        int perGate = 15;
        datadog.limit = 10;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<GateReport>> reports = new ArrayList<>();
        for (int g = 0; g < gates; g++) {
            reports.add(build(gate(null), addresses(g * perGate, perGate), go));
        }

        long start = System.nanoTime();
        go.countDown();
        for (CompletableFuture<GateReport> report : reports) {
            assertAllFound(report.get(60, SECONDS));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // 60 lookups at 10 per 1 s window: 6 windows, the first at once, so 5 s at best.
        Duration ideal = Duration.ofSeconds((gates * perGate + datadog.limit - 1) / datadog.limit - 1);
        assertThat(datadog.tooManyRequests.get()).as("429s in all").isLessThanOrEqualTo(2);
        assertThat(took).as("within 25%% of the ideal %s, plus one window", ideal)
                .isLessThanOrEqualTo(ideal.multipliedBy(5).dividedBy(4).plusSeconds(1));
    }

    @Test
    void gatesLookingUpTheSameIndicatorsSendOneRequestForEach() throws Exception {
        LookupCache cache = new LookupCache(Duration.ofMinutes(5), 1000);
        List<String> indicators = addresses(0, 20);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<GateReport>> reports = new ArrayList<>();
        for (int g = 0; g < 6; g++) {
            reports.add(build(gate(cache), indicators, go));
        }

        go.countDown();
        for (CompletableFuture<GateReport> report : reports) {
            assertAllFound(report.get(60, SECONDS));
        }

        assertThat(datadog.requestCount()).as("requests for 20 distinct indicators").isEqualTo(20);
        assertThat(datadog.requests.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(IocGate.UNDER_WAY.size()).as("nothing kept once answered").isZero();
    }

    @Test
    void aGateInterruptedWhileLeadingASharedLookupDoesNotFailTheOthers() throws Exception {
        datadog.held = "198.51.100.7";
        IocGate aborted = gate(null);
        CompletableFuture<GateReport> leader = build(aborted, List.of("198.51.100.7"), new CountDownLatch(0));
        assertThat(datadog.heldArrived.await(30, SECONDS)).as("the first build's request reached Datadog").isTrue();
        CompletableFuture<GateReport> second = build(gate(null), List.of("198.51.100.7", "198.51.100.8"), new CountDownLatch(0));
        CompletableFuture<GateReport> third = build(gate(null), List.of("198.51.100.7"), new CountDownLatch(0));
        LookupKey key = new LookupKey(config().answerScope(), "198.51.100.7", LookupOptions.DEFAULT);
        for (int i = 0; i < 500 && IocGate.UNDER_WAY.callers(key) < 3; i++) {
            Thread.sleep(10);
        }
        assertThat(IocGate.UNDER_WAY.callers(key)).as("the other builds wait for the first one's request").isEqualTo(3);

        threads.get(0).interrupt(); // the first build is aborted

        assertThatThrownBy(() -> leader.get(30, SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertAllFound(second.get(30, SECONDS));
        assertAllFound(third.get(30, SECONDS));
        assertThat(datadog.requests.get("198.51.100.7").get()).as("the aborted request, then one taken over").isEqualTo(2);
    }
}
