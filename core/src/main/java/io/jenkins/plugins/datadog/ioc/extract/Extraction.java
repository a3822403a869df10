package io.jenkins.plugins.datadog.ioc.extract;

import java.util.List;

/**
 * Indicators found in a text, first occurrence first, and how many distinct candidates were left out
 * as private, reserved or local.
 */
public record Extraction(List<String> indicators, int skipped) {
    public Extraction {
        indicators = List.copyOf(indicators);
    }
}
