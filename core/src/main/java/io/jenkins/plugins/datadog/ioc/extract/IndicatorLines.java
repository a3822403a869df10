package io.jenkins.plugins.datadog.ioc.extract;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a list of indicators written one per line, as in files and forms. */
public final class IndicatorLines {
    private IndicatorLines() {}

    /** The non-blank lines, trimmed, in order, without {@code #} comment lines. */
    public static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(IndicatorLines::isIndicator).toList();
    }

    /**
     * The indicators of {@link #parse} once each, in the order first written, with the line and the
     * column of the first non-blank character where first written, and the number of lines that hold
     * that exact value.
     */
    public static List<Extraction.Found> locate(String text) {
        Map<String, Extraction.Found> seen = new LinkedHashMap<>();
        Iterator<String> lines = text.lines().iterator();
        for (int number = 1; lines.hasNext(); number++) {
            String line = lines.next();
            String value = line.strip();
            if (isIndicator(value)) {
                int column = line.length() - line.stripLeading().length() + 1;
                seen.merge(value, new Extraction.Found(value, number, column, 1), (first, again) ->
                        new Extraction.Found(value, first.line(), first.column(), first.occurrences() + 1));
            }
        }
        return List.copyOf(seen.values());
    }

    private static boolean isIndicator(String stripped) {
        return !stripped.isEmpty() && !stripped.startsWith("#");
    }
}
