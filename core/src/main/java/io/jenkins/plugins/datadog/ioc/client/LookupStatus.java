package io.jenkins.plugins.datadog.ioc.client;

/** How a lookup ended. */
public enum LookupStatus {
    /** Datadog knows the indicator. */
    FOUND,
    /**
     * Datadog does not know the indicator: the IoC Explorer only holds indicators seen in your logs
     * during the last 30 days. A normal answer, not an error.
     */
    NOT_FOUND,
    /** No answer could be had: bad keys, bad input, a server or network fault past all retries. */
    ERROR
}
