package io.jenkins.plugins.datadog.ioc.steps;

import java.util.List;

/** Reads a list of indicators written one per line, as in files and the freestyle form. */
final class IndicatorLines {
    private IndicatorLines() {}

    /** The non-blank lines, trimmed, without {@code #} comments. */
    static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
