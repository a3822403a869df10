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
 */
public record Location(String file, int line, int column, int occurrences) {
    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** {@code config/app.yaml:12:7}. */
    @Override
    public String toString() {
        return file + ':' + line + ':' + column;
    }
}
