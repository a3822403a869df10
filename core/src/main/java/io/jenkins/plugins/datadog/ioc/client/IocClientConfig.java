package io.jenkins.plugins.datadog.ioc.client;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** How an {@link IocClient} reaches Datadog. Built with {@link #builder(ApiKeys)}. */
public final class IocClientConfig {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;
    /** The most requests under way at once for one organization. */
    public static final int MAX_CONCURRENCY = 64;

    final ApiKeys keys;
    final HttpUrl baseUrl;
    final Duration timeout;
    final int maxAttempts;
    final Duration initialBackoff;
    final Duration maxBackoff;
    final long maxResponseBytes;
    final int maxConcurrentRequests;
    final String userAgentComment;
    final OkHttpClient httpClient;

    private IocClientConfig(Builder b) {
        keys = b.keys;
        baseUrl = b.baseUrl;
        timeout = b.timeout;
        maxAttempts = b.maxAttempts;
        initialBackoff = b.initialBackoff;
        maxBackoff = b.maxBackoff;
        maxResponseBytes = b.maxResponseBytes;
        maxConcurrentRequests = b.maxConcurrentRequests;
        userAgentComment = b.userAgentComment;
        httpClient = b.httpClient;
    }

    /**
     * Checks a base URL as {@link Builder#baseUrl(String)} will; for form validation.
     *
     * @throws ConfigurationException saying what is wrong
     */
    public static HttpUrl checkBaseUrl(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new ConfigurationException("The base URL '" + url + "' is not an http:// or https:// URL.");
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            throw new ConfigurationException("The base URL must not contain a user name or password.");
        }
        return parsed;
    }

    /** @throws ConfigurationException unless between 1 second and 1 hour */
    public static Duration checkTimeout(Duration timeout) {
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException("The timeout must be between 1 and 3600 seconds, not "
                    + (timeout == null ? "empty" : timeout.toSeconds()) + '.');
        }
        return timeout;
    }

    /** @throws ConfigurationException unless between 1 and {@link #MAX_CONCURRENCY} */
    public static int checkConcurrency(int max) {
        if (max < 1 || max > MAX_CONCURRENCY) {
            throw new ConfigurationException("The concurrency must be between 1 and " + MAX_CONCURRENCY + ", not " + max + '.');
        }
        return max;
    }

    public static Builder builder(ApiKeys keys) {
        return new Builder(keys);
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** The overall deadline of one lookup. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Whose answers this configuration gets: the API's address and a digest of the keys, since Datadog
     * answers from the logs of the keys' organization. Answers may only be shared within one scope.
     */
    public String answerScope() {
        return baseUrl + " " + keys.fingerprint();
    }

    /**
     * The scope as logs name it: the host and the start of the keys' digest, enough to tell organizations
     * apart and nothing of the keys.
     */
    public String scopeLabel() {
        return baseUrl.host() + " (keys " + keys.fingerprint().substring(0, 8) + ')';
    }

    /** Builds an {@link IocClientConfig}; every setter validates at once with a message for users. */
    public static final class Builder {
        private final ApiKeys keys;
        private HttpUrl baseUrl = HttpUrl.get(DatadogSite.DEFAULT.apiBaseUrl());
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(15);
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxConcurrentRequests = 8;
        private String userAgentComment;
        private OkHttpClient httpClient;

        private Builder(ApiKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        public Builder site(DatadogSite site) {
            this.baseUrl = HttpUrl.get(site.apiBaseUrl());
            return this;
        }

        /** Overrides the site, for a proxy or gateway in front of Datadog (and for tests). */
        public Builder baseUrl(String url) {
            this.baseUrl = checkBaseUrl(url);
            return this;
        }

        /** The overall deadline of one lookup: connecting, reading, retries and waits included. */
        public Builder timeout(Duration timeout) {
            this.timeout = checkTimeout(timeout);
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new ConfigurationException("The number of attempts must be between 1 and 20, not " + maxAttempts + '.');
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first wait before a retry; it doubles with each retry, up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new ConfigurationException("The backoff must satisfy 0 <= initial <= max.");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxResponseBytes(long maxResponseBytes) {
            if (maxResponseBytes < 1024) {
                throw new ConfigurationException("The response size cap must be at least 1024 bytes.");
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * How many requests may be under way at once, for all clients of the same organization in this JVM
         * together (the newest client's setting applies to all); bulk lookups use as many threads.
         */
        public Builder maxConcurrentRequests(int max) {
            this.maxConcurrentRequests = checkConcurrency(max);
            return this;
        }

        /** Added to the User-Agent, for example the Jenkins version. */
        public Builder userAgentComment(String comment) {
            this.userAgentComment = comment;
            return this;
        }

        /** A client to derive from, for its proxy settings (Jenkins passes its own). */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = client;
            return this;
        }

        public IocClientConfig build() {
            return new IocClientConfig(this);
        }
    }
}
