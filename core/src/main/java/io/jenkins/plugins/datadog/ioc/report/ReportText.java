package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;

/**
 * The words every report uses for suppressions and locations, so that they say the same thing. Plain,
 * unescaped text with users' data in it: each report escapes it in its own way.
 */
final class ReportText {
    private ReportText() {}

    /**
     * What a suppression did to a result: {@code suppressed (would be FAILURE) until 2027-03-31: Our own
     * scanner}, or {@code suppression expired on 2026-03-31 (suppressions.json entry 2)}; {@code null} when
     * none matched.
     */
    static String note(IndicatorReport result) {
        SuppressionMatch match = result.suppression();
        if (match == null) {
            return null;
        }
        Suppression entry = match.suppression();
        if (match.expired()) {
            return "suppression expired" + (entry.expires() == null ? "" : " on " + entry.expires())
                    + " (" + entry.source() + ')';
        }
        return "suppressed"
                + (result.policyVerdict() == result.verdict() ? "" : " (would be " + result.policyVerdict() + ')')
                + (entry.expires() == null ? "" : " until " + entry.expires())
                + ": " + entry.reason();
    }

    /**
     * Whether a suppression accepts the result's risk entirely, bringing it down to PASS. One that only caps
     * it at UNSTABLE leaves a finding: JUnit and SARIF show it as one, not as skipped or suppressed.
     */
    static boolean accepted(IndicatorReport result) {
        return result.suppressed() && result.verdict() == Verdict.PASS;
    }

    /** The reason with its expiry: {@code Our own scanner (until 2027-03-31)}. */
    static String justification(Suppression entry) {
        return entry.reason() + (entry.expires() == null ? "" : " (until " + entry.expires() + ')');
    }

    /** {@code suppression of 203.0.113.7 (suppressions.json entry 2) expired on 2026-03-31: renew or remove it}. */
    static String expired(Suppression entry) {
        return "suppression of " + entry.pattern() + " (" + entry.source() + ") expired on " + entry.expires()
                + ": renew or remove it";
    }

    /** {@code suppression of *.cdn.example.com (suppressions.json entry 4) matched no indicator in this run}. */
    static String unused(Suppression entry) {
        return "suppression of " + entry.pattern() + " (" + entry.source() + ") matched no indicator in this run";
    }

    /** What expired entries do to the run, or {@code ""} when they only warn. */
    static String expiredEffect(Verdict onExpired) {
        return switch (onExpired) {
            case PASS -> "";
            case UNSTABLE -> "expired suppressions make the run unstable";
            case FAILURE -> "expired suppressions fail the run";
        };
    }

    /**
     * Why the score is what it is, and the triage state: {@code score raised by signals; lowered by sources;
     * triaged as false_positive on 2024-05-20}; {@code null} when Datadog said neither.
     */
    static String explanation(IndicatorReport result) {
        IndicatorDetails d = result.lookup().details();
        String factors = ScoreExplanation.line(d);
        String triage = ScoreExplanation.triage(d);
        if (factors == null) {
            return triage;
        }
        return factors + (triage == null ? "" : "; " + triage);
    }

    /**
     * {@code config/app.yaml:12:7, 3 occurrences, written evil[.]example}; the count only when more than one,
     * the writing only when defanged.
     */
    static String location(Location where) {
        return where + occurrences(where) + written(where);
    }

    /** {@code , written evil[.]example} when the indicator was defanged there, else {@code ""}. */
    static String written(Location where) {
        return where.written() == null ? "" : ", written " + where.written();
    }

    /** {@code , 3 occurrences}, or {@code ""} for a single one. */
    static String occurrences(Location where) {
        return where.occurrences() > 1 ? ", " + where.occurrences() + " occurrences" : "";
    }
}
