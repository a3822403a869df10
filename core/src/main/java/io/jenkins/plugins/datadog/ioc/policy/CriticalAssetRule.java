package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import java.util.Optional;

/**
 * Flags an indicator Datadog has seen touch critical assets of the organization. The reason gives their
 * number, never their names, which are organization data that records keep only when allowed to.
 */
public record CriticalAssetRule(Verdict verdict) implements Rule {

    @Override
    public Optional<Assessment> assess(IndicatorDetails details) {
        int count = details.criticalAssets().size();
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(new Assessment(verdict, "touches " + count + " critical asset" + (count == 1 ? "" : "s")
                + " in your organization"));
    }
}
