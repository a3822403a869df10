package io.jenkins.plugins.datadog.ioc;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.IndicatorParser;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.MalformedResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Response bodies and results shared by the tests. */
public final class TestData {
    /** The documented example response, filled with realistic values (plus the undocumented triage fields). */
    public static final String FULL_BODY = resource("indicator-full.json");
    /** The example response exactly as the API documentation prints it, placeholders and all. */
    public static final String SPEC_EXAMPLE_BODY = resource("indicator-spec-example.json");

    private TestData() {}

    private static String resource(String name) {
        try (InputStream in = TestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response body whose indicator object ({@code data.attributes.data}) is {@code indicatorJson}. */
    public static String body(String indicatorJson) {
        return "{\"data\":{\"attributes\":{\"data\":" + indicatorJson + "},\"id\":\"x\",\"type\":\"get_indicator_response\"}}";
    }

    /** A body for {@code indicator} with the given score. */
    public static String body(String indicator, double score) {
        return body("{\"indicator\":" + quote(indicator) + ",\"indicator_type\":\"Domain\",\"score\":" + score + "}");
    }

    public static IndicatorDetails details(String indicatorJson) {
        try {
            return IndicatorParser.parse(body(indicatorJson).getBytes(StandardCharsets.UTF_8));
        } catch (MalformedResponseException e) {
            throw new AssertionError(e);
        }
    }

    public static IndicatorDetails fullDetails() {
        try {
            return IndicatorParser.parse(FULL_BODY.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedResponseException e) {
            throw new AssertionError(e);
        }
    }

    public static LookupResult found(String indicator, String indicatorJson) {
        return LookupResult.found(indicator, details(indicatorJson), 1, Duration.ofMillis(12));
    }

    public static LookupResult found(String indicator, double score) {
        return found(indicator, "{\"indicator\":" + quote(indicator) + ",\"score\":" + score + "}");
    }

    public static LookupResult notFound(String indicator) {
        return LookupResult.notFound(indicator, 1, Duration.ofMillis(7));
    }

    public static LookupResult error(String indicator, String message) {
        return LookupResult.error(indicator, message, 3, Duration.ofMillis(250));
    }

    /** {@code text} as a JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
