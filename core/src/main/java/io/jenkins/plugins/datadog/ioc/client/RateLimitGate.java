package io.jenkins.plugins.datadog.ioc.client;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import okhttp3.Headers;

/**
 * Keeps requests within Datadog's announced rate limit instead of provoking 429s. Datadog sends
 * {@code X-RateLimit-Limit}, {@code -Period}, {@code -Remaining} and {@code -Reset} (seconds until the
 * window resets) with each answer. Concurrent callers share one budget per window:
 *
 * <ul>
 *   <li>what remains is the least any answer of the window announced, less the requests still under way
 *       (Datadog may have counted them after it); answers arrive out of order when several requests are
 *       under way, so an answer never raises that least; only answers to requests sent in the current
 *       window count, as one from an earlier window says nothing about this one;
 *   <li>a window ends at the earliest end its answers announce ({@code -Reset}, rounded up to whole
 *       seconds, is an upper bound of the end of the window the request fell in, and every request of
 *       this window fell in the same window of Datadog's as the first or a later one), so the next one
 *       never starts before Datadog's has, and whole-second rounding costs one round trip, not the
 *       time the window's requests took;
 *   <li>until the first answer of a window, one request goes alone: the budget left is unknown (at
 *       the start, or when the last window's requests ran past Datadog's reset into the next one), and a
 *       burst could meet a spent one with as many 429s as requests.
 * </ul>
 *
 * <p>One gate serves all clients of an organization in the JVM ({@link SharedScope}). It logs each 429
 * and, at most once a minute, that lookups wait for the window: a controller's administrator sees the
 * limit at work without a line per window.
 */
final class RateLimitGate {
    /** A window's length until an answer tells better. */
    private static final long DEFAULT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long WAIT_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = Logger.getLogger(RateLimitGate.class.getName());

    private final LongSupplier nanoClock;
    /** Which organization, for the log; never a key. */
    private final String label;

    /** The limit per window last announced; negative while unknown. */
    private int limit = -1;
    private long windowNanos = DEFAULT_WINDOW_NANOS;
    /** Counts windows, so that a late answer can be told from a current one. */
    private long window;
    /** Requests the current window still allows; negative while unknown, which holds nothing back. */
    private int remaining = -1;
    private long windowEndsAt;
    /** Whether an answer in the current window told its end, rather than a guess from the period. */
    private boolean windowEndAnnounced;
    /** Requests sent in the current window and not answered yet. */
    private int inFlight;
    /** Whether an answer came in the current window. */
    private boolean answered;
    /** What the first answer of the current window said remains, and the least any said; negative before. */
    private int firstRemaining = -1;
    private int lowest = -1;
    /** The last window callers waited for, windows waited for since the last log line, and when that was. */
    private long waitedWindow = -1;
    private int windowsWaited;
    private long waitLoggedAt;
    private boolean waitLogged;

    /** Leave to send one request, in the window it was given in. */
    static final class Permit {
        private final long window;

        private Permit(long window) {
            this.window = window;
        }
    }

    RateLimitGate(LongSupplier nanoClock) {
        this(nanoClock, "Datadog");
    }

    RateLimitGate(LongSupplier nanoClock, String label) {
        this.nanoClock = nanoClock;
        this.label = label;
    }

    /**
     * Takes one request from the budget, waiting for the window to reset when it is spent.
     *
     * @return the permit, to hand back to {@link #release}; {@code null} when the budget stays spent past
     *     the deadline (see {@link #nanosUntilReset()})
     */
    synchronized Permit acquire(long deadline) throws InterruptedException {
        while (true) {
            long now = nanoClock.getAsLong();
            if (remaining >= 0 && now - windowEndsAt >= 0) {
                startWindow(now);
            }
            if (!answered && inFlight > 0 && deadline - now > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - now);
                continue;
            }
            if (remaining != 0) {
                if (remaining > 0) {
                    remaining--;
                }
                inFlight++;
                return new Permit(window);
            }
            if (deadline - windowEndsAt < 0) {
                return null;
            }
            noteWait(now);
            TimeUnit.NANOSECONDS.timedWait(this, windowEndsAt - now);
        }
    }

    private void startWindow(long now) {
        window++;
        remaining = limit;
        inFlight = 0;
        windowEndsAt = now + windowNanos;
        windowEndAnnounced = false;
        answered = false;
        firstRemaining = -1;
        lowest = -1;
    }

    private void noteWait(long now) {
        if (waitedWindow == window) {
            return;
        }
        waitedWindow = window;
        windowsWaited++;
        if (!waitLogged || now - waitLoggedAt >= WAIT_LOG_INTERVAL_NANOS) {
            LOG.info("Lookups for " + label + " wait for Datadog's rate limit"
                    + (limit > 0 ? " (" + limit + " requests per " + TimeUnit.NANOSECONDS.toSeconds(windowNanos) + " s)" : "")
                    + ": " + windowsWaited
                    + (windowsWaited == 1 ? " window" : " windows") + " spent" + (waitLogged ? " in the last minute" : "")
                    + ", this one resets in " + TimeUnit.NANOSECONDS.toMillis(windowEndsAt - now) + " ms");
            waitLogged = true;
            waitLoggedAt = now;
            windowsWaited = 0;
        }
    }

    /** How long until the current window resets. */
    synchronized long nanosUntilReset() {
        return Math.max(0, windowEndsAt - nanoClock.getAsLong());
    }

    /**
     * Hands a permit back and learns the budget from the answer's headers, if any.
     *
     * @param headers {@code null} when no answer came
     * @param tooManyRequests the answer was a 429: nothing remains until the window resets
     */
    synchronized void release(Permit permit, Headers headers, boolean tooManyRequests) {
        if (permit.window != window) {
            return;
        }
        inFlight--;
        if (headers != null) {
            long now = nanoClock.getAsLong();
            if (remaining >= 0 && now - windowEndsAt >= 0) {
                // Answered after the window it was sent in had ended: it may describe the next one, or not
                // (what remains only falls by it); the next window still waits for an answer of its own.
                startWindow(now);
            } else {
                answered = true;
            }
            learn(headers, tooManyRequests);
            if (tooManyRequests) {
                Integer reset = intHeader(headers, "X-RateLimit-Reset");
                LOG.warning("Datadog answered HTTP 429 (rate limit exceeded) for " + label
                        + (reset == null ? ", without announcing when its window resets" : "; its window resets in " + reset + " s"));
            }
        }
        notifyAll();
    }

    private void learn(Headers headers, boolean tooManyRequests) {
        Integer announcedLimit = intHeader(headers, "X-RateLimit-Limit");
        Integer period = intHeader(headers, "X-RateLimit-Period");
        Integer announcedRemaining = intHeader(headers, "X-RateLimit-Remaining");
        Integer reset = intHeader(headers, "X-RateLimit-Reset");
        if (announcedLimit != null && announcedLimit > 0) {
            // A limit of 0 (or less) would leave every fresh window spent.
            limit = announcedLimit;
        }
        if (period != null && period > 0) {
            windowNanos = TimeUnit.SECONDS.toNanos(period);
        }
        if (reset == null || reset < 0 || (announcedRemaining == null && !tooManyRequests)) {
            return;
        }
        long endsAt = nanoClock.getAsLong() + TimeUnit.SECONDS.toNanos(reset);
        int announced = tooManyRequests ? 0 : Math.max(0, announcedRemaining);
        if (!tooManyRequests && firstRemaining >= 0 && announced >= firstRemaining) {
            // Every later request of this window reached Datadog after the first answer's, so in the same
            // window of Datadog's it would find less remaining: Datadog's window turned over under way.
            // Follow it, so that this window ends with Datadog's newest instead of one early in it.
            windowEndsAt = endsAt;
            lowest = announced;
            firstRemaining = announced;
        } else {
            if (firstRemaining < 0 && !tooManyRequests) {
                firstRemaining = announced;
            }
            windowEndsAt = windowEndAnnounced && windowEndsAt - endsAt < 0 ? windowEndsAt : endsAt;
            windowEndAnnounced = true;
            lowest = lowest < 0 ? announced : Math.min(lowest, announced);
        }
        // The lowest answer came from the request Datadog counted last; of the others, only those still
        // under way can have been counted after it.
        remaining = Math.max(0, lowest - inFlight);
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
