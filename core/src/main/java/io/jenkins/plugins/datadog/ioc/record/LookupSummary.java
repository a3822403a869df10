package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.GateReport.Tally;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a build keeps of its lookups beside the record file: the verdict and counts, nothing that grows
 * with the indicators. Several steps (and parallel branches) add up with {@link #plus}. The lists are
 * short by construction (sites) or capped (expired suppressions, notices), so that a build's summary
 * stays a few hundred bytes whatever it looked up.
 *
 * @param expiredSuppressions the expired entries, described, at most {@link #MAX_LISTED}; {@link
 *     #expiredCount()} counts them all
 * @param tally the same indicators in five parts, each counted once: the ones Datadog knows by verdict, not
 *     found, errors (what pages show, so that an indicator Datadog does not know never reads as a pass)
 * @param sites the Datadog sites looked up ({@code datadoghq.eu}), or {@link #CUSTOM_SITE}
 * @param notices run-level notices ("no threshold set"), at most {@link #MAX_LISTED}; {@link
 *     #noticeCount()} counts them all
 * @param steps how many gate runs were added up
 */
public record LookupSummary(
        Verdict verdict,
        Map<Verdict, Integer> verdicts,
        Map<LookupStatus, Integer> statuses,
        Tally tally,
        int cached,
        int skipped,
        Double worstScore,
        int suppressed,
        int expiredCount,
        List<String> expiredSuppressions,
        Verdict suppressionVerdict,
        List<String> sites,
        Duration duration,
        int noticeCount,
        List<String> notices,
        int steps) {
    /** How many descriptions of expired entries, and of notices, a summary keeps. */
    public static final int MAX_LISTED = 10;
    /** The site of a lookup that went through an administrator's base URL instead of a Datadog site. */
    public static final String CUSTOM_SITE = "custom base URL";

    public LookupSummary {
        Objects.requireNonNull(verdict, "verdict");
        verdicts = complete(verdicts, Verdict.class, Verdict.values());
        statuses = complete(statuses, LookupStatus.class, LookupStatus.values());
        Objects.requireNonNull(tally, "tally");
        expiredSuppressions = List.copyOf(capped(expiredSuppressions));
        suppressionVerdict = suppressionVerdict == null ? Verdict.PASS : suppressionVerdict;
        sites = List.copyOf(sites);
        Objects.requireNonNull(duration, "duration");
        notices = List.copyOf(capped(notices));
    }

    /**
     * One gate run's summary.
     *
     * @param sites the Datadog site's domain, or {@link #CUSTOM_SITE}; none when not known (old builds)
     * @param notices run-level notices of the run, in order
     */
    public static LookupSummary of(GateReport report, List<String> sites, List<String> notices) {
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, (int) report.count(v));
        }
        Map<LookupStatus, Integer> statuses = new EnumMap<>(LookupStatus.class);
        for (LookupStatus s : LookupStatus.values()) {
            statuses.put(s, (int) report.count(s));
        }
        List<Suppression> expired = report.suppressions().expired();
        return new LookupSummary(report.verdict(), verdicts, statuses, report.tally(), (int) report.cachedCount(), report.skipped(),
                report.worstScore(), (int) report.suppressedCount(), expired.size(),
                expired.stream().limit(MAX_LISTED).map(LookupSummary::describe).toList(),
                report.suppressions().verdict(), sites, report.duration(), notices.size(), notices, 1);
    }

    /** This summary and {@code other} added up, as when two steps of one build looked indicators up. */
    public LookupSummary plus(LookupSummary other) {
        Map<Verdict, Integer> v = new EnumMap<>(Verdict.class);
        verdicts.forEach((key, n) -> v.put(key, n + other.count(key)));
        Map<LookupStatus, Integer> s = new EnumMap<>(LookupStatus.class);
        statuses.forEach((key, n) -> s.put(key, n + other.count(key)));
        Set<String> expired = new LinkedHashSet<>(expiredSuppressions);
        expired.addAll(other.expiredSuppressions);
        Set<String> allSites = new LinkedHashSet<>(sites);
        allSites.addAll(other.sites);
        List<String> allNotices = new ArrayList<>(notices);
        allNotices.addAll(other.notices);
        return new LookupSummary(verdict.worst(other.verdict), v, s, tally.plus(other.tally), cached + other.cached,
                skipped + other.skipped,
                worse(worstScore, other.worstScore), suppressed + other.suppressed,
                // The same global entry may expire in both steps: counted once when it is listed in both.
                expiredCount + other.expiredCount - (expiredSuppressions.size() + other.expiredSuppressions.size() - expired.size()),
                List.copyOf(expired), suppressionVerdict.worst(other.suppressionVerdict), List.copyOf(allSites),
                duration.plus(other.duration), noticeCount + other.noticeCount, allNotices, steps + other.steps);
    }

    public int count(Verdict v) {
        return verdicts.get(v);
    }

    public int count(LookupStatus s) {
        return statuses.get(s);
    }

    /** Every indicator looked up, whatever became of it. */
    public int indicators() {
        return statuses.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether some expired entries, or notices, were left out of the lists. */
    public boolean listsCut() {
        return expiredCount > expiredSuppressions.size() || noticeCount > notices.size();
    }

    /** {@code *.cdn.example.com (suppressions.json entry 3, until 2026-03-31): CDN edge names}. */
    public static String describe(Suppression entry) {
        return entry.pattern() + " (" + entry.source() + (entry.expires() == null ? "" : ", until " + entry.expires())
                + "): " + entry.reason();
    }

    private static Double worse(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
    }

    private static List<String> capped(List<String> list) {
        return list == null ? List.of() : list.subList(0, Math.min(list.size(), MAX_LISTED));
    }

    private static <K extends Enum<K>> Map<K, Integer> complete(Map<K, Integer> counts, Class<K> type, K[] keys) {
        Map<K, Integer> all = new EnumMap<>(type);
        for (K key : keys) {
            all.put(key, counts == null ? 0 : counts.getOrDefault(key, 0));
        }
        return java.util.Collections.unmodifiableMap(all);
    }
}
