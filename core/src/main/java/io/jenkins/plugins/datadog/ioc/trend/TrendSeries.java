package io.jenkins.plugins.datadog.ioc.trend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The last builds of a job, oldest first as a chart reads, gaps (builds without a lookup) kept in
 * place. How many is the page's {@code builds} query parameter, bounded: each build shown is a build
 * Jenkins may have to load.
 */
public final class TrendSeries {
    public static final int DEFAULT_BUILDS = 30;
    public static final int MAX_BUILDS = 200;
    /**
     * A job shows a trend while one of this many of its last completed builds looked something up: enough
     * to keep it through a few builds that failed before their lookup, few enough that a job that never
     * looks anything up costs nearly nothing.
     */
    public static final int RECENT_BUILDS = 5;

    private final List<TrendBuild> builds;
    private final int requested;

    private TrendSeries(List<TrendBuild> builds, int requested) {
        this.builds = builds;
        this.requested = requested;
    }

    /**
     * The number of builds a {@code builds} query parameter asks for: {@value #DEFAULT_BUILDS} when it
     * is missing or not a number, else clamped to 1 to {@value #MAX_BUILDS}.
     */
    public static int buildsToShow(String parameter) {
        String value = parameter == null ? "" : parameter.strip();
        if (!value.matches("[+-]?\\d+")) {
            return DEFAULT_BUILDS;
        }
        boolean negative = value.startsWith("-");
        String digits = value.replaceFirst("^[+-]?0*", "");
        if (digits.length() > 9) {
            return negative ? 1 : MAX_BUILDS;
        }
        return clamp(digits.isEmpty() ? 0 : (negative ? -1 : 1) * Integer.parseInt(digits));
    }

    private static int clamp(int builds) {
        return Math.max(1, Math.min(MAX_BUILDS, builds));
    }

    /**
     * @param newestFirst the job's builds as Jenkins lists them, newest first; more than {@code builds}
     *     may be given, only the newest are kept
     * @param builds how many builds to show (clamped to 1 to {@value #MAX_BUILDS})
     * @throws IllegalArgumentException if the builds are not newest first
     */
    public static TrendSeries of(List<TrendBuild> newestFirst, int builds) {
        int shown = clamp(builds);
        List<TrendBuild> kept = new ArrayList<>(newestFirst.subList(0, Math.min(shown, newestFirst.size())));
        for (int i = 1; i < kept.size(); i++) {
            if (kept.get(i).number() >= kept.get(i - 1).number()) {
                throw new IllegalArgumentException("Builds must come newest first: build " + kept.get(i).number()
                        + " follows build " + kept.get(i - 1).number() + '.');
            }
        }
        Collections.reverse(kept);
        return new TrendSeries(List.copyOf(kept), shown);
    }

    /** Oldest first. */
    public List<TrendBuild> builds() {
        return builds;
    }

    /** How many builds the page asked for; fewer are shown when the job has fewer. */
    public int requested() {
        return requested;
    }

    /** The newest build that looked something up. */
    public Optional<TrendBuild> latest() {
        for (int i = builds.size() - 1; i >= 0; i--) {
            if (builds.get(i).lookedUp()) {
                return Optional.of(builds.get(i));
            }
        }
        return Optional.empty();
    }

    public boolean hasLookups() {
        return latest().isPresent();
    }

    /** The most indicators of one build, 0 without any. */
    public long mostIndicators() {
        return builds.stream().mapToLong(TrendBuild::indicators).max().orElse(0);
    }

    public long gaps() {
        return builds.stream().filter(b -> !b.lookedUp()).count();
    }
}
