package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
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
import java.util.logging.Logger;

/**
 * Runs a whole gate: looks every requested indicator up once (duplicates share one lookup), with
 * bounded concurrency over one client and its shared rate-limit budget, judges each by the policy,
 * and reports them all in the order they were asked for. No indicator is lost: each ends found, not
 * found or error.
 *
 * <p>Gates running at once in the JVM share lookups: one of the same indicator with the same options
 * in the same scope that another gate has under way is not sent again, but waits for that one's answer
 * ({@link SingleFlight}). Each run logs how many answers came from the cache and from other gates.
 */
public final class IocGate {
    /** Lookups under way in this JVM, by scope, indicator and options. */
    static final SingleFlight<LookupKey, LookupResult> UNDER_WAY = new SingleFlight<>();
    private static final Logger LOG = Logger.getLogger(IocGate.class.getName());

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
        Counts counts = new Counts();
        if (concurrency == 1 || keys.size() <= 1) {
            for (String key : keys) {
                unique.put(key, lookUp(key, counts, keys.size(), progress));
            }
        } else {
            runConcurrently(keys, unique, counts, progress);
        }
        List<IndicatorReport> results = new ArrayList<>(indicators.size());
        for (String key : keys) {
            results.add(unique.get(key));
        }
        SuppressionSummary summary = suppressions.isEmpty() ? SuppressionSummary.NONE : new SuppressionSummary(
                suppressions.entries().size(), suppressions.expired(keys), suppressions.unused(keys), suppressions.onExpired());
        List<Notice> notices = new ArrayList<>();
        IocClient.RunStop stop = client.stop();
        if (stop != null) {
            notices.add(Notice.stopped(stop.cause(), stop.notLookedUp(), keys.size()));
        }
        if (!policy.canFlagIndicators()) {
            notices.add(Notice.noThreshold());
        }
        if (keys.isEmpty()) {
            notices.add(Notice.nothingToCheck(skipped));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info(() -> "Looked up " + keys.size() + (keys.size() == 1 ? " indicator" : " indicators") + " for "
                + client.config().scopeLabel() + " in " + took.toMillis() + " ms: " + counts.cached + " from the cache, "
                + counts.joined + " from lookups other gates had under way");
        return new GateReport(results, skipped, took, summary, notices);
    }

    private void runConcurrently(List<String> keys, Map<String, IndicatorReport> out, Counts counts,
            ProgressListener progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, keys.size()), runnable -> {
            Thread thread = new Thread(runnable, "ioc-lookup");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<IndicatorReport>> futures = new ArrayList<>(keys.size());
            for (String key : keys) {
                futures.add(pool.submit(() -> lookUp(key, counts, keys.size(), progress)));
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

    private IndicatorReport lookUp(String indicator, Counts counts, int total, ProgressListener progress)
            throws InterruptedException {
        LookupResult result = cache == null ? null : cache.get(cacheScope, indicator, options);
        if (result == null) {
            long start = System.nanoTime();
            Duration timeout = client.config().timeout();
            SingleFlight.Outcome<LookupResult> shared = UNDER_WAY.run(new LookupKey(cacheScope, indicator, options),
                    start + timeout.toNanos(), () -> lookUpUncached(indicator),
                    () -> LookupResult.error(indicator, "No answer within the lookup's timeout of " + timeout.toSeconds()
                            + " s: the same lookup, started by another gate, is still under way",
                            0, Duration.ofNanos(System.nanoTime() - start)));
            result = shared.value();
            if (shared.joined() && result.status() == LookupStatus.ERROR && result.attempts() == 0) {
                // The other run sent nothing (it had stopped): whether this one can is for its own client to say.
                result = lookUpUncached(indicator);
            } else if (shared.joined() && !result.cached()) {
                counts.joined.incrementAndGet();
            }
        }
        if (result.cached()) {
            counts.cached.incrementAndGet();
        }
        IndicatorReport report = new IndicatorReport(result, policy.assess(result), suppressions.match(indicator), null);
        progress.finished(counts.done.incrementAndGet(), total, report);
        return report;
    }

    /** Sent by the gate that leads a shared lookup; the cache is asked again, as another may just have filled it. */
    private LookupResult lookUpUncached(String indicator) throws InterruptedException {
        LookupResult result = cache == null ? null : cache.get(cacheScope, indicator, options);
        if (result == null) {
            result = client.lookup(indicator, options);
            if (cache != null) {
                cache.put(cacheScope, options, result);
            }
        }
        return result;
    }

    /** What a run counts, from its worker threads. */
    private static final class Counts {
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger cached = new AtomicInteger();
        final AtomicInteger joined = new AtomicInteger();
    }

    /** Duplicates are recognized as the client would send them: trimmed. */
    private static String key(String indicator) {
        return indicator == null ? "" : indicator.strip();
    }
}
