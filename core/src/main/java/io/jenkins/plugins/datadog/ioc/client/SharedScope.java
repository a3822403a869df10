package io.jenkins.plugins.datadog.ioc.client;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;

/**
 * What every client of one organization (one {@link IocClientConfig#answerScope()}) in this JVM shares,
 * because Datadog counts it per organization: the rate-limit window, the cap on requests under way, and
 * the HTTP dispatcher and connection pool. Owned by {@link SharedScopes}.
 */
final class SharedScope {
    final String label;
    final RateLimitGate rateLimit;
    final RequestSlots slots;
    final Dispatcher dispatcher;
    final ConnectionPool connectionPool;
    /** Open clients of this scope, and since when (nanoTime) it has none; guarded by the registry. */
    int clients;
    long idleSince;

    SharedScope(String label, int maxConcurrentRequests) {
        this.label = label;
        this.rateLimit = new RateLimitGate(System::nanoTime, label);
        this.slots = new RequestSlots(maxConcurrentRequests);
        // Daemon threads that end when idle: a scope kept for the next build never holds a JVM open.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "ioc-lookup HTTP");
                    thread.setDaemon(true);
                    return thread;
                });
        this.dispatcher = new Dispatcher(executor);
        // The slots are the cap; the dispatcher must never queue a request that holds one.
        dispatcher.setMaxRequests(IocClientConfig.MAX_CONCURRENCY);
        dispatcher.setMaxRequestsPerHost(IocClientConfig.MAX_CONCURRENCY);
        // Keep a connection per concurrent request alive (OkHttp's default keeps 5).
        this.connectionPool = new ConnectionPool(Math.max(5, maxConcurrentRequests), 5, TimeUnit.MINUTES);
    }

    /** Lets the threads and connections go; only once no client uses the scope. */
    void close() {
        dispatcher.executorService().shutdown();
        connectionPool.evictAll();
    }
}
