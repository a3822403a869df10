package io.jenkins.plugins.datadog.ioc.client;

import java.util.Objects;

/**
 * Tests a configuration before the first build: looks up one harmless indicator with the chosen keys,
 * site or base URL and proxy, and says what became of it in words for an administrator. The decision
 * lives here so that the Jenkins button only shows it.
 */
public final class ConnectionCheck {
    /**
     * A documentation address (RFC 5737, TEST-NET-1), the one Datadog's own examples look up: it never
     * names anyone's system, and Datadog answers it found or not found like any other.
     */
    static final String HARMLESS_INDICATOR = "192.0.2.1";

    /** How the check ended; only {@link #ANSWERED} means the configuration works. */
    public enum Outcome {
        /** Datadog answered the lookup: the keys may look indicators up. */
        ANSWERED,
        /** Datadog rejected the API key or the application key (or its permission). */
        KEYS_REFUSED,
        /** Something other than Datadog answered at the base URL. */
        NOT_DATADOG,
        /** No connection: refused, unknown host, TLS failure, connect timeout. */
        UNREACHABLE,
        /** Connected, but no answer within the timeout. */
        TIMED_OUT,
        /** Datadog answered with an error of the moment (rate limit, server error) or an answer it could not read. */
        FAILED
    }

    /** @param message what happened and what to do, free of the keys */
    public record Result(Outcome outcome, String message) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
        }

        public boolean ok() {
            return outcome == Outcome.ANSWERED;
        }
    }

    private ConnectionCheck() {}

    /**
     * @throws InterruptedException if the thread was interrupted; the request under way is cancelled
     */
    public static Result run(IocClientConfig config) throws InterruptedException {
        try (IocClient client = new IocClient(config)) {
            LookupResult result = client.lookup(HARMLESS_INDICATOR);
            return judge(client, result, config);
        }
    }

    private static Result judge(IocClient client, LookupResult result, IocClientConfig config) {
        String where = config.baseUrl.toString();
        if (result.status() != LookupStatus.ERROR) {
            return new Result(Outcome.ANSWERED, "Connected: Datadog at " + where + " answered a lookup of " + HARMLESS_INDICATOR
                    + " (" + (result.status() == LookupStatus.FOUND ? "found" : "not found") + "), so the API key is valid "
                    + "and the application key may read the IoC Explorer (security_monitoring_signals_read).");
        }
        IocClient.RunStop stop = client.stop();
        String error = result.errorMessage();
        if (stop != null) {
            return switch (stop.reason()) {
                case REFUSED -> new Result(Outcome.KEYS_REFUSED, error);
                case NOT_DATADOG -> new Result(Outcome.NOT_DATADOG, error);
                case UNREACHABLE -> new Result(Outcome.UNREACHABLE, error);
                case SILENT -> new Result(Outcome.TIMED_OUT, error);
            };
        }
        return client.answered() ? new Result(Outcome.FAILED, error)
                : new Result(Outcome.TIMED_OUT, error + " (check the proxy and the base URL)");
    }
}
