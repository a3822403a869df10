package io.jenkins.plugins.datadog.ioc.trend;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the trend needs of one build: its lookup's summary, or nothing (a gap) when the build looked
 * nothing up. Counts never come from the records, so that a job page never reads them.
 *
 * @param number the build number
 * @param name what the build is called ({@code #12}, or a display name a Pipeline set: any text)
 * @param url the page to link, relative to the Jenkins root ({@code job/app/12/datadog-ioc/}); for a
 *     gap, the build's own page
 * @param verdict the lookup's overall verdict; {@code null} for a build without a lookup
 * @param failure indicators Datadog knows whose verdict is FAILURE; with {@code unstable}, {@code pass},
 *     {@code notFound} and {@code error}, every indicator of the build once, as the build page counts them,
 *     so that an indicator Datadog does not know, or one that could not be looked up, never shows as a pass
 * @param notFound indicators Datadog did not know
 * @param error indicators that could not be looked up
 * @param worstScore the highest threat score (Datadog's are 0 to 100), {@code null} when no indicator has one
 */
public record TrendBuild(int number, String name, String url, Verdict verdict, long failure, long unstable, long pass,
        long notFound, long error, Double worstScore) {
    /** A scheme ({@code javascript:}) or a host ({@code //}) would take the link off Jenkins. */
    private static final Pattern ABSOLUTE = Pattern.compile("^(/|[A-Za-z][A-Za-z0-9+.-]*:).*", Pattern.DOTALL);

    public TrendBuild {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (number < 1) {
            throw new IllegalArgumentException("A build number starts at 1, not " + number + '.');
        }
        if (ABSOLUTE.matcher(url).matches()) {
            throw new IllegalArgumentException("The link of build " + number + " must be relative to the Jenkins root, not '" + url + "'.");
        }
        if (failure < 0 || unstable < 0 || pass < 0 || notFound < 0 || error < 0) {
            throw new IllegalArgumentException("Build " + number + " has a negative count.");
        }
        if (verdict == null && failure + unstable + pass + notFound + error > 0) {
            throw new IllegalArgumentException("Build " + number + " has no lookup, so it has no indicators either.");
        }
        // the score is Datadog's, read leniently: one out of range must not break the job page (the chart clamps it)
        if (worstScore != null && !Double.isFinite(worstScore)) {
            worstScore = null;
        }
    }

    /** A build that looked nothing up: a gap in the trend, not an error. */
    public static TrendBuild missing(int number, String name, String url) {
        return new TrendBuild(number, name, url, null, 0, 0, 0, 0, 0, null);
    }

    public boolean lookedUp() {
        return verdict != null;
    }

    public long indicators() {
        return failure + unstable + pass + notFound + error;
    }
}
