package io.jenkins.plugins.datadog.ioc.suppress;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An accepted risk: indicators matching {@code pattern} are still looked up and reported with their
 * real score, but their verdict is capped at {@code maxVerdict} until the end of {@code expires}.
 *
 * @param expires the last day the suppression applies (UTC), or {@code null} for no expiry
 * @param source where the entry was written, for messages and reports ({@code suppressions.json entry 3})
 */
public record Suppression(IndicatorPattern pattern, String reason, LocalDate expires, Verdict maxVerdict, String source) {
    public Suppression {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(maxVerdict, "maxVerdict");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the suppression no longer applies on {@code today}: it applies through its expiry day. */
    public boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    public boolean matches(String indicator) {
        return pattern.matches(indicator);
    }

    /** The verdict once capped by this suppression. */
    public Verdict cap(Verdict verdict) {
        return verdict.compareTo(maxVerdict) > 0 ? maxVerdict : verdict;
    }
}
