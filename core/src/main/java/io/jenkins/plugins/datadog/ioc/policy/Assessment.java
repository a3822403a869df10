package io.jenkins.plugins.datadog.ioc.policy;

import java.util.Objects;

/** A verdict with the reason for it, in words fit for a build log. */
public record Assessment(Verdict verdict, String reason) {
    public Assessment {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
