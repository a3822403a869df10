package io.jenkins.plugins.datadog.ioc.bench;

import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.gate.IocGate;
import io.jenkins.plugins.datadog.ioc.gate.LookupCache;
import io.jenkins.plugins.datadog.ioc.gate.ProgressListener;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * K gates at once in one JVM, as K builds on one Jenkins controller run them: each with its own client
 * and the plugin's defaults (4 lookups at once, one shared cache), started together against one server.
 * Uses only API that existed before clients shared anything, so the same class measures before and after.
 *
 * <pre>java -cp bench-server.jar:ioc-lookup.jar ...ConcurrentGates BASE_URL GATES INDICATORS same|distinct</pre>
 *
 * Prints "wall SECONDS errors N lookups N".
 */
public final class ConcurrentGates {
    private ConcurrentGates() {}

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int gates = Integer.parseInt(args[1]);
        int perGate = Integer.parseInt(args[2]);
        boolean same = args[3].equals("same");
        LookupCache cache = new LookupCache(LookupCache.DEFAULT_TTL, LookupCache.DEFAULT_MAX_ENTRIES);
        IocClientConfig config = IocClientConfig.builder(ApiKeys.of("bench-api-key", "bench-app-key"))
                .baseUrl(baseUrl).maxConcurrentRequests(4).timeout(Duration.ofSeconds(60)).build();
        GatePolicy policy = GatePolicy.builder().failThreshold(80.0).build();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger lookups = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int g = 0; g < gates; g++) {
            List<String> indicators = new ArrayList<>();
            for (int i = 0; i < perGate; i++) {
                int n = same ? i : g * perGate + i;
                indicators.add("198.51." + (n / 256) + '.' + (n % 256));
            }
            Thread thread = new Thread(() -> {
                try (IocClient client = new IocClient(config)) {
                    go.await();
                    GateReport report = new IocGate(client, policy, LookupOptions.DEFAULT, 4, cache)
                            .run(indicators, ProgressListener.NONE);
                    for (IndicatorReport result : report.results()) {
                        LookupResult lookup = result.lookup();
                        lookups.incrementAndGet();
                        if (lookup.status() == LookupStatus.ERROR) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "gate-" + g);
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("wall %.2f errors %d lookups %d%n", (System.nanoTime() - start) / 1e9, errors.get(), lookups.get());
    }
}
