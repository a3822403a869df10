package io.jenkins.plugins.datadog.ioc.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * What a user sets on the Pipeline step or the freestyle builder. Every setting but the indicators may
 * be {@code null}, meaning the global default.
 */
public interface LookupParameters {
    @CheckForNull
    String getIndicator();

    /**
     * More indicators, one per line (blank lines and {@code #} comments ignored), looked up with {@link
     * #getIndicator()}; {@code null} for none. A text rather than a list so that a freestyle variable
     * holding several lines expands into several indicators.
     */
    @CheckForNull
    String moreIndicators();

    /** A workspace file with indicators, one per line (or any text, with {@link #isExtract()}). */
    @CheckForNull
    String getFile();

    /** Find addresses, domains and URLs in the file's text instead of reading one indicator per line. */
    boolean isExtract();

    /** A workspace file of suppressions (docs/suppressions.md), applied with the global list. */
    @CheckForNull
    String getSuppressions();

    /** Whether an expired suppression fails the build rather than only being warned about. */
    boolean isFailOnExpiredSuppressions();

    @CheckForNull
    String getApiKeyCredentialsId();

    @CheckForNull
    String getAppKeyCredentialsId();

    @CheckForNull
    String getSite();

    @CheckForNull
    Integer getUnstableThreshold();

    @CheckForNull
    Integer getFailThreshold();

    @CheckForNull
    String getOnNotFound();

    @CheckForNull
    String getOnError();

    /** Seconds; the overall deadline of each lookup. */
    @CheckForNull
    Integer getTimeout();
}
