package io.jenkins.plugins.datadog.ioc.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LookupCacheTest {
    private static final String SCOPE = "https://api.datadoghq.com/";
    private static final LookupOptions OPTIONS = LookupOptions.DEFAULT;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private LookupCache cache(Duration ttl, int maxEntries) {
        return new LookupCache(ttl, maxEntries, LookupCache.DEFAULT_MAX_BYTES, now::get);
    }

    @Test
    void servesAnswersMarkedAsCached() {
        LookupCache cache = cache(Duration.ofMinutes(5), 10);
        LookupResult found = TestData.found("a.example", 90);

        cache.put(SCOPE, OPTIONS, found);
        LookupResult hit = cache.get(SCOPE, "a.example", OPTIONS);

        assertThat(hit.cached()).isTrue();
        assertThat(hit.attempts()).isZero();
        assertThat(hit.duration()).isZero();
        assertThat(hit.details()).isEqualTo(found.details());
        assertThat(hit.status()).isEqualTo(found.status());
        assertThat(cache.get(SCOPE, "b.example", OPTIONS)).isNull();
    }

    @Test
    void notFoundIsCachedButErrorsAreNot() {
        LookupCache cache = cache(Duration.ofMinutes(5), 10);

        cache.put(SCOPE, OPTIONS, TestData.notFound("unknown.example"));
        cache.put(SCOPE, OPTIONS, TestData.error("broken.example", "HTTP 500"));

        assertThat(cache.get(SCOPE, "unknown.example", OPTIONS)).isNotNull();
        assertThat(cache.get(SCOPE, "broken.example", OPTIONS)).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void resultsServedFromACacheAreNotStoredAgain() {
        LookupCache cache = cache(Duration.ofMinutes(5), 10);

        cache.put(SCOPE, OPTIONS, TestData.found("a.example", 10).fromCache());

        assertThat(cache.size()).isZero();
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() {
        LookupCache cache = cache(Duration.ofMinutes(5), 10);
        cache.put(SCOPE, OPTIONS, TestData.found("a.example", 90));

        now.addAndGet(Duration.ofMinutes(5).toNanos() - 1);
        assertThat(cache.get(SCOPE, "a.example", OPTIONS)).as("just before expiry").isNotNull();

        now.addAndGet(1);
        assertThat(cache.get(SCOPE, "a.example", OPTIONS)).as("at expiry").isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aLookupDoesNotExtendTheTimeToLive() {
        LookupCache cache = cache(Duration.ofSeconds(10), 10);
        cache.put(SCOPE, OPTIONS, TestData.found("a.example", 90));

        for (int i = 0; i < 9; i++) {
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(cache.get(SCOPE, "a.example", OPTIONS)).isNotNull();
        }
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(cache.get(SCOPE, "a.example", OPTIONS)).isNull();
    }

    @Test
    void aZeroTimeToLiveCachesNothing() {
        LookupCache cache = cache(Duration.ZERO, 10);

        cache.put(SCOPE, OPTIONS, TestData.found("a.example", 90));

        assertThat(cache.size()).isZero();
        assertThat(cache.get(SCOPE, "a.example", OPTIONS)).isNull();
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        LookupCache cache = cache(Duration.ofMinutes(5), 2);
        cache.put(SCOPE, OPTIONS, TestData.found("a.example", 1));
        cache.put(SCOPE, OPTIONS, TestData.found("b.example", 2));
        assertThat(cache.get(SCOPE, "a.example", OPTIONS)).isNotNull(); // a is now the most recently used

        cache.put(SCOPE, OPTIONS, TestData.found("c.example", 3));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(SCOPE, "b.example", OPTIONS)).isNull();
        assertThat(cache.get(SCOPE, "a.example", OPTIONS)).isNotNull();
        assertThat(cache.get(SCOPE, "c.example", OPTIONS)).isNotNull();
    }

    @Test
    void scopeAndOptionsArePartOfTheKey() {
        LookupCache cache = cache(Duration.ofMinutes(5), 10);
        cache.put(SCOPE, OPTIONS, TestData.found("a.example", 1));

        assertThat(cache.get("https://api.datadoghq.eu/", "a.example", OPTIONS)).isNull();
        assertThat(cache.get(SCOPE, "a.example", new LookupOptions(true, null, null, null))).isNull();
        assertThat(cache.get(SCOPE, "a.example", new LookupOptions(null, null, null, null))).isNotNull();
    }

    @Test
    void theEstimatedBytesStayWithinTheBoundWhateverTheCount() {
        LookupResult small = TestData.found("small-0.example", 10);
        long perEntry = estimate(small);
        LookupCache cache = new LookupCache(Duration.ofMinutes(5), 10_000, perEntry * 20, now::get);

        for (int i = 0; i < 500; i++) {
            cache.put(SCOPE, OPTIONS, TestData.found("small-" + i + ".example", 10));
            assertThat(cache.estimatedBytes()).isLessThanOrEqualTo(perEntry * 20);
        }

        assertThat(cache.size()).as("the byte bound, not the count, limits").isBetween(15, 20);
        assertThat(cache.get(SCOPE, "small-499.example", OPTIONS)).as("the newest stays").isNotNull();
        assertThat(cache.get(SCOPE, "small-0.example", OPTIONS)).as("the eldest went first").isNull();
    }

    @Test
    void aLargeAnswerPushesOutSmallOnesAndOneBeyondTheBoundIsNotKept() {
        LookupResult small = TestData.found("small-0.example", 10);
        long bound = estimate(small) * 10;
        LookupCache cache = new LookupCache(Duration.ofMinutes(5), 10_000, bound, now::get);
        for (int i = 0; i < 10; i++) {
            cache.put(SCOPE, OPTIONS, TestData.found("small-" + i + ".example", 10));
        }
        int before = cache.size();

        cache.put(SCOPE, OPTIONS, withAdditionalData(TestData.found("large.example", 90), (int) (bound / 4)));

        assertThat(cache.get(SCOPE, "large.example", OPTIONS)).isNotNull();
        assertThat(cache.size()).as("small entries made room").isLessThan(before);
        assertThat(cache.estimatedBytes()).isLessThanOrEqualTo(bound);

        cache.put(SCOPE, OPTIONS, withAdditionalData(TestData.found("huge.example", 90), (int) bound));

        assertThat(cache.get(SCOPE, "huge.example", OPTIONS)).as("larger than the whole cache").isNull();
        assertThat(cache.get(SCOPE, "large.example", OPTIONS)).as("and it pushed nothing out").isNotNull();
    }

    @Test
    void theEstimateGrowsWithTheAnswerAndCountsTwoBytesACharacter() {
        LookupResult found = TestData.found("a.example", 10);

        long withData = estimate(withAdditionalData(found, 100_000));

        assertThat(withData - estimate(found)).isBetween(200_000L, 200_100L);
    }

    /** What one entry of {@code result} adds to a cache. */
    private long estimate(LookupResult result) {
        LookupCache cache = cache(Duration.ofMinutes(5), 10);
        cache.put(SCOPE, OPTIONS, result);
        return cache.estimatedBytes();
    }

    private static LookupResult withAdditionalData(LookupResult result, int characters) {
        IndicatorDetails d = result.details();
        IndicatorDetails details = new IndicatorDetails(d.id(), d.indicator(), d.indicatorType(), d.score(), d.firstSeen(),
                d.lastSeen(), d.maliciousSources(), d.suspiciousSources(), d.benignSources(), d.categories(), d.tags(),
                d.logMatches(), d.signalMatches(), d.signalTier(), d.signalSeverity(), d.logSources(), d.hosts(),
                d.services(), d.criticalAssets(), d.users(), d.asNumber(), d.asOrganization(), d.asType(),
                d.asCidrBlock(), d.asGeo(), d.mAsType(), d.mPersistence(), d.mSignal(), d.mSources(), d.maxTrustScore(),
                d.triageState(), d.triagedAt(), d.triagedBy(), d.triageHistory(), "x".repeat(characters));
        return LookupResult.found(result.indicator(), details, 1, Duration.ZERO);
    }

    @Test
    void clearEmptiesTheCache() {
        LookupCache cache = cache(Duration.ofMinutes(5), 10);
        cache.put(SCOPE, OPTIONS, TestData.found("a.example", 1));

        cache.clear();

        assertThat(cache.size()).isZero();
    }

    @Test
    void unusableSettingsAreRejected() {
        assertThatThrownBy(() -> new LookupCache(Duration.ofSeconds(-1), 10)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new LookupCache(Duration.ofMinutes(5), 0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new LookupCache(Duration.ofMinutes(5), 10, 0)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        LookupCache cache = new LookupCache(Duration.ofMinutes(5), 50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String indicator = "host-" + ((i * 7 + thread) % 120) + ".example";
                        cache.put(SCOPE, OPTIONS, TestData.notFound(indicator));
                        LookupResult hit = cache.get(SCOPE, indicator, OPTIONS);
                        if (hit != null) {
                            assertThat(hit.indicator()).isEqualTo(indicator);
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isBetween(1, 50);
    }
}
