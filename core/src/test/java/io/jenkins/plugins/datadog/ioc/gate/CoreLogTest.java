package io.jenkins.plugins.datadog.ioc.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What core tells a controller's administrator through java.util.logging, and that it never names a key. */
class CoreLogTest {
    private static final String API_KEY = "log-test-api-key-0123456789abcdef";
    private static final String APP_KEY = "log-test-app-key-fedcba9876543210";
    private static final Logger CORE = Logger.getLogger("io.jenkins.plugins.datadog.ioc");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private MockWebServer server;

    @BeforeEach
    void listen() throws IOException {
        CORE.addHandler(handler);
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        CORE.removeHandler(handler);
        server.close();
    }

    private IocClient client() {
        return new IocClient(IocClientConfig.builder(ApiKeys.of(API_KEY, APP_KEY)).baseUrl(server.url("/").toString())
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    }

    private List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    private void assertNoKeyLogged() {
        for (LogRecord record : records) {
            for (String key : List.of(API_KEY, APP_KEY)) {
                for (int i = 0; i + 12 <= key.length(); i++) {
                    assertThat(record.getMessage()).doesNotContain(key.substring(i, i + 12));
                }
            }
        }
    }

    @Test
    void a429WithItsResetAndWhatEachRunGotFromTheCacheAreLogged() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse.Builder answer = new MockResponse.Builder().setHeader("Content-Type", "application/json")
                        .setHeader("X-RateLimit-Limit", "100").setHeader("X-RateLimit-Period", "1")
                        .setHeader("X-RateLimit-Reset", "1");
                if (requests.incrementAndGet() == 1) {
                    return answer.code(429).setHeader("X-RateLimit-Remaining", "0")
                            .body("{\"errors\":[\"Too many requests, key " + API_KEY + "\"]}").build();
                }
                return answer.code(200).setHeader("X-RateLimit-Remaining", "50")
                        .body(TestData.body(request.getUrl().queryParameter("indicator"), 10)).build();
            }
        });
        LookupCache cache = new LookupCache(Duration.ofMinutes(5), 100);
        List<String> indicators = List.of("198.51.100.1", "198.51.100.2");

        try (IocClient client = client()) {
            new IocGate(client, GatePolicy.builder().build(), LookupOptions.DEFAULT, 1, cache).run(indicators, ProgressListener.NONE);
            new IocGate(client, GatePolicy.builder().build(), LookupOptions.DEFAULT, 1, cache).run(indicators, ProgressListener.NONE);
        }

        assertThat(messages(Level.WARNING)).anySatisfy(m -> assertThat(m).contains("HTTP 429").contains("resets in 1 s")
                .contains(server.getHostName()));
        assertThat(messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("Looked up 2 indicators")
                .contains("0 from the cache"));
        assertThat(messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("2 from the cache"));
        assertNoKeyLogged();
    }

    @Test
    void aRunThatFoundDatadogUnusableSaysSoOnce() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                        .body("{\"errors\":[\"Unauthorized: " + API_KEY + "\"]}").build();
            }
        });

        try (IocClient client = client()) {
            new IocGate(client, GatePolicy.builder().build(), LookupOptions.DEFAULT, 1, null)
                    .run(List.of("198.51.100.1", "198.51.100.2", "198.51.100.3"), ProgressListener.NONE);
        }

        assertThat(messages(Level.WARNING)).filteredOn(m -> m.contains("stopped early")).hasSize(1)
                .allSatisfy(m -> assertThat(m).contains("401"));
        assertNoKeyLogged();
    }
}
