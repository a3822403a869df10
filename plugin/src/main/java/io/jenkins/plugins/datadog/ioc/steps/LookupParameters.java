package io.jenkins.plugins.datadog.ioc.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

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

    /**
     * Indicators given as a list (the Pipeline step's {@code indicators}): each entry is one indicator, looked
     * up as given (defanged ones in their plain form), never read as lines, so that none is dropped as a
     * comment or split in two.
     */
    default List<String> listedIndicators() {
        return List.of();
    }

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

    /** The verdict when a threat-intelligence source calls an indicator malicious, whatever its score. */
    @CheckForNull
    String getOnMaliciousSource();

    /** Threat categories that flag an indicator, separated by commas or line breaks. */
    @CheckForNull
    String getCategories();

    /** The verdict for an indicator in one of {@link #getCategories()}. */
    @CheckForNull
    String getOnCategory();

    /** The verdict when Datadog matched an indicator to security signals in the organization. */
    @CheckForNull
    String getOnSignal();

    /** With {@link #getOnSignal()}, only signals of this severity ({@code info} to {@code critical}) or above count. */
    @CheckForNull
    String getMinSignalSeverity();

    /** The verdict when an indicator touches critical assets of the organization. */
    @CheckForNull
    String getOnCriticalAsset();

    /** Seconds; the overall deadline of each lookup. */
    @CheckForNull
    Integer getTimeout();
}
