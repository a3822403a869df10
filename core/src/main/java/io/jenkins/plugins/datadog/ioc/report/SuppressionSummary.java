package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.util.List;
import java.util.Objects;

/**
 * What became of a run's suppression entries that suppressed nothing: expired ones, to renew or remove,
 * and unused ones, which may be stale.
 *
 * @param onExpired what an expired entry does to the run's verdict (PASS: only a warning)
 */
public record SuppressionSummary(int entries, List<Suppression> expired, List<Suppression> unused, Verdict onExpired) {
    public static final SuppressionSummary NONE = new SuppressionSummary(0, List.of(), List.of(), Verdict.PASS);

    public SuppressionSummary {
        expired = List.copyOf(expired);
        unused = List.copyOf(unused);
        Objects.requireNonNull(onExpired, "onExpired");
    }

    /** The verdict the entries themselves give the run. */
    public Verdict verdict() {
        return expired.isEmpty() ? Verdict.PASS : onExpired;
    }
}
