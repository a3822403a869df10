package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Recent answers per indicator, so that repeated gates do not spend the rate limit. Bounded in time
 * and size (least recently used entries go first) and thread-safe. Only answers are kept: errors are
 * always looked up again.
 */
public final class LookupCache {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Map<Key, CachedAnswer> entries;

    public LookupCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    LookupCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        if (ttl.isNegative() || maxEntries < 1) {
            throw new ConfigurationException("The cache needs a time to live of 0 or more and room for at least one entry.");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CachedAnswer> eldest) {
                return size() > LookupCache.this.maxEntries;
            }
        };
    }

    /**
     * @param scope what else the answer depends on, such as the Datadog site, so that one cache can
     *     serve several configurations without mixing them
     * @return the cached answer marked as such, or {@code null}
     */
    public synchronized LookupResult get(String scope, String indicator, LookupOptions options) {
        Key key = new Key(scope, indicator, options);
        CachedAnswer entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.storedAt >= ttlNanos) {
            entries.remove(key);
            return null;
        }
        return entry.result.fromCache();
    }

    public synchronized void put(String scope, LookupOptions options, LookupResult result) {
        if (result.status() != LookupStatus.ERROR && !result.cached() && ttlNanos > 0) {
            entries.put(new Key(scope, result.indicator(), options), new CachedAnswer(result, nanoClock.getAsLong()));
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }

    private record Key(String scope, String indicator, LookupOptions options) {}

    private record CachedAnswer(LookupResult result, long storedAt) {}
}
