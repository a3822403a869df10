package io.jenkins.plugins.datadog.ioc.extract;

import java.util.Objects;

/**
 * Where an indicator was first found in a file, and how often it occurs there and in the other files
 * of the run.
 *
 * @param file the file as the user named it
 * @param line 1-based
 * @param column 1-based, in UTF-16 code units (SARIF's default column kind)
 * @param occurrences how many times the indicator was found in all
 * @param written the text as written there when it was defanged ({@code evil[.]example}), else {@code null}
 */
public record Location(String file, int line, int column, int occurrences, String written) {
    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** Written plainly. */
    public Location(String file, int line, int column, int occurrences) {
        this(file, line, column, occurrences, null);
    }

    Location plus(int moreOccurrences) {
        return new Location(file, line, column, occurrences + moreOccurrences, written);
    }

    /** {@code config/app.yaml:12:7}. */
    @Override
    public String toString() {
        return file + ':' + line + ':' + column;
    }
}
