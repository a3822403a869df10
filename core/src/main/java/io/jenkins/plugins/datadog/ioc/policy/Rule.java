package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import java.util.Optional;

/** A condition, beyond the score thresholds, that makes an indicator Datadog knows a problem. */
public interface Rule {
    /** The verdict this rule demands for the indicator, or empty when it does not apply. */
    Optional<Assessment> assess(IndicatorDetails details);

    /** The verdict this rule demands when it applies. */
    Verdict verdict();
}
