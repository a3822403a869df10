package io.jenkins.plugins.datadog.ioc.suppress;

import java.util.Objects;

/**
 * The suppression that matched an indicator. An expired one no longer caps the verdict, but is kept
 * so that the report can say which entry to renew or remove.
 */
public record SuppressionMatch(Suppression suppression, boolean expired) {
    public SuppressionMatch {
        Objects.requireNonNull(suppression, "suppression");
    }
}
