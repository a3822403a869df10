package io.jenkins.plugins.datadog.ioc.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the body of a successful lookup. Deliberately lenient: real responses differ from the
 * documentation (null lists, fractional or integral numbers, numbers as strings, timestamps with or
 * without fractions, missing and new fields), and none of that may fail a lookup. The only failure is
 * a body that is not JSON at all.
 */
public final class IndicatorParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private IndicatorParser() {}

    /** @throws MalformedResponseException if the body is not a JSON object */
    public static IndicatorDetails parse(byte[] body) throws MalformedResponseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException | RuntimeException e) {
            throw new MalformedResponseException("Datadog's response is not valid JSON: " + firstLine(e.getMessage()));
        } catch (java.io.IOException e) {
            throw new MalformedResponseException("Datadog's response could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException("Datadog's response is not a JSON object.");
        }
        return fromIndicatorNode(root.path("data").path("attributes").path("data"));
    }

    static IndicatorDetails fromIndicatorNode(JsonNode d) {
        return new IndicatorDetails(
                text(d, "id"),
                text(d, "indicator"),
                text(d, "indicator_type"),
                number(d, "score"),
                instant(d, "first_seen"),
                instant(d, "last_seen"),
                sourceNames(d.get("malicious_sources")),
                sourceNames(d.get("suspicious_sources")),
                sourceNames(d.get("benign_sources")),
                strings(d.get("categories")),
                strings(d.get("tags")),
                integer(d, "log_matches"),
                integer(d, "signal_matches"),
                integer(d, "signal_tier"),
                objects(d.get("signal_severity"),
                        n -> new IndicatorDetails.SeverityCount(text(n, "severity"), integer(n, "count"))),
                strings(d.get("log_sources")),
                strings(d.get("hosts")),
                strings(d.get("services")),
                strings(d.get("critical_assets")),
                users(d.get("users")),
                text(d, "as_number"),
                text(d, "as_organization"),
                text(d, "as_type"),
                text(d, "as_cidr_block"),
                geo(d.get("as_geo")),
                text(d, "m_as_type"),
                text(d, "m_persistence"),
                text(d, "m_signal"),
                text(d, "m_sources"),
                text(d, "max_trust_score"),
                text(d, "triage_state"),
                instant(d, "triaged_at"),
                text(d, "triaged_by"),
                objects(d.get("triage_history"), n -> new IndicatorDetails.TriageEntry(
                        text(n, "triage_state"), instant(n, "triaged_at"), text(n, "triaged_by"))),
                additionalData(d.get("additional_data")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        return value.asText();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return finite(value.doubleValue());
        }
        if (value.isTextual()) {
            try {
                return finite(Double.parseDouble(value.asText().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Long integer(JsonNode node, String field) {
        Double value = number(node, field);
        return value == null ? null : Math.round(value);
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        return value.isTextual() ? parseInstant(value.asText().trim()) : null;
    }

    /** ISO-8601 with or without fractional seconds or zone (then UTC); {@code null} if unreadable. */
    static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        if (array != null && array.isValueNode() && !array.isNull()) {
            result.add(array.asText());
        } else if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                if (element.isValueNode() && !element.isNull()) {
                    result.add(element.asText());
                }
            }
        }
        return result;
    }

    /** Sources are documented as {@code [{"name": ...}]}; plain strings are accepted too. */
    private static List<String> sourceNames(JsonNode array) {
        List<String> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                String name = element.isObject() ? text(element, "name") : element.isTextual() ? element.asText() : null;
                if (name != null) {
                    result.add(name);
                }
            }
        }
        return result;
    }

    private static <T> List<T> objects(JsonNode array, Function<JsonNode, T> reader) {
        List<T> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                if (element.isObject()) {
                    result.add(reader.apply(element));
                }
            }
        }
        return result;
    }

    private static Map<String, List<String>> users(JsonNode node) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(entry -> result.put(entry.getKey(), strings(entry.getValue())));
        }
        return result;
    }

    private static IndicatorDetails.GeoLocation geo(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new IndicatorDetails.GeoLocation(
                text(node, "city"), text(node, "country_code"), text(node, "country_name"));
    }

    private static String additionalData(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
