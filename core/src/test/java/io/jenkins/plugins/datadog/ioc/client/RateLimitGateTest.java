package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** The shared budget, on a fake clock; only paths that decide without waiting. */
class RateLimitGateTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final RateLimitGate gate = new RateLimitGate(now::get);

    private static Headers budget(int limit, int remaining, int reset) {
        return Headers.of("X-RateLimit-Limit", String.valueOf(limit), "X-RateLimit-Remaining", String.valueOf(remaining),
                "X-RateLimit-Reset", String.valueOf(reset), "X-RateLimit-Period", "60");
    }

    private long in(int seconds) {
        return now.get() + seconds * SECOND;
    }

    @Test
    void anUnknownBudgetNeverHoldsARequestBack() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(gate.acquire(in(1))).isZero();
        }
    }

    @Test
    void responsesWithoutBudgetHeadersChangeNothing() throws Exception {
        assertThat(gate.acquire(in(1))).isZero();
        gate.release(Headers.of("Content-Type", "application/json"));
        gate.release(null);

        assertThat(gate.acquire(in(1))).isZero();
    }

    @Test
    void aSpentBudgetWithAResetPastTheDeadlineRefusesAtOnceWithTheOvershoot() throws Exception {
        assertThat(gate.acquire(in(60))).isZero();
        gate.release(budget(10, 0, 30));

        long overshoot = gate.acquire(in(5));

        assertThat(overshoot).isPositive().isEqualTo(30 * SECOND);
    }

    @Test
    void aFreshWindowRestoresTheAnnouncedLimit() throws Exception {
        assertThat(gate.acquire(in(60))).isZero();
        gate.release(budget(2, 0, 30));
        now.addAndGet(30 * SECOND);

        assertThat(gate.acquire(in(60))).isZero();
        assertThat(gate.acquire(in(60))).isZero();
        // Until a response tells when the fresh window ends, it is taken to last a second.
        assertThat(gate.acquire(now.get() + SECOND / 2)).as("the window's 2 requests are taken").isPositive();
    }

    @Test
    void requestsStillInFlightWhenAWindowResetsCountAgainstTheFreshWindow() throws Exception {
        assertThat(gate.acquire(in(60))).isZero();
        gate.release(budget(2, 1, 30));
        assertThat(gate.acquire(in(60))).isZero(); // the last of the window, still in flight at the reset
        now.addAndGet(30 * SECOND);

        assertThat(gate.acquire(in(60))).isZero();
        assertThat(gate.acquire(now.get() + SECOND / 2)).as("the one in flight may land in this window").isPositive();
    }

    @Test
    void requestsInFlightCountAgainstWhatRemains() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(gate.acquire(in(60))).isZero();
        }
        gate.release(budget(100, 2, 30)); // two others are still in flight: nothing is left

        assertThat(gate.acquire(in(5))).isPositive();
    }

    @Test
    void a429SpendsTheBudgetUntilTheReset() throws Exception {
        assertThat(gate.acquire(in(60))).isZero();
        Headers headers = Headers.of("X-RateLimit-Reset", "20");
        gate.release(headers);
        gate.exhausted(headers);

        assertThat(gate.acquire(in(5))).isEqualTo(20 * SECOND);
        now.addAndGet(20 * SECOND);
        assertThat(gate.acquire(in(5))).isZero();
    }

    @Test
    void anAnnouncedLimitOfZeroDoesNotSpendEveryFutureWindow() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(gate.acquire(in(60))).isZero();
            gate.release(budget(0, 0, 1));
            now.addAndGet(2 * SECOND);

            assertThat(gate.acquire(in(60))).isZero();
        });
    }

    @Test
    void unreadableHeadersAreIgnored() throws Exception {
        assertThat(gate.acquire(in(60))).isZero();
        gate.release(Headers.of("X-RateLimit-Limit", "many", "X-RateLimit-Remaining", "none", "X-RateLimit-Reset", "soon"));

        assertThat(gate.acquire(in(1))).isZero();
        assertThat(RateLimitGate.intHeader(Headers.of("X", " 7 "), "X")).isEqualTo(7);
        assertThat(RateLimitGate.intHeader(Headers.of("X", "7.5"), "X")).isNull();
        assertThat(RateLimitGate.intHeader(Headers.of(), "X")).isNull();
    }
}
