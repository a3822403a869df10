package io.jenkins.plugins.datadog.ioc.suppress;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * All suppressions of one run, judged on one day, so that a run that crosses midnight treats every
 * indicator alike.
 *
 * @param onExpired the verdict an expired entry gives the run: PASS makes it a warning
 */
public record Suppressions(List<Suppression> entries, LocalDate today, Verdict onExpired) {
    public static final Suppressions NONE = new Suppressions(List.of(), LocalDate.MIN, Verdict.PASS);

    public Suppressions {
        entries = List.copyOf(entries);
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(onExpired, "onExpired");
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The first entry that matches and still applies; else the first expired one that matches, which
     * does not apply; else {@code null}.
     */
    public SuppressionMatch match(String indicator) {
        Suppression expired = null;
        for (Suppression entry : entries) {
            if (entry.matches(indicator)) {
                if (!entry.expiredOn(today)) {
                    return new SuppressionMatch(entry, false);
                }
                if (expired == null) {
                    expired = entry;
                }
            }
        }
        return expired == null ? null : new SuppressionMatch(expired, true);
    }

    public List<Suppression> expired() {
        return entries.stream().filter(e -> e.expiredOn(today)).toList();
    }

    /** The entries that still apply but matched none of the indicators, so may be stale. */
    public List<Suppression> unused(Collection<String> indicators) {
        List<Suppression> unused = new ArrayList<>();
        for (Suppression entry : entries) {
            if (!entry.expiredOn(today) && indicators.stream().noneMatch(entry::matches)) {
                unused.add(entry);
            }
        }
        return unused;
    }

    /** These suppressions followed by {@code more}, judged on this run's day. */
    public Suppressions with(List<Suppression> more) {
        List<Suppression> all = new ArrayList<>(entries);
        all.addAll(more);
        return new Suppressions(all, today, onExpired);
    }
}
