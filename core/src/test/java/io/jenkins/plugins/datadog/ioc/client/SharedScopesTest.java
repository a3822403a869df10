package io.jenkins.plugins.datadog.ioc.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients of one organization share its window, cap and connections; an idle organization is let go. */
class SharedScopesTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SharedScopes scopes = new SharedScopes(now::get);
    private final List<IocClient> clients = new ArrayList<>();
    private MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(IocClient::close);
        server.close();
    }

    private IocClientConfig.Builder config(String apiKey) {
        return IocClientConfig.builder(ApiKeys.of(apiKey, "app-key-of-the-organization"))
                .baseUrl(server.url("/").toString())
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private IocClient client(IocClientConfig config) {
        IocClient client = new IocClient(config, scopes);
        clients.add(client);
        return client;
    }

    private void idleFor(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void clientsOfOneOrganizationShareOneScopeAndOthersHaveTheirOwn() {
        SharedScope first = scopes.acquire(config("org-a").build());
        SharedScope second = scopes.acquire(config("org-a").timeout(Duration.ofSeconds(5)).build());
        SharedScope other = scopes.acquire(config("org-b").build());

        assertThat(second).isSameAs(first);
        assertThat(second.rateLimit).isSameAs(first.rateLimit);
        assertThat(other).isNotSameAs(first);
        assertThat(scopes.size()).isEqualTo(2);
    }

    @Test
    void aScopeLeftIdleIsDroppedAndTheNextClientStartsAfresh() {
        IocClientConfig config = config("org-a").build();
        SharedScope used = scopes.acquire(config);
        scopes.release(used);
        idleFor(SharedScopes.IDLE.minusSeconds(1));
        assertThat(scopes.acquire(config)).as("kept for the next build").isSameAs(used);
        scopes.release(used);

        idleFor(SharedScopes.IDLE);
        scopes.acquire(config("org-b").build());

        assertThat(scopes.size()).as("org-a dropped when another scope was asked for").isEqualTo(1);
        assertThat(used.dispatcher.executorService().isShutdown()).isTrue();
        assertThat(scopes.acquire(config)).isNotSameAs(used);
    }

    @Test
    void aScopeInUseIsNeverDroppedHoweverLongItRuns() {
        SharedScope used = scopes.acquire(config("org-a").build());

        idleFor(SharedScopes.IDLE.multipliedBy(100));
        scopes.acquire(config("org-b").build());

        assertThat(scopes.acquire(config("org-a").build())).isSameAs(used);
    }

    @Test
    void idleScopesAreBoundedWhateverTheirAge() {
        for (int i = 0; i < SharedScopes.MAX_IDLE * 3; i++) {
            scopes.release(scopes.acquire(config("org-" + i).build()));
            idleFor(Duration.ofMillis(1));
        }

        assertThat(scopes.size()).isEqualTo(SharedScopes.MAX_IDLE);
    }

    @Test
    void closingAClientHandsItsScopeBackOnceAndLeavesOtherClientsWorking() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return IocClientTest.ok(TestData.body(request.getUrl().queryParameter("indicator"), 42));
            }
        });
        IocClient staying = client(config("org-a").build());
        IocClient leaving = client(config("org-a").build());

        leaving.close();
        leaving.close();
        idleFor(SharedScopes.IDLE.multipliedBy(2));
        scopes.acquire(config("org-b").build()); // would drop org-a if it were idle

        assertThat(staying.lookup("203.0.113.1").status()).isEqualTo(LookupStatus.FOUND);
        assertThat(scopes.size()).isEqualTo(2);
    }

    @Test
    void theCapOnRequestsUnderWayHoldsForAllClientsOfTheOrganizationTogether() throws Exception {
        AtomicInteger underWay = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                most.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                try {
                    three.countDown();
                    three.await(200, java.util.concurrent.TimeUnit.MILLISECONDS); // a third at once would free all
                    return IocClientTest.ok(TestData.body(request.getUrl().queryParameter("indicator"), 42));
                } finally {
                    underWay.decrementAndGet();
                }
            }
        });
        // Each build's own client, each allowing 2: together still 2.
        List<IocClient> builds = List.of(client(config("org-a").maxConcurrentRequests(2).build()),
                client(config("org-a").maxConcurrentRequests(2).build()),
                client(config("org-a").maxConcurrentRequests(2).build()));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<LookupResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                IocClient build = builds.get(i % 3);
                String indicator = "203.0.113." + i;
                results.add(pool.submit(() -> build.lookup(indicator)));
            }
            for (Future<LookupResult> result : results) {
                assertThat(result.get(30, SECONDS).status()).isEqualTo(LookupStatus.FOUND);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aBudgetSpentThroughOneClientHoldsBackTheNextClientOfTheOrganization() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(System.nanoTime());
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/vnd.api+json")
                        .setHeader("X-RateLimit-Limit", "1").setHeader("X-RateLimit-Period", "1")
                        .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1")
                        .body(TestData.body("203.0.113.1", 42)).build();
            }
        });

        try (IocClient firstBuild = client(config("org-a").build())) {
            assertThat(firstBuild.lookup("203.0.113.1").status()).isEqualTo(LookupStatus.FOUND);
        }
        LookupResult next = client(config("org-a").build()).lookup("203.0.113.2");

        assertThat(next.status()).isEqualTo(LookupStatus.FOUND);
        assertThat(next.attempts()).as("waited for the reset instead of meeting a 429").isEqualTo(1);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void aCallersOwnHttpClientKeepsItsSettingsButUsesTheScopesDispatcherAndPool() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return IocClientTest.ok(TestData.body("203.0.113.1", 42));
            }
        });
        OkHttpClient proxied = new OkHttpClient.Builder().build();
        IocClient first = client(config("org-a").httpClient(proxied).build());
        IocClient second = client(config("org-a").httpClient(proxied).build());

        first.lookup("203.0.113.1");
        second.lookup("203.0.113.1");

        assertThat(server.getRequestCount()).isEqualTo(2);
        RecordedRequest firstRequest = server.takeRequest();
        RecordedRequest secondRequest = server.takeRequest();
        assertThat(secondRequest.getConnectionIndex()).as("the second build reused the first one's connection")
                .isEqualTo(firstRequest.getConnectionIndex());
        assertThat(secondRequest.getExchangeIndex()).isEqualTo(1);
        assertThat(proxied.dispatcher().executorService().isShutdown()).as("the caller's own client is left alone").isFalse();
    }
}
