package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import java.util.Optional;

/** Flags an indicator that any threat-intelligence source calls malicious, whatever its score. */
public record MaliciousSourceRule(Verdict verdict) implements Rule {

    @Override
    public Optional<Assessment> assess(IndicatorDetails details) {
        if (details.maliciousSources().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Assessment(verdict,
                "flagged as malicious by " + String.join(", ", details.maliciousSources())));
    }
}
