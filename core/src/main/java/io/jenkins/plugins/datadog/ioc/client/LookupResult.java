package io.jenkins.plugins.datadog.ioc.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of looking up one indicator.
 *
 * @param indicator the indicator as looked up (trimmed)
 * @param details what Datadog returned; only for {@link LookupStatus#FOUND}
 * @param errorMessage what went wrong, fit to show users; only for {@link LookupStatus#ERROR}
 * @param attempts HTTP requests sent, retries included (0 when none was needed or possible)
 * @param cached whether the result was served from a cache instead of Datadog
 */
public record LookupResult(
        String indicator,
        LookupStatus status,
        IndicatorDetails details,
        String errorMessage,
        int attempts,
        Duration duration,
        boolean cached) {

    public LookupResult {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
    }

    public static LookupResult found(String indicator, IndicatorDetails details, int attempts, Duration duration) {
        return new LookupResult(indicator, LookupStatus.FOUND, Objects.requireNonNull(details), null, attempts, duration, false);
    }

    public static LookupResult notFound(String indicator, int attempts, Duration duration) {
        return new LookupResult(indicator, LookupStatus.NOT_FOUND, null, null, attempts, duration, false);
    }

    public static LookupResult error(String indicator, String message, int attempts, Duration duration) {
        return new LookupResult(indicator, LookupStatus.ERROR, null, message, attempts, duration, false);
    }

    /** The threat score (0-100), or {@code null} when there is none. */
    public Double score() {
        return details == null ? null : details.score();
    }

    /** This result as served again from a cache: no request was sent for it. */
    public LookupResult fromCache() {
        return new LookupResult(indicator, status, details, errorMessage, 0, Duration.ZERO, true);
    }
}
