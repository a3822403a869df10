package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private RateLimitGate.Permit take() throws InterruptedException {
        RateLimitGate.Permit permit = gate.acquire(in(600));
        assertThat(permit).as("a permit without waiting").isNotNull();
        return permit;
    }

    /** Whether a request could go within half a second, without waiting for a reset. */
    private boolean mayGoNow() throws InterruptedException {
        return gate.acquire(now.get() + SECOND / 2) != null;
    }

    @Test
    void untilTheFirstAnswerRequestsGoOneAtATime() throws Exception {
        RateLimitGate.Permit probe = take();
        CompletableFuture<RateLimitGate.Permit> next = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.acquire(in(600));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> next.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        gate.release(probe, budget(10, 9, 30), false);

        assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void everyNewWindowWaitsForItsOwnFirstAnswer() throws Exception {
        gate.release(take(), budget(10, 0, 1), false);
        now.addAndGet(SECOND);
        RateLimitGate.Permit probe = take();
        CompletableFuture<RateLimitGate.Permit> next = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.acquire(in(600));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> next.get(300, TimeUnit.MILLISECONDS))
                .as("the last window's requests may have run into this one: what remains is unknown")
                .isInstanceOf(TimeoutException.class);

        gate.release(probe, budget(10, 3, 1), false);

        assertThat(next.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(mayGoNow()).isTrue();
        assertThat(mayGoNow()).isTrue();
        assertThat(mayGoNow()).as("3 remained after the first answer, all 3 taken since").isFalse();
    }

    @Test
    void afterAnAnswerWithoutBudgetHeadersNothingIsHeldBack() throws Exception {
        gate.release(take(), Headers.of("Content-Type", "application/json"), false);
        for (int i = 0; i < 100; i++) {
            assertThat(gate.acquire(in(1))).isNotNull();
        }
    }

    @Test
    void responsesWithoutBudgetHeadersChangeNothing() throws Exception {
        gate.release(take(), Headers.of("Content-Type", "application/json"), false);
        gate.release(take(), null, false);

        assertThat(gate.acquire(in(1))).isNotNull();
    }

    @Test
    void aSpentBudgetWithAResetPastTheDeadlineRefusesAtOnce() throws Exception {
        gate.release(take(), budget(10, 0, 30), false);

        assertThat(gate.acquire(in(5))).isNull();
        assertThat(gate.nanosUntilReset()).isEqualTo(30 * SECOND);
    }

    @Test
    void aFreshWindowRestoresTheAnnouncedLimit() throws Exception {
        gate.release(take(), budget(2, 0, 30), false);
        now.addAndGet(30 * SECOND);

        gate.release(take(), budget(2, 1, 30), false); // the new window's first request: 1 remains
        take();
        assertThat(mayGoNow()).as("the fresh window's 2 requests are taken").isFalse();
    }

    @Test
    void untilAnAnswerTellsItsEndAFreshWindowLastsThePeriod() throws Exception {
        gate.release(take(), budget(1, 0, 30), false);
        now.addAndGet(30 * SECOND);
        take();

        assertThat(gate.nanosUntilReset()).isEqualTo(60 * SECOND);
    }

    @Test
    void requestsInFlightCountAgainstWhatRemains() throws Exception {
        gate.release(take(), budget(100, 50, 30), false);
        RateLimitGate.Permit first = take();
        take();
        take();
        gate.release(first, budget(100, 2, 30), false); // two others are still under way: nothing is left

        assertThat(mayGoNow()).isFalse();
    }

    @Test
    void answersArrivingOutOfOrderNeverRaiseTheLeastAnnounced() throws Exception {
        gate.release(take(), budget(10, 10, 30), false);
        List<RateLimitGate.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            permits.add(take());
        }
        gate.release(permits.get(3), budget(10, 6, 30), false); // answered first: 6 left, less 3 under way
        gate.release(permits.get(0), budget(10, 9, 30), false); // counted first, answered late: still 6, less 2

        for (int i = 0; i < 4; i++) {
            assertThat(mayGoNow()).as("request %d of what remains", i).isTrue();
        }
        assertThat(mayGoNow()).isFalse();
    }

    @Test
    void anAnswerToARequestOfAnEarlierWindowSaysNothingOfTheCurrentOne() throws Exception {
        gate.release(take(), budget(3, 2, 1), false);
        RateLimitGate.Permit early = take();
        RateLimitGate.Permit late = take();
        gate.release(early, budget(3, 0, 1), false);
        now.addAndGet(SECOND);
        gate.release(take(), budget(3, 1, 5), false);
        take();

        // Sent in the window that ended, answered now: it may neither refill nor move this window.
        gate.release(late, budget(3, 2, 1), false);

        assertThat(mayGoNow()).isFalse();
        assertThat(gate.nanosUntilReset()).isEqualTo(5 * SECOND);
    }

    @Test
    void anAnswerArrivingAfterItsWindowEndedCountsAgainstTheNextOne() throws Exception {
        gate.release(take(), budget(3, 1, 1), false);
        RateLimitGate.Permit last = take();
        now.addAndGet(SECOND); // Datadog's window resets while the request is under way: it may fall in the next

        gate.release(last, budget(3, 0, 10), false);

        assertThat(mayGoNow()).isFalse();
        assertThat(gate.nanosUntilReset()).isEqualTo(10 * SECOND);
    }

    @Test
    void theEarliestEndAnAnswerAnnouncesEndsTheWindow() throws Exception {
        // Reset is rounded up, so each answer's end is at or after Datadog's: the earliest is the closest.
        gate.release(take(), budget(5, 4, 20), false);
        gate.release(take(), budget(5, 3, 10), false);
        gate.release(take(), budget(5, 2, 15), false);

        assertThat(gate.nanosUntilReset()).isEqualTo(10 * SECOND);
    }

    @Test
    void anAnswerThatFoundMoreRemainingThanTheFirstFollowsDatadogsNewerWindow() throws Exception {
        gate.release(take(), budget(10, 2, 1), false); // late in Datadog's window: 2 remain
        RateLimitGate.Permit a = take();
        RateLimitGate.Permit b = take();
        now.addAndGet(SECOND / 2);

        // Sent after the first answer, yet more remains: Datadog's window turned over meanwhile.
        gate.release(b, budget(10, 9, 1), false);

        assertThat(gate.nanosUntilReset()).as("ends with the newer window, not with the first answer's")
                .isEqualTo(SECOND);
        for (int i = 0; i < 8; i++) {
            assertThat(mayGoNow()).as("request %d of the 9 left, less the one still under way", i).isTrue();
        }
        assertThat(mayGoNow()).isFalse();
        gate.release(a, budget(10, 1, 1), false); // the other one fell in the older window
        assertThat(gate.nanosUntilReset()).isEqualTo(SECOND);
    }

    @Test
    void a429SpendsTheBudgetUntilTheReset() throws Exception {
        gate.release(take(), Headers.of("X-RateLimit-Reset", "20"), true);

        assertThat(gate.acquire(in(5))).isNull();
        assertThat(gate.nanosUntilReset()).isEqualTo(20 * SECOND);
        now.addAndGet(20 * SECOND);
        assertThat(gate.acquire(in(5))).isNotNull();
    }

    @Test
    void anAnnouncedLimitOfZeroDoesNotSpendEveryFutureWindow() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            gate.release(take(), budget(0, 0, 1), false);
            now.addAndGet(2 * SECOND);

            assertThat(gate.acquire(in(60))).isNotNull();
        });
    }

    @Test
    void unreadableHeadersAreIgnored() throws Exception {
        gate.release(take(), Headers.of("X-RateLimit-Limit", "many", "X-RateLimit-Remaining", "none",
                "X-RateLimit-Reset", "soon"), false);

        assertThat(gate.acquire(in(1))).isNotNull();
        assertThat(RateLimitGate.intHeader(Headers.of("X", " 7 "), "X")).isEqualTo(7);
        assertThat(RateLimitGate.intHeader(Headers.of("X", "7.5"), "X")).isNull();
        assertThat(RateLimitGate.intHeader(Headers.of(), "X")).isNull();
    }
}
