package io.jenkins.plugins.datadog.ioc.suppress;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * All suppressions of one run, judged on one day, so that a run that crosses midnight treats every
 * indicator alike. The first {@code global} entries are the controller's global list, the administrator's;
 * the others are the step's own (its suppression file, or the CLI's files). A run reports its own entries
 * that expired or matched nothing, but of the global list only the entries that matched one of its
 * indicators: the rest of the list is none of its readers' business.
 *
 * @param onExpired the verdict an expired entry that concerns the run gives it: PASS makes it a warning
 * @param global how many of the entries, from the first, are global
 */
public record Suppressions(List<Suppression> entries, LocalDate today, Verdict onExpired, int global) {
    public static final Suppressions NONE = new Suppressions(List.of(), LocalDate.MIN, Verdict.PASS);

    public Suppressions {
        entries = List.copyOf(entries);
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(onExpired, "onExpired");
        if (global < 0 || global > entries.size()) {
            throw new IllegalArgumentException("global " + global + " of " + entries.size() + " entries");
        }
    }

    /** The step's own entries only. */
    public Suppressions(List<Suppression> entries, LocalDate today, Verdict onExpired) {
        this(entries, today, onExpired, 0);
    }

    /** The global list, which applies first, then the step's own entries. */
    public static Suppressions of(List<Suppression> global, List<Suppression> own, LocalDate today, Verdict onExpired) {
        List<Suppression> all = new ArrayList<>(global);
        all.addAll(own);
        return new Suppressions(all, today, onExpired, global.size());
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

    /** Every expired entry, global or not. */
    public List<Suppression> expired() {
        return entries.stream().filter(e -> e.expiredOn(today)).toList();
    }

    /**
     * The expired entries that concern a run of these indicators: all of the step's own, and the global
     * ones that match one of the indicators. Only these are reported, and only these can fail the run.
     */
    public List<Suppression> expired(Collection<String> indicators) {
        List<Suppression> expired = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Suppression entry = entries.get(i);
            if (entry.expiredOn(today) && (i >= global || indicators.stream().anyMatch(entry::matches))) {
                expired.add(entry);
            }
        }
        return expired;
    }

    /** The step's own entries that still apply but matched none of the indicators, so may be stale. */
    public List<Suppression> unused(Collection<String> indicators) {
        return unused(entries.subList(global, entries.size()), indicators);
    }

    /** The global entries that still apply but matched none of the indicators: for the administrator. */
    public List<Suppression> unusedGlobal(Collection<String> indicators) {
        return unused(entries.subList(0, global), indicators);
    }

    private List<Suppression> unused(List<Suppression> candidates, Collection<String> indicators) {
        List<Suppression> unused = new ArrayList<>();
        for (Suppression entry : candidates) {
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
        return new Suppressions(all, today, onExpired, global);
    }
}
