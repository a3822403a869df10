package io.jenkins.plugins.datadog.ioc.client;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The cap on requests one organization has under way, shared by every client of its scope. Fair, so that
 * a build that waits gets the next free slot rather than whichever thread is scheduled first. The cap
 * follows the setting of the newest client: on a controller, all of them take it from the global page.
 */
final class RequestSlots extends Semaphore {
    private int limit;

    RequestSlots(int limit) {
        super(limit, true);
        this.limit = limit;
    }

    /** Changes the cap; requests under way keep their slots, and beyond a lowered cap none is given until enough are back. */
    synchronized void resize(int newLimit) {
        if (newLimit > limit) {
            release(newLimit - limit);
        } else if (newLimit < limit) {
            reducePermits(limit - newLimit);
        }
        limit = newLimit;
    }

    synchronized int limit() {
        return limit;
    }

    /** @return false when no slot came free before the deadline ({@link System#nanoTime()}) */
    boolean acquire(long deadline) throws InterruptedException {
        return tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
}
