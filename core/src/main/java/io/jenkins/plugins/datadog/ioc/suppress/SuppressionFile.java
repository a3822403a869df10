package io.jenkins.plugins.datadog.ioc.suppress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a suppression file (see docs/suppressions.md):
 * <pre>{"suppressions": [{"indicator": "203.0.113.7", "reason": "Our own scanner", "expires": "2027-03-31"}]}</pre>
 * Every mistake is a {@link ConfigurationException} that names the file, the entry and its line, and
 * says how to fix it. The streaming parser is used, not a tree, because it knows each value's line.
 * Duplicate keys are found here rather than by Jackson's STRICT_DUPLICATE_DETECTION, whose message
 * could not name the entry.
 */
public final class SuppressionFile {
    /** The largest file read: a suppression list is written by hand, so a bigger one is the wrong file. */
    public static final int MAX_BYTES = 1 << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String INDICATOR = "indicator";
    private static final String REASON = "reason";
    private static final String EXPIRES = "expires";
    private static final String MAX_VERDICT = "max_verdict";
    private static final List<String> KEYS = List.of(INDICATOR, REASON, EXPIRES, MAX_VERDICT);
    private static final Map<String, String> EXAMPLES = Map.of(INDICATOR, "203.0.113.7",
            REASON, "Our own scanner, SEC-123", EXPIRES, "2027-03-31", MAX_VERDICT, "unstable");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Greedy: the token may itself hold "': was expecting". */
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("(?s)^Unrecognized token '.*'(: was expecting)");
    private static final Pattern JACKSON_LOCATION = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private SuppressionFile() {}

    /**
     * Reads {@code file} as UTF-8.
     *
     * @param name the file as the user wrote it, for messages and as the entries' source
     */
    public static List<Suppression> read(Path file, String name) {
        if (Files.isDirectory(file)) {
            throw new ConfigurationException(name + ": is a directory, not a suppression file.");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(name + ": no such file.");
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(name + ": cannot read it: permission denied.");
        } catch (IOException e) {
            throw new ConfigurationException(name + ": cannot read it: " + e.getMessage() + ".");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(name);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(name + " is not UTF-8 text: save it as UTF-8.");
        }
        return parse(text, name);
    }

    /**
     * @param name the file as the user wrote it, for messages and as the entries' source
     *     ({@code "<name> entry <n>"})
     */
    public static List<Suppression> parse(String text, String name) {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(name);
        }
        // Editors on Windows may start UTF-8 with a byte order mark, which JSON does not allow.
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (json.isBlank()) {
            throw new ConfigurationException(name + " is empty: write {\"suppressions\": [...]}, with an entry such as "
                    + "{\"indicator\": \"203.0.113.7\", \"reason\": \"Our own scanner, SEC-123\"} per accepted indicator.");
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            return new Reader(parser, name).file();
        } catch (JsonProcessingException e) {
            throw notJson(name, e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string", e);
        }
    }

    /**
     * One entry given as strings, as in the Jenkins global suppression list, checked as a file entry is.
     * A blank {@code expires} or {@code maxVerdict} is not given, as with an empty form field.
     *
     * @param source where the entry was written, for messages and reports
     * @throws ConfigurationException starting with {@code source} and saying what is wrong
     */
    public static Suppression entry(String indicator, String reason, String expires, String maxVerdict, String source) {
        String shown = indicator == null || indicator.isBlank() ? null : indicator.strip();
        return validate(indicator == null ? "" : indicator, reason == null ? "" : reason, given(expires), given(maxVerdict),
                source, (key, message) -> new ConfigurationException(prefix(source, key.equals(INDICATOR) ? null : shown, 0) + message));
    }

    private static String given(String optional) {
        return optional == null || optional.isBlank() ? null : optional;
    }

    /** Makes the error about one key of an entry, placed where the entry was written. */
    private interface Errors {
        ConfigurationException about(String key, String message);
    }

    /** The checks shared by file entries and {@link #entry}: {@code null} means the key is absent. */
    private static Suppression validate(String indicator, String reason, String expires, String maxVerdict, String source,
            Errors errors) {
        if (indicator == null) {
            throw errors.about(INDICATOR, "\"indicator\" is missing: add the indicator to suppress, e.g. \"indicator\": \"203.0.113.7\".");
        }
        if (indicator.isBlank()) {
            throw errors.about(INDICATOR, "\"indicator\" is empty: write the indicator to suppress, e.g. 203.0.113.7,"
                    + " 198.51.100.0/24 or *.cdn.example.com.");
        }
        IndicatorPattern pattern;
        try {
            pattern = IndicatorPattern.parse(indicator);
        } catch (IllegalArgumentException e) {
            throw errors.about(INDICATOR, e.getMessage() + ".");
        }
        if (reason == null) {
            throw errors.about(REASON, "\"reason\" is missing: say why the indicator is accepted, e.g. \"reason\": \"Our own scanner, SEC-123\".");
        }
        if (reason.isBlank()) {
            throw errors.about(REASON, "\"reason\" is empty: say why the indicator is accepted, e.g. Our own scanner, SEC-123.");
        }
        LocalDate expiry = expires == null ? null : date(expires, errors);
        Verdict ceiling = maxVerdict == null ? Verdict.PASS : verdict(maxVerdict, errors);
        return new Suppression(pattern, reason.strip(), expiry, ceiling, source);
    }

    private static LocalDate date(String expires, Errors errors) {
        String value = expires.strip();
        if (value.isEmpty()) {
            // In a file, an empty date is a template not filled in: never read it as "no expiry".
            throw errors.about(EXPIRES, "\"expires\" is empty: write the last day the suppression applies, e.g. 2027-03-31,"
                    + " or leave \"expires\" out for no expiry.");
        }
        if (DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw errors.about(EXPIRES, "\"expires\" is \"" + expires + "\", which is not a day of the calendar.");
            }
        }
        throw errors.about(EXPIRES, "\"expires\" must be a date written 2027-03-31, not \"" + expires + "\".");
    }

    private static Verdict verdict(String maxVerdict, Errors errors) {
        Verdict verdict;
        try {
            verdict = Verdict.parse(maxVerdict, MAX_VERDICT);
        } catch (ConfigurationException e) {
            throw errors.about(MAX_VERDICT, "\"max_verdict\" must be pass or unstable, not \"" + maxVerdict + "\".");
        }
        if (verdict == Verdict.FAILURE) {
            throw errors.about(MAX_VERDICT, "\"max_verdict\" must be pass or unstable, not \"" + maxVerdict
                    + "\": a suppression that allows failure suppresses nothing.");
        }
        return verdict;
    }

    /** {@code head ("indicator", line n): }, leaving out what is not known. */
    private static String prefix(String head, String indicator, int line) {
        List<String> details = new ArrayList<>(2);
        if (indicator != null) {
            details.add('"' + indicator + '"');
        }
        if (line > 0) {
            details.add("line " + line);
        }
        return head + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")") + ": ";
    }

    private static ConfigurationException tooLarge(String name) {
        return new ConfigurationException(name + " is larger than " + (MAX_BYTES >> 20) + " MiB: is it the suppression file?");
    }

    private static ConfigurationException notJson(String name, JsonLocation at, String reason) {
        return new ConfigurationException(name + " is not valid JSON at line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ": " + shortReason(reason) + ".");
    }

    /**
     * Jackson's reason without its parser talk, which means nothing to whoever wrote the file, and without
     * the word it did not recognize: the file may be one the user chose but may not read (a secret in the
     * workspace), and the message goes to the console and the build log.
     */
    private static String shortReason(String reason) {
        if (reason.contains("ALLOW_COMMENTS")) {
            return "JSON has no comments, say it in a \"reason\"";
        }
        String withoutToken = UNRECOGNIZED_TOKEN.matcher(reason).replaceFirst("Unrecognized token$1");
        return JACKSON_LOCATION.matcher(withoutToken).replaceAll("line $1, column $2");
    }

    /** A value as it appeared, for saying what was found instead of what was expected. */
    private static String describe(JsonToken token, String text) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + text + '"';
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text;
            default -> text; // true, false, null
        };
    }

    /** A key's value in an entry. */
    private record Field(JsonToken token, String text, int line) {}

    private static final class Reader {
        private final JsonParser parser;
        private final String name;
        /** Each entry's pattern, in lower case, to the entry number and line that first gave it. */
        private final Map<String, int[]> patterns = new HashMap<>();

        Reader(JsonParser parser, String name) {
            this.parser = parser;
            this.name = name;
        }

        private int line() {
            return parser.currentTokenLocation().getLineNr();
        }

        List<Suppression> file() throws IOException {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigurationException(name + ", line " + line() + ": the file must be a JSON object"
                        + " {\"suppressions\": [...]}, not " + describe(first, parser.getText()) + ".");
            }
            List<Suppression> entries = null;
            int entriesLine = 0;
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String key = parser.currentName();
                int keyLine = line();
                JsonToken value = parser.nextToken();
                if (!key.equals("suppressions")) {
                    throw new ConfigurationException(name + ", line " + keyLine + ": unknown key \"" + key
                            + "\": the file has only \"suppressions\", the list of entries.");
                }
                if (entries != null) {
                    throw new ConfigurationException(name + ", line " + keyLine + ": \"suppressions\" is given twice,"
                            + " also at line " + entriesLine + ": keep one.");
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new ConfigurationException(name + ", line " + line() + ": \"suppressions\" must be an array"
                            + " [...] of entries, not " + describe(value, parser.getText()) + ".");
                }
                entriesLine = keyLine;
                entries = entries();
            }
            if (parser.nextToken() != null) {
                throw notJson(name, parser.currentTokenLocation(), "there is more after the end of the top object");
            }
            if (entries == null) {
                throw new ConfigurationException(name + " has no \"suppressions\" key: write {\"suppressions\": [...]},"
                        + " with an entry per accepted indicator.");
            }
            return entries;
        }

        private List<Suppression> entries() throws IOException {
            List<Suppression> entries = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                int number = entries.size() + 1;
                if (token != JsonToken.START_OBJECT) {
                    throw new ConfigurationException(prefix(name + ", entry " + number, null, line())
                            + "an entry must be an object such as {\"indicator\": \"203.0.113.7\", \"reason\": \"Our own"
                            + " scanner, SEC-123\"}, not " + describe(token, parser.getText()) + ".");
                }
                entries.add(entry(number));
            }
            return entries;
        }

        private Suppression entry(int number) throws IOException {
            String head = name + ", entry " + number;
            int entryLine = line();
            Map<String, Field> fields = new LinkedHashMap<>();
            String duplicate = null;
            int duplicateLine = 0;
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                Field field = new Field(token, token.isScalarValue() ? parser.getText() : null, line());
                if (fields.putIfAbsent(key, field) != null && duplicate == null) {
                    duplicate = key;
                    duplicateLine = field.line();
                }
                parser.skipChildren();
            }
            Field indicatorField = fields.get(INDICATOR);
            String indicator = indicatorField != null && indicatorField.token() == JsonToken.VALUE_STRING
                    && !indicatorField.text().isBlank() ? indicatorField.text().strip() : null;
            Errors errors = (key, message) -> new ConfigurationException(prefix(head, key.equals(INDICATOR) ? null : indicator,
                    fields.containsKey(key) ? fields.get(key).line() : entryLine) + message);

            if (duplicate != null) {
                throw new ConfigurationException(prefix(head, indicator, duplicateLine) + '"' + duplicate
                        + "\" is given twice, also at line " + fields.get(duplicate).line() + ": keep one.");
            }
            for (Map.Entry<String, Field> field : fields.entrySet()) {
                String key = field.getKey();
                if (!KEYS.contains(key)) {
                    throw errors.about(key, "unknown key \"" + key + "\": the keys of an entry are indicator, reason,"
                            + " expires and max_verdict.");
                }
                Field value = field.getValue();
                if (value.token() != JsonToken.VALUE_STRING) {
                    throw errors.about(key, '"' + key + "\" must be a string, not " + describe(value.token(), value.text())
                            + ": write \"" + key + "\": \"" + EXAMPLES.get(key) + "\".");
                }
            }
            Suppression entry = validate(text(fields, INDICATOR), text(fields, REASON), text(fields, EXPIRES),
                    text(fields, MAX_VERDICT), name + " entry " + number, errors);

            int line = indicatorField.line();
            int[] earlier = patterns.putIfAbsent(entry.pattern().toString().toLowerCase(Locale.ROOT), new int[] {number, line});
            if (earlier != null) {
                throw new ConfigurationException(prefix(head, indicator, line) + "the same indicator as entry " + earlier[0]
                        + " (line " + earlier[1] + "): keep one of the two entries.");
            }
            return entry;
        }

        private static String text(Map<String, Field> fields, String key) {
            Field field = fields.get(key);
            return field == null ? null : field.text();
        }
    }
}
