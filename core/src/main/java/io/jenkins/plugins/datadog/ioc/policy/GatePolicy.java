package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a lookup means for the build. A score at or above a threshold crosses it; extra
 * {@link Rule rules} may demand worse; the worst demand wins. Indicators Datadog does not know, and
 * lookups that failed, get their own configured verdict: by default a security gate fails closed on
 * errors and lets unknown indicators pass. An indicator Datadog knows but without a usable score cannot
 * be judged, so it gets the error verdict too.
 */
public final class GatePolicy {
    public static final Verdict DEFAULT_ON_NOT_FOUND = Verdict.PASS;
    public static final Verdict DEFAULT_ON_ERROR = Verdict.FAILURE;

    private final Double unstableThreshold;
    private final Double failThreshold;
    private final Verdict onNotFound;
    private final Verdict onError;
    private final List<Rule> rules;

    private GatePolicy(Builder b) {
        unstableThreshold = b.unstableThreshold;
        failThreshold = b.failThreshold;
        onNotFound = b.onNotFound;
        onError = b.onError;
        rules = List.copyOf(b.rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Double unstableThreshold() {
        return unstableThreshold;
    }

    public Double failThreshold() {
        return failThreshold;
    }

    public Verdict onNotFound() {
        return onNotFound;
    }

    public Verdict onError() {
        return onError;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * Whether anything Datadog says of an indicator can fail the run or make it unstable: a threshold, or
     * a rule that demands worse than PASS. Without, every score passes however high, which a run says.
     */
    public boolean canFlagIndicators() {
        return unstableThreshold != null || failThreshold != null
                || rules.stream().anyMatch(rule -> rule.verdict() != Verdict.PASS);
    }

    public Assessment assess(LookupResult result) {
        switch (result.status()) {
            case NOT_FOUND:
                return new Assessment(onNotFound, "not known to Datadog's IoC Explorer (not seen in your logs in the last 30 days)");
            case ERROR:
                return new Assessment(onError, "lookup failed: " + result.errorMessage());
            default:
                return assessFound(result.details());
        }
    }

    private Assessment assessFound(IndicatorDetails details) {
        // A renamed or retyped score on this beta endpoint must not open the gate for everyone.
        Assessment worst = details.score() == null
                ? new Assessment(onError, "Datadog's answer has no usable threat score, so it is judged as a failed lookup")
                : scoreAssessment(details.score());
        for (Rule rule : rules) {
            Assessment demanded = rule.assess(details).orElse(null);
            if (demanded != null && demanded.verdict().compareTo(worst.verdict()) > 0) {
                worst = demanded;
            }
        }
        return worst;
    }

    private Assessment scoreAssessment(double score) {
        String shown = formatScore(score);
        if (failThreshold != null && score >= failThreshold) {
            return new Assessment(Verdict.FAILURE, "threat score " + shown + " is at or above the failure threshold " + formatScore(failThreshold));
        }
        if (unstableThreshold != null && score >= unstableThreshold) {
            return new Assessment(Verdict.UNSTABLE, "threat score " + shown + " is at or above the unstable threshold " + formatScore(unstableThreshold));
        }
        Double lowest = unstableThreshold != null ? unstableThreshold : failThreshold;
        return new Assessment(Verdict.PASS, lowest == null
                ? "threat score " + shown + " (no threshold set)"
                : "threat score " + shown + " is below the threshold " + formatScore(lowest));
    }

    /** A score as people write it: {@code 80}, {@code 72.5}. */
    public static String formatScore(double score) {
        return score == Math.rint(score) ? String.valueOf((long) score) : String.valueOf(score);
    }

    /** Collects and validates a policy's settings. */
    public static final class Builder {
        private Double unstableThreshold;
        private Double failThreshold;
        private Verdict onNotFound = DEFAULT_ON_NOT_FOUND;
        private Verdict onError = DEFAULT_ON_ERROR;
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {}

        /** @param threshold 0-100, or {@code null} for none */
        public Builder unstableThreshold(Double threshold) {
            this.unstableThreshold = checkThreshold(threshold, "The unstable threshold");
            return this;
        }

        /** @param threshold 0-100, or {@code null} for none */
        public Builder failThreshold(Double threshold) {
            this.failThreshold = checkThreshold(threshold, "The failure threshold");
            return this;
        }

        public Builder onNotFound(Verdict verdict) {
            this.onNotFound = verdict == null ? DEFAULT_ON_NOT_FOUND : verdict;
            return this;
        }

        public Builder onError(Verdict verdict) {
            this.onError = verdict == null ? DEFAULT_ON_ERROR : verdict;
            return this;
        }

        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        /** @throws ConfigurationException if the thresholds contradict each other */
        public GatePolicy build() {
            if (unstableThreshold != null && failThreshold != null && unstableThreshold > failThreshold) {
                throw new ConfigurationException("The unstable threshold (" + formatScore(unstableThreshold)
                        + ") may not be above the failure threshold (" + formatScore(failThreshold) + ").");
            }
            return new GatePolicy(this);
        }

        private static Double checkThreshold(Double threshold, String name) {
            if (threshold != null && !(threshold >= 0 && threshold <= 100)) {
                throw new ConfigurationException(name + " must be a score from 0 to 100, not " + threshold + '.');
            }
            return threshold;
        }
    }
}
