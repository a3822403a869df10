package io.jenkins.plugins.datadog.ioc;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * Datadog's IoC Explorer as far as the plugin sees it: a {@link MockWebServer} that answers each
 * indicator as told (404, "not known", for any other), and records every request it gets.
 */
public final class FakeDatadog implements AutoCloseable {
    public static final String API_KEY_ID = "dd-api";
    public static final String APP_KEY_ID = "dd-app";
    /** Distinctive, so that any leak of them is found by a plain text search. */
    public static final String API_KEY = "ddapi-0123456789abcdef0123456789abcdef";

    public static final String APP_KEY = "ddapp-fedcba9876543210fedcba9876543210";
    public static final String PATH = "/api/v2/security/siem/ioc-explorer/indicator";

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Supplier<MockResponse>> answers = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public FakeDatadog() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String indicator = request.getUrl().queryParameter("indicator");
                if (!PATH.equals(request.getUrl().encodedPath()) || indicator == null) {
                    return json(400, "{\"errors\":[\"unexpected request " + escape(request.getTarget()) + "\"]}");
                }
                Supplier<MockResponse> answer = answers.get(indicator);
                return answer != null ? answer.get() : json(404, "{\"errors\":[\"Not Found\"]}");
            }
        });
        server.start();
    }

    /**
     * Points the plugin at this server, turns the answer cache off (each test decides on its own
     * lookups) and adds the two Secret text credentials {@link #API_KEY_ID} and {@link #APP_KEY_ID}.
     */
    public FakeDatadog install() throws IOException {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setBaseUrl(baseUrl());
        config.setCacheMinutes(0);
        addKeyCredentials();
        return this;
    }

    public static void addKeyCredentials() throws IOException {
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, API_KEY_ID,
                "Datadog API key", Secret.fromString(API_KEY)));
        credentials.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, APP_KEY_ID,
                "Datadog application key", Secret.fromString(APP_KEY)));
        credentials.save();
    }

    public String baseUrl() {
        return server.url("/").toString();
    }

    public MockWebServer server() {
        return server;
    }

    /** Answers the indicator with a threat score, as an IP address found by abuse.ch, scanner. */
    public FakeDatadog found(String indicator, double score) {
        return found(indicator, score, "IP Address", List.of("scanner"), List.of("abuse.ch"));
    }

    public FakeDatadog found(String indicator, double score, String type, List<String> categories,
            List<String> maliciousSources) {
        String body = foundBody(indicator, score, type, categories, maliciousSources);
        return answer(indicator, () -> json(200, body));
    }

    /** Answers the indicator with this status and body. */
    public FakeDatadog answer(String indicator, int code, String body) {
        return answer(indicator, () -> json(code, body));
    }

    public FakeDatadog answer(String indicator, Supplier<MockResponse> response) {
        answers.put(indicator, response);
        return this;
    }

    /** Answers the indicator after {@code seconds}: long enough for a build to be aborted while it waits. */
    public FakeDatadog slow(String indicator, long seconds) {
        String body = foundBody(indicator, 10, "IP Address", List.of(), List.of());
        return answer(indicator, () -> new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .headersDelay(seconds, TimeUnit.SECONDS)
                .build());
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The indicators asked for, in the order the requests arrived. */
    public List<String> requestedIndicators() {
        List<String> indicators = new ArrayList<>();
        for (RecordedRequest request : requests) {
            indicators.add(request.getUrl().queryParameter("indicator"));
        }
        return indicators;
    }

    @Override
    public void close() {
        server.close();
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** A 200 body as the IoC Explorer documents it. */
    public static String foundBody(String indicator, double score, String type, List<String> categories,
            List<String> maliciousSources) {
        StringBuilder sources = new StringBuilder();
        for (String source : maliciousSources) {
            sources.append(sources.length() == 0 ? "" : ",").append("{\"name\":\"").append(escape(source)).append("\"}");
        }
        StringBuilder cats = new StringBuilder();
        for (String category : categories) {
            cats.append(cats.length() == 0 ? "" : ",").append('"').append(escape(category)).append('"');
        }
        String shown = score == Math.rint(score) ? String.valueOf((long) score) : String.valueOf(score);
        return "{\"data\":{\"attributes\":{\"data\":{"
                + "\"indicator\":\"" + escape(indicator) + "\","
                + "\"score\":" + shown + ","
                + "\"indicator_type\":\"" + escape(type) + "\","
                + "\"malicious_sources\":[" + sources + "],"
                + "\"categories\":[" + cats + "],"
                + "\"as_geo\":{\"country_code\":\"DE\"}"
                + "}},\"id\":\"x\",\"type\":\"ioc\"}}";
    }

    /** JSON string escaping, enough for the strings tests use. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
