package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every indicator of one gate run, in the order they were asked for, and the overall verdict: the
 * worst of theirs.
 *
 * @param skipped indicators extracted from text but left out on purpose (private addresses, local
 *     names), counted so that nothing disappears silently
 * @param suppressions what became of the suppression entries, whose expiry may count too
 * @param notices what the run says once, about itself: why it stopped, that no threshold is set
 */
public record GateReport(List<IndicatorReport> results, int skipped, Duration duration, SuppressionSummary suppressions,
        List<Notice> notices) {
    public GateReport {
        results = List.copyOf(results);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(suppressions, "suppressions");
        notices = List.copyOf(notices);
    }

    public GateReport(List<IndicatorReport> results, int skipped, Duration duration, SuppressionSummary suppressions) {
        this(results, skipped, duration, suppressions, List.of());
    }

    public GateReport(List<IndicatorReport> results, int skipped, Duration duration) {
        this(results, skipped, duration, SuppressionSummary.NONE);
    }

    /** This report with one more notice. */
    public GateReport withNotice(Notice notice) {
        List<Notice> more = new ArrayList<>(notices);
        more.add(notice);
        return new GateReport(results, skipped, duration, suppressions, more);
    }

    /** Why the run stopped early, or {@code null}. */
    public Notice stop() {
        return notices.stream().filter(n -> n.kind() == Notice.Kind.STOPPED).findFirst().orElse(null);
    }

    public Verdict verdict() {
        return results.stream().map(IndicatorReport::verdict).reduce(suppressions.verdict(), Verdict::worst);
    }

    public long suppressedCount() {
        return results.stream().filter(IndicatorReport::suppressed).count();
    }

    /** This report with each indicator's place in the files it was extracted from, where known. */
    public GateReport withLocations(Map<String, Location> locations) {
        List<IndicatorReport> located = results.stream()
                .map(r -> locations.containsKey(r.indicator()) ? r.withLocation(locations.get(r.indicator())) : r)
                .toList();
        return new GateReport(located, skipped, duration, suppressions, notices);
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    public long count(LookupStatus status) {
        return results.stream().filter(r -> r.lookup().status() == status).count();
    }

    /**
     * The results in five parts, each counted once, for headers that must not count an indicator Datadog
     * does not know, or one that could not be looked up, as a pass: lookups that failed, indicators not
     * found, then the found ones by verdict.
     */
    public Tally tally() {
        return Tally.of(results, r -> r.lookup().status(), IndicatorReport::verdict);
    }

    /** See {@link #tally()}: {@code failure}, {@code unstable} and {@code pass} are of the indicators Datadog knows. */
    public record Tally(long failure, long unstable, long pass, long notFound, long error) {
        /** Counts any kind of result, such as the records a build keeps, the same way. */
        public static <T> Tally of(Collection<T> results, Function<T, LookupStatus> status, Function<T, Verdict> verdict) {
            long[] found = new long[Verdict.values().length];
            long notFound = 0;
            long error = 0;
            for (T result : results) {
                switch (status.apply(result)) {
                    case FOUND -> found[verdict.apply(result).ordinal()]++;
                    case NOT_FOUND -> notFound++;
                    case ERROR -> error++;
                }
            }
            return new Tally(found[Verdict.FAILURE.ordinal()], found[Verdict.UNSTABLE.ordinal()],
                    found[Verdict.PASS.ordinal()], notFound, error);
        }

        /** Both counted together, as when two steps of one build looked indicators up. */
        public Tally plus(Tally other) {
            return new Tally(failure + other.failure, unstable + other.unstable, pass + other.pass,
                    notFound + other.notFound, error + other.error);
        }

        /** {@code 1 failure, 0 unstable, 3 pass, 5 not found, 1 error}. */
        public String text() {
            return failure + " failure, " + unstable + " unstable, " + pass + " pass, " + notFound + " not found, "
                    + error + (error == 1 ? " error" : " errors");
        }
    }

    public long cachedCount() {
        return results.stream().filter(r -> r.lookup().cached()).count();
    }

    /** The highest threat score among the results, or {@code null} when none has one. */
    public Double worstScore() {
        return results.stream().map(r -> r.lookup().score()).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    /** The results worst first (verdict, then score), for views that list what matters at the top. */
    public List<IndicatorReport> worstFirst() {
        Comparator<IndicatorReport> byVerdict = Comparator.comparing(IndicatorReport::verdict);
        Comparator<IndicatorReport> byScore = Comparator.comparing(r -> r.lookup().score(),
                Comparator.nullsFirst(Comparator.<Double>naturalOrder()));
        return results.stream().sorted(byVerdict.thenComparing(byScore).reversed()).toList();
    }
}
