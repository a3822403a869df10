package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Recent answers per indicator, so that repeated gates do not spend the rate limit. Answers are kept per
 * scope (organization) and never cross it. Bounded in time, in count and in an estimate of the bytes
 * they hold (a few answers with large {@code additional_data} could otherwise fill the heap that 10,000
 * small ones fit in); least recently used entries go first. Thread-safe. Only answers are kept: errors
 * are always looked up again.
 */
public final class LookupCache {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** A map entry of an access-ordered LinkedHashMap and the cache's own holder. */
    private static final int ENTRY_OVERHEAD = 80;

    private final long ttlNanos;
    private final int maxEntries;
    private final long maxBytes;
    private final LongSupplier nanoClock;
    private final Map<LookupKey, CachedAnswer> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public LookupCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, DEFAULT_MAX_BYTES);
    }

    public LookupCache(Duration ttl, int maxEntries, long maxBytes) {
        this(ttl, maxEntries, maxBytes, System::nanoTime);
    }

    LookupCache(Duration ttl, int maxEntries, long maxBytes, LongSupplier nanoClock) {
        if (ttl.isNegative() || maxEntries < 1 || maxBytes < 1) {
            throw new ConfigurationException("The cache needs a time to live of 0 or more and room for at least one entry.");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.nanoClock = nanoClock;
    }

    /**
     * @param scope what else the answer depends on, such as the Datadog site, so that one cache can
     *     serve several configurations without mixing them
     * @return the cached answer marked as such, or {@code null}
     */
    public synchronized LookupResult get(String scope, String indicator, LookupOptions options) {
        LookupKey key = new LookupKey(scope, indicator, options);
        CachedAnswer entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.storedAt >= ttlNanos) {
            remove(key);
            return null;
        }
        return entry.result.fromCache();
    }

    /** Keeps an answer; one that alone would take more than the byte bound is not kept. */
    public void put(String scope, LookupOptions options, LookupResult result) {
        if (result.status() == LookupStatus.ERROR || result.cached() || ttlNanos == 0) {
            return;
        }
        LookupKey key = new LookupKey(scope, result.indicator(), options);
        long size = ENTRY_OVERHEAD + EstimatedSize.of(key) + EstimatedSize.of(result); // outside the lock
        if (size > maxBytes) {
            return;
        }
        synchronized (this) {
            remove(key);
            entries.put(key, new CachedAnswer(result, nanoClock.getAsLong(), size));
            bytes += size;
            Iterator<CachedAnswer> eldestFirst = entries.values().iterator();
            while (entries.size() > maxEntries || bytes > maxBytes) {
                bytes -= eldestFirst.next().size;
                eldestFirst.remove();
            }
        }
    }

    private void remove(LookupKey key) {
        CachedAnswer removed = entries.remove(key);
        if (removed != null) {
            bytes -= removed.size;
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The estimated bytes the entries hold; never above the bound. */
    public synchronized long estimatedBytes() {
        return bytes;
    }

    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    private record CachedAnswer(LookupResult result, long storedAt, long size) {}
}
