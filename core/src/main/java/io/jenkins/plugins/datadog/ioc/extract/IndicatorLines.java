package io.jenkins.plugins.datadog.ioc.extract;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a list of indicators written one per line, as in files and forms. A line that is a defanged
 * address, name or URL ({@code 1.2.3[.]4}, {@code evil[.]example}, {@code hxxps://evil[.]example/x}) is
 * read as the plain one; any other line is taken exactly as written (user agents, hashes...).
 */
public final class IndicatorLines {
    /** An address, a name or a URL: what a defanged line must stand for to be read plainly. */
    private static final Pattern ADDRESS_NAME_OR_URL = Pattern.compile(
            "(?:[a-zA-Z][a-zA-Z0-9+.-]{1,15}://\\S+|[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+\\.?(?::\\d{1,5})?)");

    private IndicatorLines() {}

    /** The non-blank lines, trimmed, refanged, in order, without {@code #} comment lines. */
    public static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(IndicatorLines::isIndicator).map(IndicatorLines::plain).toList();
    }

    /**
     * The indicators of {@link #parse} once each, in the order first written, with the line and the
     * column of the first non-blank character where first written, the line as written there when it was
     * defanged, and the number of lines that hold that value, however written.
     */
    public static List<Extraction.Found> locate(String text) {
        Map<String, Extraction.Found> seen = new LinkedHashMap<>();
        Iterator<String> lines = text.lines().iterator();
        for (int number = 1; lines.hasNext(); number++) {
            String line = lines.next();
            String written = line.strip();
            if (isIndicator(written)) {
                String value = plain(written);
                int column = line.length() - line.stripLeading().length() + 1;
                seen.merge(value, new Extraction.Found(value, number, column, 1, value.equals(written) ? null : written),
                        (first, again) -> first.again(1));
            }
        }
        return List.copyOf(seen.values());
    }

    /** The plain form of a defanged address, name or URL; anything else as it is. */
    public static String plain(String indicator) {
        Refanged refanged = Refanged.of(indicator);
        return refanged.changed() && ADDRESS_NAME_OR_URL.matcher(refanged.text()).matches() ? refanged.text() : indicator;
    }

    private static boolean isIndicator(String stripped) {
        return !stripped.isEmpty() && !stripped.startsWith("#");
    }
}
