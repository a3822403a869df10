package io.jenkins.plugins.datadog.ioc.gate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets concurrent callers asking for the same key share one request and its answer. The first caller
 * leads: it sends the request on its own thread, with its own client and deadline, while the others
 * wait. Each waiter keeps its own deadline. A leader that is interrupted (an aborted build) leaves with
 * its request cancelled, and one of the waiters, if any is left, takes over with a request of its own,
 * so aborting one build never fails another; when the last caller leaves, nothing goes on. Keys are
 * held only while a request is under way, so the map is bounded by the callers waiting.
 *
 * @param <K> what identifies a request
 * @param <V> its answer
 */
final class SingleFlight<K, V> {
    /** A request, run by whichever caller leads. */
    @FunctionalInterface
    interface Request<V> {
        V send() throws InterruptedException;
    }

    /**
     * @param joined whether the value came from a request another caller sent
     */
    record Outcome<V>(V value, boolean joined) {}

    private final Map<K, Flight<V>> flights = new ConcurrentHashMap<>();

    /**
     * @param deadline ({@link System#nanoTime()}) when this caller stops waiting for another's request
     * @param request what this caller sends if it leads
     * @param late this caller's answer when its deadline passes first
     * @throws InterruptedException if this caller was interrupted; another takes over its request
     */
    Outcome<V> run(K key, long deadline, Request<V> request, Supplier<V> late) throws InterruptedException {
        Flight<V> flight = join(key);
        synchronized (flight) {
            while (!flight.done && flight.leading) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    leave(key, flight);
                    return new Outcome<>(late.get(), false);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(flight, left);
                } catch (InterruptedException e) {
                    leave(key, flight);
                    throw e;
                }
            }
            if (flight.done) {
                leave(key, flight);
                return new Outcome<>(flight.value, true);
            }
            if (deadline - System.nanoTime() <= 0) {
                leave(key, flight);
                return new Outcome<>(late.get(), false);
            }
            flight.leading = true; // no one leads (none yet, or the leader left): this caller does
        }
        V value;
        try {
            value = request.send();
        } catch (InterruptedException | RuntimeException | Error e) {
            synchronized (flight) {
                flight.leading = false;
                leave(key, flight);
                flight.notifyAll();
            }
            throw e;
        }
        synchronized (flight) {
            flight.value = value;
            flight.done = true;
            leave(key, flight);
            flight.notifyAll();
        }
        return new Outcome<>(value, false);
    }

    /** The flight under way for {@code key}, or a new one, with this caller counted. */
    private Flight<V> join(K key) {
        while (true) {
            Flight<V> flight = flights.computeIfAbsent(key, k -> new Flight<>());
            synchronized (flight) {
                if (!flight.over) {
                    flight.callers++;
                    return flight;
                }
            }
            // It ended between the lookup and the lock, and is out of the map: try again.
        }
    }

    /** Called holding the flight's lock. */
    private void leave(K key, Flight<V> flight) {
        flight.callers--;
        if (flight.done || flight.callers == 0) {
            // Done: later callers start afresh (the caller's cache has the answer by now). Abandoned: nobody waits.
            flight.over = true;
            flights.remove(key, flight);
        }
    }

    /** Requests under way; for tests. */
    int size() {
        return flights.size();
    }

    /** Callers waiting for (or leading) the request for {@code key}; for tests. */
    int callers(K key) {
        Flight<V> flight = flights.get(key);
        if (flight == null) {
            return 0;
        }
        synchronized (flight) {
            return flight.callers;
        }
    }

    /** One shared request; guarded by its own lock. */
    private static final class Flight<V> {
        int callers;
        boolean leading;
        boolean done;
        boolean over;
        V value;
    }
}
