package io.jenkins.plugins.datadog.ioc.client;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.Headers;

/**
 * Keeps requests within Datadog's announced rate limit instead of provoking 429s. Datadog sends
 * {@code X-RateLimit-Limit}, {@code -Period}, {@code -Remaining} and {@code -Reset} (seconds until the
 * window resets) with each response; requests already in flight when an answer arrives are counted
 * against what it says remains, so concurrent callers share one budget.
 */
final class RateLimitGate {
    /** How long a window that reset without news is assumed to last; the next response corrects it. */
    private static final long GUESSED_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;

    /** Requests the current window still allows; negative while unknown. */
    private int remaining = -1;
    /** The limit per window last announced; negative while unknown. */
    private int limit = -1;
    private long windowEndsAt;
    private int inFlight;

    RateLimitGate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one request from the budget, waiting for the window to reset when it is spent.
     *
     * @return the nanoseconds still to wait past the deadline, or 0 when the request may go
     */
    synchronized long acquire(long deadline) throws InterruptedException {
        while (true) {
            long now = nanoClock.getAsLong();
            if (remaining >= 0 && now - windowEndsAt >= 0) {
                // A fresh window, less the requests still in flight: they may land in it. Its end is unknown
                // until a response tells; without one, every caller after the first would refill it again.
                remaining = Math.max(0, limit - inFlight);
                windowEndsAt = now + GUESSED_WINDOW_NANOS;
            }
            if (remaining != 0) {
                if (remaining > 0) {
                    remaining--;
                }
                inFlight++;
                return 0;
            }
            long wait = windowEndsAt - now;
            if (deadline - windowEndsAt < 0) {
                return wait;
            }
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
    }

    /** Returns a request's slot and learns the budget from its response headers, if any. */
    synchronized void release(Headers headers) {
        inFlight--;
        if (headers != null) {
            update(headers, false);
        }
        notifyAll();
    }

    /** A 429: nothing remains until the window resets. */
    synchronized void exhausted(Headers headers) {
        update(headers, true);
    }

    private void update(Headers headers, boolean exhausted) {
        Integer announcedRemaining = intHeader(headers, "X-RateLimit-Remaining");
        Integer reset = intHeader(headers, "X-RateLimit-Reset");
        Integer announcedLimit = intHeader(headers, "X-RateLimit-Limit");
        if (announcedLimit != null && announcedLimit > 0) {
            // A limit of 0 (or less) would leave each fresh window spent: acquire() would spin forever.
            limit = announcedLimit;
        }
        if (reset == null || (announcedRemaining == null && !exhausted)) {
            return;
        }
        remaining = exhausted ? 0 : Math.max(0, announcedRemaining - inFlight);
        windowEndsAt = nanoClock.getAsLong() + TimeUnit.SECONDS.toNanos(Math.max(0, reset));
        if (limit < 0) {
            limit = Math.max(remaining, 1);
        }
    }

    static Integer intHeader(Headers headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
