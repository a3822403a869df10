package io.jenkins.plugins.datadog.ioc.extract;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Indicators found in a text, first occurrence first, and how many distinct candidates were left out
 * as private, reserved or local. Serializable, so that a Jenkins agent can extract from a file in its
 * workspace and send only this back; a record is deserialized through its constructor, which checks it.
 */
public record Extraction(List<Found> found, int skipped) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Extraction {
        found = List.copyOf(found);
    }

    /** The indicators alone, in the same order. */
    public List<String> indicators() {
        return found.stream().map(Found::indicator).toList();
    }

    /** Each indicator's place in {@code file}, in the same order; {@link Locations} merges several files. */
    public Map<String, Location> locations(String file) {
        return new Locations().add(file, found).toMap();
    }

    /**
     * One indicator and where it first occurs.
     *
     * @param line 1-based
     * @param column 1-based, in UTF-16 code units (Java string indices)
     * @param occurrences how many times it occurs in the text, however it was written
     * @param written the text as written where it first occurs when that was defanged ({@code evil[.]example},
     *     {@code hxxps://evil[.]example}), else {@code null}: then it is written as the indicator reads
     */
    public record Found(String indicator, int line, int column, int occurrences, String written) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Found {
            Objects.requireNonNull(indicator, "indicator");
            if (line < 1 || column < 1 || occurrences < 1) {
                throw new IllegalArgumentException("line, column and occurrences start at 1: " + line + ':' + column
                        + " x" + occurrences);
            }
        }

        /** Written plainly. */
        public Found(String indicator, int line, int column, int occurrences) {
            this(indicator, line, column, occurrences, null);
        }

        Found again(int moreOccurrences) {
            return new Found(indicator, line, column, occurrences + moreOccurrences, written);
        }

        public Location in(String file) {
            return new Location(file, line, column, occurrences, written);
        }
    }
}
