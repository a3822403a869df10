package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Flags an indicator in one of the given threat categories (compared without regard to case). */
public record CategoryRule(Set<String> categories, Verdict verdict) implements Rule {

    public CategoryRule {
        categories = categories.stream()
                .map(c -> c.trim().toLowerCase(Locale.ROOT))
                .filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (categories.isEmpty()) {
            throw new ConfigurationException("A category rule needs at least one category.");
        }
    }

    @Override
    public Optional<Assessment> assess(IndicatorDetails details) {
        List<String> matched = details.categories().stream()
                .filter(c -> categories.contains(c.trim().toLowerCase(Locale.ROOT)))
                .toList();
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Assessment(verdict, "in category " + String.join(", ", matched)));
    }
}
