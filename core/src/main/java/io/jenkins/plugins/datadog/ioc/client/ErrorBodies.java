package io.jenkins.plugins.datadog.ioc.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.datadog.ioc.json.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error response body into one short line for users. Datadog answers {@code {"errors":
 * ["..."]}} or {@code {"errors": [{"title": ..., "detail": ...}]}}; a proxy or load balancer in between
 * answers with an HTML page, of which only the title is worth showing. Also tells Datadog's answers from
 * those of whatever else may be at the base URL.
 */
final class ErrorBodies {
    private static final int MAX_LENGTH = 300;
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ErrorBodies() {}

    /** Whether a content type is one Datadog answers in: {@code application/json} or {@code application/vnd.api+json}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("application/vnd.api+json");
    }

    /**
     * Whether an error answer is Datadog's: a JSON content type and a body of the API's error shape, a
     * non-empty {@code errors} list of strings or of {@code {"title", "detail"}} objects. Datadog's "not
     * found" for this endpoint is {@code {"errors":[{"title":"Generic Error","detail":"indicator not found"}]}}
     * in {@code application/vnd.api+json}.
     */
    static boolean isDatadogError(String contentType, byte[] body) {
        if (!isJson(contentType)) {
            return false;
        }
        JsonNode errors;
        try {
            JsonNode root = JsonTrees.read(body);
            errors = root == null ? null : root.get("errors");
        } catch (Exception e) {
            return false;
        }
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return false;
        }
        for (JsonNode error : errors) {
            if (!error.isTextual() && !error.isObject()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The message in the body, or an empty string when it has none worth showing. The keys are masked
     * before the message is cut short, so that no piece of one survives the cut.
     */
    static String describe(byte[] body, ApiKeys keys) {
        String text = keys.redact(new String(body, StandardCharsets.UTF_8)).strip();
        if (text.isEmpty()) {
            return "";
        }
        if (text.startsWith("{")) {
            String fromJson = fromJson(text);
            if (fromJson != null) {
                return clean(keys.redact(fromJson)); // again: JSON escapes may have hidden a key
            }
        }
        if (text.startsWith("<")) {
            Matcher title = HTML_TITLE.matcher(text);
            String page = title.find() ? clean(title.group(1).replaceAll("<[^>]*>", " ")) : "";
            return page.isEmpty() ? "an HTML page, probably from a proxy or load balancer"
                    : "an HTML page, probably from a proxy or load balancer: " + page;
        }
        return clean(text);
    }

    private static String fromJson(String text) {
        JsonNode errors;
        try {
            JsonNode root = JsonTrees.read(text);
            if (root == null) {
                return null;
            }
            errors = root.path("errors");
        } catch (Exception e) {
            return null;
        }
        List<String> messages = new ArrayList<>();
        for (JsonNode error : errors) {
            if (error.isTextual()) {
                messages.add(error.asText());
            } else if (error.isObject()) {
                String title = error.path("title").asText("");
                String detail = error.path("detail").asText("");
                messages.add(title.isEmpty() || detail.isEmpty() ? title + detail : title + ": " + detail);
            }
        }
        messages.removeIf(String::isBlank);
        return messages.isEmpty() ? null : String.join("; ", messages);
    }

    /** One line without control characters (which could forge log lines), of bounded length. */
    static String clean(String text) {
        String line = text.replaceAll("\\p{Cc}+", " ").replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "…";
    }
}
