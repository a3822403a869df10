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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionSpec;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Looks indicators up in Datadog's IoC Explorer. One instance is thread-safe and should be closed when
 * done. All clients of one organization in the JVM (the same {@link IocClientConfig#answerScope()})
 * share its rate-limit budget, its cap on requests under way and its connections ({@link SharedScopes}).
 *
 * <p>A lookup never throws for what can go wrong on the way to Datadog: it ends {@link
 * LookupStatus#FOUND}, {@link LookupStatus#NOT_FOUND} or {@link LookupStatus#ERROR} with a message.
 * Everything, retries and waits included, fits in the configured timeout. Interrupting the calling
 * thread (how Jenkins aborts a build) cancels the request under way at once.
 *
 * <p>Once a lookup gives up because Datadog cannot be reached, rejects the keys, is not what answers
 * at the base URL, or never answers at all, every later attempt of any lookup of this client ends at
 * once with an error that refers to it, and {@link #stop()} says why, once: one client serves one run.
 */
public final class IocClient implements AutoCloseable {
    static final String PATH = "api/v2/security/siem/ioc-explorer/indicator";
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = Logger.getLogger(IocClient.class.getName());
    /**
     * Lookups that must time out without a single byte of answer, while nothing in the run was answered
     * yet, before the run stops as "never answered": enough that one stalled request is not taken for a
     * silent gateway, few enough that 1,000 indicators end within a few timeouts instead of hours.
     */
    public static final int SILENT_LOOKUPS_TO_STOP = 3;

    private final IocClientConfig config;
    private final OkHttpClient http;
    /** What this client shares with every other of its organization in the JVM: window, cap, connections. */
    private final SharedScopes scopes;
    private final SharedScope scope;
    private final RateLimitGate rateLimit;
    /** Calls under way, cancelled by {@link #close()}: the dispatcher is shared, so it cannot cancel them all. */
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The endpoint and the headers, the same for every request: built once, not per lookup. */
    private final HttpUrl endpoint;
    private final Headers headers;
    /**
     * Why Datadog is unusable for the rest of this run: the first problem a lookup gave up on that no
     * other indicator would fare better with (no connection, or keys rejected). Without it, each of
     * thousands of indicators would go through its own retries against a closed port (half an hour,
     * to a user a hang) or send its own request to get the same 401.
     */
    private final AtomicReference<Stop> unusable = new AtomicReference<>();
    /** Whether any request of this run got an answer (any status): then silence is slowness, not a dead end. */
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicInteger silentLookups = new AtomicInteger();
    private final AtomicInteger notLookedUp = new AtomicInteger();

    /** A client that shares the rate-limit budget, request cap and connections of its organization in this JVM. */
    public IocClient(IocClientConfig config) {
        this(config, SharedScopes.JVM);
    }

    IocClient(IocClientConfig config, SharedScopes scopes) {
        this.config = config;
        this.scopes = scopes;
        this.scope = scopes.acquire(config);
        this.rateLimit = scope.rateLimit;
        try {
            this.http = httpClient(config, scope);
        } catch (RuntimeException e) {
            scopes.release(scope);
            throw e;
        }
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

    /**
     * The caller's client (for its proxy settings), if any, with the scope's dispatcher and connection pool:
     * OkHttp reuses a pooled connection for any client of the same proxy, TLS and DNS settings.
     */
    private static OkHttpClient httpClient(IocClientConfig config, SharedScope scope) {
        OkHttpClient.Builder builder = config.httpClient != null ? config.httpClient.newBuilder() : new OkHttpClient.Builder();
        if (!config.baseUrl.isHttps()) {
            // Plain HTTP needs no TLS: OkHttp then skips loading the trust store, a tenth of a CLI run.
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return builder
                .dispatcher(scope.dispatcher)
                .connectionPool(scope.connectionPool)
                // A redirect would carry the keys to wherever it points.
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(min(config.timeout, Duration.ofSeconds(15)))
                .readTimeout(config.timeout)
                .build();
    }

    public IocClientConfig config() {
        return config;
    }

    /** Whether any request of this client got an answer, of any status. */
    boolean answered() {
        return answered.get();
    }

    /** Why this client stopped looking indicators up, and how many it did not look up; {@code null} if it did not. */
    public RunStop stop() {
        Stop stop = unusable.get();
        return stop == null ? null : new RunStop(stop.reason, stop.reason.what + ": " + stop.message, notLookedUp.get());
    }

    /**
     * Why a run stopped early, said once for the whole run.
     *
     * @param reason what was found of Datadog
     * @param cause what was found and the first lookup's error, such as {@code Datadog is unreachable: Could not
     *     connect to ...}
     * @param notLookedUp lookups that ended without a request because of it
     */
    public record RunStop(StopReason reason, String cause, int notLookedUp) {}

    /** What a lookup found that no other indicator would fare better with. */
    public enum StopReason {
        UNREACHABLE("Datadog is unreachable"),
        REFUSED("Datadog refused the keys"),
        /** A 404 or 2xx that is not Datadog's answer: a web server, a proxy, a wrong path prefix. */
        NOT_DATADOG("the base URL does not lead to Datadog"),
        /** Lookups timed out without a byte of answer while nothing in the run was ever answered. */
        SILENT("Datadog never answered");

        private final String what;

        StopReason(String what) {
            this.what = what;
        }
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
                if (!scope.slots.acquire(deadline)) {
                    return error("No request slot came free within the lookup's timeout of " + config.timeout.toSeconds()
                            + " s: " + scope.slots.limit() + " requests to Datadog were under way all that time");
                }
                RateLimitGate.Permit permit;
                try {
                    permit = rateLimit.acquire(deadline);
                } catch (InterruptedException e) {
                    scope.slots.release();
                    throw e;
                }
                if (permit == null) {
                    scope.slots.release();
                    return error("Datadog's rate limit is used up for the next " + seconds(rateLimit.nanosUntilReset())
                            + " s, past this lookup's timeout of " + config.timeout.toSeconds() + " s");
                }
                if (unusable.get() != null) { // found out while this lookup waited for its turn
                    rateLimit.release(permit, null, false);
                    scope.slots.release();
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
                    scope.slots.release();
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
                if (exchange.code / 100 == 2) {
                    if (!ErrorBodies.isJson(exchange.contentType())) {
                        return giveUp(notDatadog(exchange));
                    }
                    try {
                        return LookupResult.found(indicator, IndicatorParser.parse(exchange.body), sent, elapsed());
                    } catch (MalformedResponseException e) {
                        return error(e.getMessage());
                    }
                }
                if (exchange.code == 404) {
                    // Only Datadog's own answer means "not known": a web server's or proxy's 404 would
                    // otherwise pass every indicator.
                    return ErrorBodies.isDatadogError(exchange.contentType(), exchange.body)
                            ? LookupResult.notFound(indicator, sent, elapsed())
                            : giveUp(notDatadog(exchange));
                }
                problem = classify(exchange);
                if (!retry(problem, exchange)) {
                    return giveUp(problem);
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
            calls.add(call);
            try {
                return await(call, remaining);
            } finally {
                calls.remove(call);
            }
        }

        private Exchange await(Call call, long remaining) throws IOException, InterruptedException {
            CompletableFuture<Exchange> future = new CompletableFuture<>();
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call c, IOException e) {
                    future.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call c, Response response) {
                    answered.set(true);
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
                        + " (a proxy that intercepts TLS needs its certificate trusted by Java)", false,
                        StopReason.UNREACHABLE);
            }
            // "Connect timed out" since Java 13, "connect timed out" before.
            if (e instanceof SocketTimeoutException
                    && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                return new Problem("Could not connect to " + host + " within " + http.connectTimeoutMillis() / 1000
                        + " s", true, StopReason.UNREACHABLE);
            }
            if (e instanceof InterruptedIOException) {
                Problem silence = new Problem("No answer from " + host + " within the lookup's timeout of "
                        + config.timeout.toSeconds() + " s", true);
                silence.silent = true;
                return silence;
            }
            if (e instanceof UnknownHostException) {
                return new Problem("Unknown host " + request.url().host() + " (check the site or base URL, DNS and proxy)", true,
                        StopReason.UNREACHABLE);
            }
            if (e instanceof ConnectException) {
                // OkHttp's "Failed to connect to /127.0.0.1:9" wraps Java's reason, such as "Connection refused".
                String reason = e.getCause() instanceof ConnectException cause && cause.getMessage() != null
                        ? cause.getMessage() : e.getMessage();
                return new Problem("Could not connect to " + host + ": " + reason, true, StopReason.UNREACHABLE);
            }
            return new Problem("Connection to " + host + " failed: " + e, true);
        }

        private LookupResult giveUp(Problem problem) {
            if (problem.fatal != null) {
                unusable.compareAndSet(null, new Stop(problem.fatal, config.keys.redact(problem.message)));
            } else if (problem.silent && !answered.get() && silentLookups.incrementAndGet() >= SILENT_LOOKUPS_TO_STOP) {
                unusable.compareAndSet(null, new Stop(StopReason.SILENT, SILENT_LOOKUPS_TO_STOP + " lookups got no answer from "
                        + request.url().host() + ':' + request.url().port() + " within their timeout of "
                        + config.timeout.toSeconds() + " s, and no request of this run got any answer: a gateway or proxy "
                        + "that accepts connections but does not pass them on? Check the base URL and the proxy"));
            }
            return error(problem.message);
        }

        /**
         * Ends this lookup, unsent or waiting to retry, once another one found Datadog unusable. Refers to
         * the cause briefly: the run's {@link #stop()} says it in full, once.
         */
        private LookupResult notLookedUp() {
            if (sent == 0) {
                notLookedUp.incrementAndGet();
            }
            return error((sent == 0 ? "Not looked up: " : "Not retried: ") + "the run stopped as "
                    + unusable.get().reason.what + " (see the stop cause)");
        }

        private LookupResult error(String message) {
            return LookupResult.error(indicator, config.keys.redact(message), sent, elapsed());
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    /**
     * A 404 or 2xx that is not Datadog's: a web server, a proxy or a wrong path prefix. Every other lookup
     * would get the same, so it stops the run.
     */
    private Problem notDatadog(Exchange exchange) {
        String server = exchange.headers.get("Server");
        String type = exchange.contentType();
        String says = ErrorBodies.describe(exchange.body, config.keys);
        return new Problem("The server at " + config.baseUrl.host() + ':' + config.baseUrl.port() + " answered HTTP "
                + exchange.code + " with " + (says.isEmpty() ? "an empty body" : says)
                + (type == null ? ", no content type" : " (" + ErrorBodies.clean(type) + ')')
                + (server == null ? "" : ", server '" + ErrorBodies.clean(server) + '\'')
                + ", which is not an answer of Datadog's IoC Explorer. Check the base URL (" + config.baseUrl
                + "): it is the API's root, such as https://api.datadoghq.com/, which the client appends " + PATH
                + " to.", false, StopReason.NOT_DATADOG);
    }

    private Problem classify(Exchange exchange) {
        int code = exchange.code;
        String apiMessage = ErrorBodies.describe(exchange.body, config.keys);
        String says = apiMessage.isEmpty() ? "" : ": " + apiMessage;
        String site = "the site " + config.baseUrl.host();
        if (code == 401) {
            return new Problem("Datadog rejected the API key (HTTP 401" + says + "). Check that the API key is valid "
                    + "and belongs to " + site + '.', false, StopReason.REFUSED);
        }
        if (code == 403) {
            return new Problem("Datadog refused access (HTTP 403" + says + "). Check that the application key is valid, "
                    + "belongs to " + site + " and has the security_monitoring_signals_read permission.", false,
                    StopReason.REFUSED);
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

    /** Cancels this client's requests under way and hands the shared scope back; other clients of it go on. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            calls.forEach(Call::cancel);
            scopes.release(scope);
            RunStop stop = stop();
            if (stop != null) { // said once per run, for the controller's administrator
                LOG.warning("Lookups for " + scope.label + " stopped early, " + stop.notLookedUp() + " not looked up: "
                        + config.keys.redact(stop.cause()));
            }
        }
    }

    @Override
    public String toString() {
        return "IocClient[" + config.baseUrl + ", keys=" + config.keys + ']';
    }

    /** What stopped the run and the message of the lookup that found it. */
    private record Stop(StopReason reason, String message) {}

    /** Something that kept an attempt from an answer. */
    private static final class Problem {
        String message;
        final boolean retryable;
        /** No byte of answer within the timeout: a problem of the moment, unless the whole run stays silent. */
        boolean silent;
        /**
         * When a lookup gives up on this problem, what it tells of Datadog for every other lookup of the
         * run; {@code null} for a problem of this one indicator or of the moment (a 429 or 5xx, an answer
         * that is late or malformed, a 400).
         */
        final StopReason fatal;

        Problem(String message, boolean retryable) {
            this(message, retryable, null);
        }

        Problem(String message, boolean retryable, StopReason fatal) {
            this.message = message;
            this.retryable = retryable;
            this.fatal = fatal;
        }
    }

    /** A response read whole, within the size cap. */
    private record Exchange(int code, Headers headers, byte[] body) {
        String contentType() {
            return headers.get("Content-Type");
        }

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
