package io.jenkins.plugins.datadog.ioc.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Looks indicators up in Datadog's IoC Explorer. One instance is thread-safe, shares one connection
 * pool and one rate-limit budget among its callers, and should be closed when done.
 *
 * <p>A lookup never throws for what can go wrong on the way to Datadog: it ends {@link
 * LookupStatus#FOUND}, {@link LookupStatus#NOT_FOUND} or {@link LookupStatus#ERROR} with a message.
 * Everything, retries and waits included, fits in the configured timeout. Interrupting the calling
 * thread (how Jenkins aborts a build) cancels the request under way at once.
 *
 * <p>Once a lookup gives up because Datadog cannot be reached or rejects the keys, every later attempt
 * of any lookup of this client ends at once with an error that says so: one client serves one run.
 */
public final class IocClient implements AutoCloseable {
    static final String PATH = "api/v2/security/siem/ioc-explorer/indicator";
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final IocClientConfig config;
    private final OkHttpClient http;
    private final boolean ownsConnectionPool;
    private final RateLimitGate rateLimit = new RateLimitGate(System::nanoTime);
    /** The endpoint and the headers, the same for every request: built once, not per lookup. */
    private final HttpUrl endpoint;
    private final Headers headers;
    /**
     * Why Datadog is unusable for the rest of this run: the first problem a lookup gave up on that no
     * other indicator would fare better with (no connection, or keys rejected). Without it, each of
     * thousands of indicators would go through its own retries against a closed port (half an hour,
     * to a user a hang) or send its own request to get the same 401.
     */
    private final AtomicReference<String> unusable = new AtomicReference<>();

    public IocClient(IocClientConfig config) {
        this.config = config;
        this.ownsConnectionPool = config.httpClient == null;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(config.maxConcurrentRequests);
        dispatcher.setMaxRequestsPerHost(config.maxConcurrentRequests);
        OkHttpClient.Builder builder = config.httpClient != null ? config.httpClient.newBuilder() : new OkHttpClient.Builder()
                // Keep a connection per concurrent request alive (OkHttp's default keeps 5).
                .connectionPool(new ConnectionPool(Math.max(5, config.maxConcurrentRequests), 5, TimeUnit.MINUTES));
        if (!config.baseUrl.isHttps()) {
            // Plain HTTP needs no TLS: OkHttp then skips loading the trust store, a tenth of a CLI run.
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.http = builder
                .dispatcher(dispatcher)
                // A redirect would carry the keys to wherever it points.
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(min(config.timeout, Duration.ofSeconds(15)))
                .readTimeout(config.timeout)
                .build();
        String userAgent = ProductInfo.NAME + '/' + ProductInfo.VERSION + " (Java " + Runtime.version().feature()
                // OkHttp refuses header values beyond printable ASCII, and would then fail every lookup.
                + (config.userAgentComment == null ? "" : "; " + config.userAgentComment.replaceAll("[^\\x20-\\x7e]", "?"))
                + ')';
        this.endpoint = config.baseUrl.newBuilder().addPathSegments(PATH).build();
        this.headers = new Headers.Builder()
                .add("DD-API-KEY", config.keys.apiKey())
                .add("DD-APPLICATION-KEY", config.keys.applicationKey())
                .add("Accept", "application/json")
                .add("User-Agent", userAgent)
                .build();
    }

    public IocClientConfig config() {
        return config;
    }

    public LookupResult lookup(String indicator) throws InterruptedException {
        return lookup(indicator, LookupOptions.DEFAULT);
    }

    /**
     * Looks one indicator up.
     *
     * @throws InterruptedException if the thread was interrupted; the request under way is cancelled
     */
    public LookupResult lookup(String indicator, LookupOptions options) throws InterruptedException {
        long start = System.nanoTime();
        String value;
        try {
            value = Indicators.normalize(indicator);
        } catch (IllegalArgumentException e) {
            return Indicators.unusable(indicator, e.getMessage());
        }
        Attempts attempts = new Attempts(value, request(value, options), start, start + config.timeout.toNanos());
        return attempts.run();
    }

    private Request request(String indicator, LookupOptions options) {
        HttpUrl.Builder url = endpoint.newBuilder().addQueryParameter("indicator", indicator);
        addIfSet(url, "ocsf", options.ocsf());
        addIfSet(url, "include_triage_history", options.includeTriageHistory());
        addIfSet(url, "triage_history_limit", options.triageHistoryLimit());
        addIfSet(url, "triage_history_offset", options.triageHistoryOffset());
        return new Request.Builder().url(url.build()).headers(headers).build();
    }

    private static void addIfSet(HttpUrl.Builder url, String name, Object value) {
        if (value != null) {
            url.addQueryParameter(name, value.toString());
        }
    }

    /** The retry loop of one lookup. */
    private final class Attempts {
        private final String indicator;
        private final Request request;
        private final long start;
        private final long deadline;
        private int sent;

        Attempts(String indicator, Request request, long start, long deadline) {
            this.indicator = indicator;
            this.request = request;
            this.start = start;
            this.deadline = deadline;
        }

        LookupResult run() throws InterruptedException {
            while (true) {
                if (unusable.get() != null) {
                    return notLookedUp();
                }
                RateLimitGate.Permit permit = rateLimit.acquire(deadline);
                if (permit == null) {
                    return error("Datadog's rate limit is used up for the next " + seconds(rateLimit.nanosUntilReset())
                            + " s, past this lookup's timeout of " + config.timeout.toSeconds() + " s");
                }
                if (unusable.get() != null) { // found out while this lookup waited for its turn
                    rateLimit.release(permit, null, false);
                    return notLookedUp();
                }
                Problem problem;
                sent++;
                Exchange exchange = null;
                IOException failure = null;
                try {
                    exchange = send();
                } catch (IOException e) {
                    failure = e;
                } finally {
                    rateLimit.release(permit, exchange == null ? null : exchange.headers,
                            exchange != null && exchange.code == 429);
                }
                if (failure != null) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("lookup of an indicator cancelled");
                    }
                    problem = describe(failure);
                    if (!retry(problem, null)) {
                        return giveUp(problem);
                    }
                    continue;
                }
                switch (exchange.code) {
                    case 200:
                        try {
                            return LookupResult.found(indicator, IndicatorParser.parse(exchange.body), sent, elapsed());
                        } catch (MalformedResponseException e) {
                            return error(e.getMessage());
                        }
                    case 404:
                        return LookupResult.notFound(indicator, sent, elapsed());
                    default:
                        problem = classify(exchange);
                        if (!retry(problem, exchange)) {
                            return giveUp(problem);
                        }
                }
            }
        }

        /** Waits before the next attempt; false when there is to be none. */
        private boolean retry(Problem problem, Exchange exchange) throws InterruptedException {
            if (!problem.retryable) {
                return false;
            }
            if (sent >= config.maxAttempts) {
                problem.message += " (gave up after " + sent + " attempts)";
                return false;
            }
            long wait = waitNanos(exchange);
            if (System.nanoTime() + wait >= deadline) {
                problem.message += " (gave up after " + sent + (sent == 1 ? " attempt" : " attempts")
                        + ": the next retry would pass the lookup's timeout of " + config.timeout.toSeconds() + " s)";
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        }

        private long waitNanos(Exchange exchange) {
            Long announced = exchange == null ? null : announcedWaitNanos(exchange);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (announced != null) {
                // Spread the callers a window lets through again over a moment. Capped (far beyond any
                // timeout) so that an absurd announcement cannot overflow into a negative wait.
                return Math.min(announced, TimeUnit.DAYS.toNanos(1)) + random.nextLong(TimeUnit.MILLISECONDS.toNanos(250) + 1);
            }
            long initial = config.initialBackoff.toNanos();
            long cap = config.maxBackoff.toNanos();
            long exponential = initial << Math.min(sent - 1, 20);
            long base = Math.min(cap, exponential < 0 ? cap : exponential);
            return base / 2 + random.nextLong(base / 2 + 1);
        }

        private Exchange send() throws IOException, InterruptedException {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new InterruptedIOException("timeout");
            }
            Call call = http.newCall(request);
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            CompletableFuture<Exchange> future = new CompletableFuture<>();
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call c, IOException e) {
                    future.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call c, Response response) {
                    try (response) {
                        future.complete(Exchange.read(response, config.maxResponseBytes));
                    } catch (IOException | RuntimeException e) {
                        future.completeExceptionally(e);
                    }
                }
            });
            try {
                return future.get(remaining + GRACE_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                call.cancel();
                throw e;
            } catch (TimeoutException e) {
                call.cancel();
                throw new InterruptedIOException("timeout");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("unexpected failure: " + e.getCause(), e.getCause());
            }
        }

        private Problem describe(IOException e) {
            String host = request.url().host() + ':' + request.url().port();
            if (e instanceof ResponseTooLargeException) {
                return new Problem(e.getMessage(), false);
            }
            if (e instanceof SSLException) {
                return new Problem("The TLS connection to " + host + " failed: " + e.getMessage()
                        + " (a proxy that intercepts TLS needs its certificate trusted by Java)", false, UNREACHABLE);
            }
            // "Connect timed out" since Java 13, "connect timed out" before.
            if (e instanceof SocketTimeoutException
                    && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                return new Problem("Could not connect to " + host + " within " + http.connectTimeoutMillis() / 1000
                        + " s", true, UNREACHABLE);
            }
            if (e instanceof InterruptedIOException) {
                return new Problem("No answer from " + host + " within the lookup's timeout of "
                        + config.timeout.toSeconds() + " s", true);
            }
            if (e instanceof UnknownHostException) {
                return new Problem("Unknown host " + request.url().host() + " (check the site or base URL, DNS and proxy)", true,
                        UNREACHABLE);
            }
            if (e instanceof ConnectException) {
                // OkHttp's "Failed to connect to /127.0.0.1:9" wraps Java's reason, such as "Connection refused".
                String reason = e.getCause() instanceof ConnectException cause && cause.getMessage() != null
                        ? cause.getMessage() : e.getMessage();
                return new Problem("Could not connect to " + host + ": " + reason, true, UNREACHABLE);
            }
            return new Problem("Connection to " + host + " failed: " + e, true);
        }

        private LookupResult giveUp(Problem problem) {
            if (problem.fatal != null) {
                unusable.compareAndSet(null, "an earlier lookup of this run " + problem.fatal + ": " + problem.message);
            }
            return error(problem.message);
        }

        /** Ends this lookup, unsent or waiting to retry, once another one found Datadog unusable. */
        private LookupResult notLookedUp() {
            return error((sent == 0 ? "Not looked up: " : "Not retried: ") + unusable.get());
        }

        private LookupResult error(String message) {
            return LookupResult.error(indicator, config.keys.redact(message), sent, elapsed());
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    private Problem classify(Exchange exchange) {
        int code = exchange.code;
        String apiMessage = ErrorBodies.describe(exchange.body, config.keys);
        String says = apiMessage.isEmpty() ? "" : ": " + apiMessage;
        String site = "the site " + config.baseUrl.host();
        if (code == 401) {
            return new Problem("Datadog rejected the API key (HTTP 401" + says + "). Check that the API key is valid "
                    + "and belongs to " + site + '.', false, REFUSED);
        }
        if (code == 403) {
            return new Problem("Datadog refused access (HTTP 403" + says + "). Check that the application key is valid, "
                    + "belongs to " + site + " and has the security_monitoring_signals_read permission.", false, REFUSED);
        }
        if (code == 400) {
            return new Problem("Datadog rejected the request (HTTP 400" + says + ").", false);
        }
        if (code == 429) {
            return new Problem("Datadog's rate limit was exceeded (HTTP 429" + says + ")", true);
        }
        if (code == 408 || code >= 500) {
            return new Problem("Datadog answered HTTP " + code + says, true);
        }
        if (code >= 300 && code < 400) {
            return new Problem("Datadog answered with a redirect (HTTP " + code + ") to '"
                    + ErrorBodies.clean(config.keys.redact(String.valueOf(exchange.headers.get("Location"))))
                    + "', which is not followed so that the keys stay with Datadog; check the base URL.", false);
        }
        return new Problem("Datadog answered HTTP " + code + says, false);
    }

    /** The wait the server asks for: {@code X-RateLimit-Reset} on a 429, else {@code Retry-After}. */
    private static Long announcedWaitNanos(Exchange exchange) {
        if (exchange.code == 429) {
            Integer reset = RateLimitGate.intHeader(exchange.headers, "X-RateLimit-Reset");
            if (reset != null && reset >= 0) {
                return TimeUnit.SECONDS.toNanos(reset);
            }
        }
        String retryAfter = exchange.headers.get("Retry-After");
        if (retryAfter == null) {
            return null;
        }
        try {
            return TimeUnit.SECONDS.toNanos(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toNanos());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String seconds(long nanos) {
        return String.valueOf((nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        if (ownsConnectionPool) {
            http.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "IocClient[" + config.baseUrl + ", keys=" + config.keys + ']';
    }

    private static final String UNREACHABLE = "found Datadog unreachable";
    private static final String REFUSED = "was refused by Datadog";

    /** Something that kept an attempt from an answer. */
    private static final class Problem {
        String message;
        final boolean retryable;
        /**
         * When a lookup gives up on this problem, what it tells of Datadog for every other lookup of the
         * run ({@link #UNREACHABLE} or {@link #REFUSED}); {@code null} for a problem of this one
         * indicator or of the moment (a 429 or 5xx, an answer that is late or malformed, a 400).
         */
        final String fatal;

        Problem(String message, boolean retryable) {
            this(message, retryable, null);
        }

        Problem(String message, boolean retryable, String fatal) {
            this.message = message;
            this.retryable = retryable;
            this.fatal = fatal;
        }
    }

    /** A response read whole, within the size cap. */
    private record Exchange(int code, Headers headers, byte[] body) {
        static Exchange read(Response response, long maxBytes) throws IOException {
            ResponseBody body = response.body();
            long declared = body.contentLength();
            if (declared > maxBytes) {
                throw new ResponseTooLargeException(declared, maxBytes);
            }
            BufferedSource source = body.source();
            if (source.request(maxBytes + 1)) {
                throw new ResponseTooLargeException(-1, maxBytes);
            }
            return new Exchange(response.code(), response.headers(), source.getBuffer().readByteArray());
        }
    }

    /** Refused before it could fill the memory. */
    static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long declared, long maxBytes) {
            super("Datadog's response is larger than " + maxBytes / 1024 + " KiB"
                    + (declared > 0 ? " (" + declared + " bytes announced)" : "") + " and was not read.");
        }
    }
}
