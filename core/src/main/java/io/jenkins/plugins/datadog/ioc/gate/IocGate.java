package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import io.jenkins.plugins.datadog.ioc.suppress.Suppressions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a whole gate: looks every requested indicator up once (duplicates share one lookup), with
 * bounded concurrency over one client and its shared rate-limit budget, judges each by the policy,
 * and reports them all in the order they were asked for. No indicator is lost: each ends found, not
 * found or error.
 */
public final class IocGate {
    private final IocClient client;
    private final GatePolicy policy;
    private final LookupOptions options;
    private final int concurrency;
    private final LookupCache cache;
    private final String cacheScope;
    private final Suppressions suppressions;

    /** A gate without suppressions. */
    public IocGate(IocClient client, GatePolicy policy, LookupOptions options, int concurrency, LookupCache cache) {
        this(client, policy, options, concurrency, cache, Suppressions.NONE);
    }

    /**
     * @param cache shared recent answers, or {@code null} for none
     * @param suppressions accepted risks, which cap the verdicts of the indicators they match
     */
    public IocGate(IocClient client, GatePolicy policy, LookupOptions options, int concurrency, LookupCache cache,
            Suppressions suppressions) {
        this.client = client;
        this.suppressions = suppressions;
        this.policy = policy;
        this.options = options;
        this.concurrency = Math.max(1, concurrency);
        this.cache = cache;
        this.cacheScope = client.config().answerScope();
    }

    public GateReport run(List<String> indicators, ProgressListener progress) throws InterruptedException {
        return run(indicators, 0, progress);
    }

    /**
     * @param skipped how many indicators the caller left out on purpose, to show in the report
     * @throws InterruptedException if the thread was interrupted; lookups under way are cancelled
     */
    public GateReport run(List<String> indicators, int skipped, ProgressListener progress) throws InterruptedException {
        long start = System.nanoTime();
        Map<String, IndicatorReport> unique = new LinkedHashMap<>();
        for (String indicator : indicators) {
            unique.put(key(indicator), null);
        }
        List<String> keys = new ArrayList<>(unique.keySet());
        AtomicInteger done = new AtomicInteger();
        if (concurrency == 1 || keys.size() <= 1) {
            for (String key : keys) {
                unique.put(key, lookUp(key, done, keys.size(), progress));
            }
        } else {
            runConcurrently(keys, unique, done, progress);
        }
        List<IndicatorReport> results = new ArrayList<>(indicators.size());
        for (String key : keys) {
            results.add(unique.get(key));
        }
        SuppressionSummary summary = suppressions.isEmpty() ? SuppressionSummary.NONE : new SuppressionSummary(
                suppressions.entries().size(), suppressions.expired(keys), suppressions.unused(keys), suppressions.onExpired());
        return new GateReport(results, skipped, Duration.ofNanos(System.nanoTime() - start), summary);
    }

    private void runConcurrently(List<String> keys, Map<String, IndicatorReport> out, AtomicInteger done,
            ProgressListener progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, keys.size()), runnable -> {
            Thread thread = new Thread(runnable, "ioc-lookup");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<IndicatorReport>> futures = new ArrayList<>(keys.size());
            for (String key : keys) {
                futures.add(pool.submit(() -> lookUp(key, done, keys.size(), progress)));
            }
            for (int i = 0; i < keys.size(); i++) {
                try {
                    out.put(keys.get(i), futures.get(i).get());
                } catch (ExecutionException e) {
                    // lookUp only throws when cancelled, which the pool's shutdown below does.
                    throw new IllegalStateException("lookup of " + keys.get(i) + " failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private IndicatorReport lookUp(String indicator, AtomicInteger done, int total, ProgressListener progress)
            throws InterruptedException {
        LookupResult result = cache == null ? null : cache.get(cacheScope, indicator, options);
        if (result == null) {
            result = client.lookup(indicator, options);
            if (cache != null) {
                cache.put(cacheScope, options, result);
            }
        }
        IndicatorReport report = new IndicatorReport(result, policy.assess(result), suppressions.match(indicator), null);
        progress.finished(done.incrementAndGet(), total, report);
        return report;
    }

    /** Duplicates are recognized as the client would send them: trimmed. */
    private static String key(String indicator) {
        return indicator == null ? "" : indicator.strip();
    }
}
