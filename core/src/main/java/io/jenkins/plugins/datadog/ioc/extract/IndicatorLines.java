package io.jenkins.plugins.datadog.ioc.extract;

import java.util.List;

/** Reads a list of indicators written one per line, as in files and forms. */
public final class IndicatorLines {
    private IndicatorLines() {}

    /** The non-blank lines, trimmed, in order, without {@code #} comment lines. */
    public static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
