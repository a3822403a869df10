package io.jenkins.plugins.datadog.ioc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Datadog's IoC Explorer on loopback: answers each lookup by its {@code indicator} query parameter,
 * counts the lookups per indicator and records every request, so tests can check what was asked and
 * which headers came with it. An indicator it was not told about is not found (404), as with Datadog.
 */
final class FakeDatadog implements AutoCloseable {
    static final String API_KEY = "ddapi-secret-0123456789abcdef";
    static final String APP_KEY = "ddapp-secret-0123456789abcdef";
    static final String PATH = "/api/v2/security/siem/ioc-explorer/indicator";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<String, MockResponse>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<String, MockResponse> otherwise = indicator -> status(404, "{\"errors\":[\"Not found\"]}");
    private volatile long delayMillis;

    FakeDatadog() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return answer(request);
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        requests.add(request);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (delayMillis > 0) {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            }
            if (!"GET".equals(request.getMethod()) || request.getUrl() == null
                    || !PATH.equals(request.getUrl().encodedPath())) {
                return status(400, "{\"errors\":[\"unexpected request " + request.getMethod() + ' '
                        + request.getTarget() + "\"]}");
            }
            String indicator = request.getUrl().queryParameter("indicator");
            if (indicator == null) {
                return status(400, "{\"errors\":[\"indicator is required\"]}");
            }
            order.add(indicator);
            lookups.computeIfAbsent(indicator, k -> new AtomicInteger()).incrementAndGet();
            return answers.getOrDefault(indicator, otherwise).apply(indicator);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The base URL to pass as {@code --base-url}. */
    String baseUrl() {
        return server.url("/").toString();
    }

    FakeDatadog score(String indicator, double score) {
        return found(indicator, score, List.of(), List.of());
    }

    FakeDatadog found(String indicator, double score, List<String> maliciousSources, List<String> categories) {
        String body = body(indicator, score, maliciousSources, categories);
        answers.put(indicator, i -> json(200, body));
        return this;
    }

    /** A found indicator with more of Datadog's fields: {@code extra} is a JSON object whose members are added. */
    FakeDatadog found(String indicator, double score, String extra) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(body(indicator, score, List.of(), List.of()));
            ((ObjectNode) root.path("data").path("attributes").path("data")).setAll((ObjectNode) JSON.readTree(extra));
            String body = JSON.writeValueAsString(root);
            answers.put(indicator, i -> json(200, body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    FakeDatadog status(String indicator, int code, String body) {
        answers.put(indicator, i -> status(code, body));
        return this;
    }

    /** How indicators nobody told this fake about are answered. */
    FakeDatadog otherwise(Function<String, MockResponse> answer) {
        this.otherwise = answer;
        return this;
    }

    /** Every answer takes this long, so that lookups overlap. */
    FakeDatadog delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    int lookupsOf(String indicator) {
        AtomicInteger count = lookups.get(indicator);
        return count == null ? 0 : count.get();
    }

    /** The indicators looked up, in the order the requests arrived. */
    List<String> lookedUp() {
        return new ArrayList<>(order);
    }

    List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    int requestCount() {
        return requests.size();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse status(int code, String body) {
        return json(code, body);
    }

    /** A found indicator as IoC Explorer answers it. */
    static String body(String indicator, double score, List<String> maliciousSources, List<String> categories) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("id", "ioc-" + Integer.toHexString(indicator.hashCode()));
        data.put("type", "indicator");
        ObjectNode details = data.putObject("attributes").putObject("data");
        details.put("indicator", indicator);
        details.put("indicator_type", indicator.matches("[0-9.]+") ? "IP Address" : "Domain");
        details.put("score", score);
        ArrayNode malicious = details.putArray("malicious_sources");
        maliciousSources.forEach(name -> malicious.addObject().put("name", name));
        details.putArray("suspicious_sources");
        details.putArray("benign_sources");
        ArrayNode categoryArray = details.putArray("categories");
        categories.forEach(categoryArray::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
