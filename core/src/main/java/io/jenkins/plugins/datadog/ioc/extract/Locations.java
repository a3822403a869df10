package io.jenkins.plugins.datadog.ioc.extract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the indicators of several files, added in the order they were read: each keeps the place of
 * its first occurrence in the first file that has it, and counts its occurrences in all of them.
 * Not thread-safe.
 */
public final class Locations {
    private final Map<String, Location> byIndicator = new LinkedHashMap<>();

    public Locations add(String file, Extraction extraction) {
        return add(file, extraction.found());
    }

    public Locations add(String file, List<Extraction.Found> found) {
        for (Extraction.Found f : found) {
            byIndicator.merge(f.indicator(), f.in(file), (first, later) -> first.plus(later.occurrences()));
        }
        return this;
    }

    /** A snapshot, in the order the indicators were first seen. */
    public Map<String, Location> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byIndicator));
    }
}
