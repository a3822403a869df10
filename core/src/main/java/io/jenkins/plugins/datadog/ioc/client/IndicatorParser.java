package io.jenkins.plugins.datadog.ioc.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.datadog.ioc.json.JsonTrees;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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
 * without fractions, missing and new fields), and none of that may fail a lookup. The only failures are
 * a body that is not JSON at all, and one without the indicator object, which is no lookup answer.
 */
public final class IndicatorParser {
    private IndicatorParser() {}

    /** @throws MalformedResponseException if the body is not a JSON object */
    public static IndicatorDetails parse(byte[] body) throws MalformedResponseException {
        JsonNode root;
        try {
            root = JsonTrees.read(body);
        } catch (JacksonException | RuntimeException e) {
            throw new MalformedResponseException("Datadog's response is not valid JSON: " + firstLine(e.getMessage()));
        } catch (java.io.IOException e) {
            throw new MalformedResponseException("Datadog's response could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException("Datadog's response is not a JSON object.");
        }
        JsonNode indicator = root.path("data").path("attributes").path("data");
        if (!indicator.isObject()) {
            // A gate must not judge "no data" as a clean indicator: whatever answered, it was no lookup.
            throw new MalformedResponseException("The response is not a lookup answer (it has no data.attributes.data "
                    + "object); check the base URL.");
        }
        return fromIndicatorNode(indicator);
    }

    /**
     * Reads one indicator object, as Datadog sends it under {@code data.attributes.data} and as the JSON
     * report keeps it under {@code datadog} (same field names), with the same leniency.
     */
    public static IndicatorDetails fromIndicatorNode(JsonNode d) {
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
        Instant utc = parseUtc(text);
        if (utc != null) {
            return utc;
        }
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

    /**
     * The form Datadog sends, {@code 2024-05-01T10:00:00.000Z}, read without a DateTimeFormatter, which
     * took a tenth of the CLI's time per lookup; {@code null} for any other form.
     */
    private static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length > 30 || length == 21) {
                return null;
            }
            for (int i = 20; i < 29; i++) {
                int digit = i < length - 1 ? Character.digit(text.charAt(i), 10) : 0;
                if (digit < 0) {
                    return null;
                }
                nanos = nanos * 10 + digit;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
    }

    /** The number written in {@code text[from, to)}, or -1 unless all of it is ASCII digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
