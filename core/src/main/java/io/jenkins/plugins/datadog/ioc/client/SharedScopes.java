package io.jenkins.plugins.datadog.ioc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The per-JVM registry of {@link SharedScope}s, keyed by {@link IocClientConfig#answerScope()}: clients
 * built for the same organization find the same window, cap and connections without the caller doing
 * anything. A scope without clients is kept for a while, so that the next build still knows a spent
 * window and reuses the connections; after {@link #IDLE} it is dropped, and never more than {@link
 * #MAX_IDLE} idle scopes are kept, so nothing grows with the number of builds.
 */
final class SharedScopes {
    static final Duration IDLE = Duration.ofMinutes(5);
    static final int MAX_IDLE = 16;
    static final SharedScopes JVM = new SharedScopes(System::nanoTime);
    private static final Logger LOG = Logger.getLogger(SharedScopes.class.getName());

    private final LongSupplier nanoClock;
    private final Map<String, SharedScope> scopes = new HashMap<>();

    SharedScopes(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The scope of {@code config}, made if needed; hand it back with {@link #release} when the client closes. */
    synchronized SharedScope acquire(IocClientConfig config) {
        dropIdle();
        SharedScope scope = scopes.computeIfAbsent(config.answerScope(),
                key -> new SharedScope(config.scopeLabel(), config.maxConcurrentRequests));
        scope.clients++;
        scope.slots.resize(config.maxConcurrentRequests);
        return scope;
    }

    synchronized void release(SharedScope scope) {
        scope.clients--;
        if (scope.clients == 0) {
            scope.idleSince = nanoClock.getAsLong();
        }
        dropIdle();
    }

    /** How many scopes are kept, in use or idle. */
    synchronized int size() {
        return scopes.size();
    }

    private void dropIdle() {
        long now = nanoClock.getAsLong();
        List<Map.Entry<String, SharedScope>> idle = new ArrayList<>();
        for (Map.Entry<String, SharedScope> entry : scopes.entrySet()) {
            if (entry.getValue().clients == 0) {
                idle.add(entry);
            }
        }
        idle.sort(Comparator.comparingLong(entry -> entry.getValue().idleSince - now));
        for (int i = 0; i < idle.size(); i++) {
            SharedScope scope = idle.get(i).getValue();
            if (now - scope.idleSince >= IDLE.toNanos() || idle.size() - i > MAX_IDLE) {
                scopes.remove(idle.get(i).getKey());
                scope.close();
                LOG.log(Level.FINE, "Dropped the idle rate-limit state and connections of {0}", scope.label);
            }
        }
    }
}
