package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.extract.Extraction;
import io.jenkins.plugins.datadog.ioc.policy.CategoryRule;
import io.jenkins.plugins.datadog.ioc.policy.CriticalAssetRule;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.MaliciousSourceRule;
import io.jenkins.plugins.datadog.ioc.policy.SignalRule;
import io.jenkins.plugins.datadog.ioc.policy.SignalSeverity;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.Suppressions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one gate run needs, as the CLI and the plugin both build it: where the indicators come from,
 * the policy (thresholds, verdicts, rules), the suppressions, the lookup options, the timeout and the
 * concurrency. Checked once, in {@link Builder#build()}, with one set of messages; {@link GateRun} runs it.
 */
public final class GateRequest {
    /**
     * How a front end tells its users to give indicators and to raise the limit, so that the one set of
     * messages names its own settings.
     *
     * @param giveIndicators {@code pass indicators as arguments or with --file}
     * @param raiseLimit where the indicator limit is set and what to do instead, or {@code ""}
     */
    public record Wording(String giveIndicators, String raiseLimit) {
        public Wording {
            Objects.requireNonNull(giveIndicators, "giveIndicators");
            Objects.requireNonNull(raiseLimit, "raiseLimit");
        }
    }

    /**
     * One file's indicators: its text as read, or what was already extracted from it (the plugin reads and
     * extracts on the agent).
     *
     * @param name where a report may point, or {@code null} (standard input) for nowhere
     */
    public record Source(String name, String text, Extraction extraction) {
        public Source {
            if ((text == null) == (extraction == null)) {
                throw new IllegalArgumentException("a source is either a text or an extraction");
            }
        }
    }

    private final List<String> indicators;
    private final List<Source> sources;
    private final boolean extract;
    private final boolean includePrivate;
    private final Integer maxIndicators;
    private final GatePolicy policy;
    private final Suppressions suppressions;
    private final LookupOptions options;
    private final Duration timeout;
    private final int concurrency;
    private final Wording wording;

    private GateRequest(Builder b, GatePolicy policy, Suppressions suppressions) {
        indicators = List.copyOf(b.indicators);
        sources = List.copyOf(b.sources);
        extract = b.extract;
        includePrivate = b.includePrivate;
        maxIndicators = b.maxIndicators;
        this.policy = policy;
        this.suppressions = suppressions;
        options = b.options;
        timeout = b.timeout;
        concurrency = b.concurrency;
        wording = b.wording;
    }

    public static Builder builder(Wording wording) {
        return new Builder(wording);
    }

    /**
     * Checks a pair of thresholds as {@link Builder#build()} does, for forms that check fields one by one.
     *
     * @param unstable 0-100, or {@code null} for none
     * @param fail 0-100, or {@code null} for none
     * @throws ConfigurationException if either is out of range, or the unstable one is above the other
     */
    public static void checkThresholds(Double unstable, Double fail) {
        GatePolicy.builder().unstableThreshold(unstable).failThreshold(fail).build();
    }

    /** Categories as a form or a JCasC file writes them: separated by commas or line breaks; blank ones left out. */
    public static List<String> categoryList(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\r\\n]+")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }

    public List<String> indicators() {
        return indicators;
    }

    public List<Source> sources() {
        return sources;
    }

    public boolean extract() {
        return extract;
    }

    public boolean includePrivate() {
        return includePrivate;
    }

    /** The most indicators a run may look up, or {@code null} for no limit. */
    public Integer maxIndicators() {
        return maxIndicators;
    }

    public GatePolicy policy() {
        return policy;
    }

    public Suppressions suppressions() {
        return suppressions;
    }

    public LookupOptions options() {
        return options;
    }

    public Duration timeout() {
        return timeout;
    }

    public int concurrency() {
        return concurrency;
    }

    public Wording wording() {
        return wording;
    }

    /** Collects a request's settings; every one but the wording is optional and has the CLI's default. */
    public static final class Builder {
        private final Wording wording;
        private final List<String> indicators = new ArrayList<>();
        private final List<Source> sources = new ArrayList<>();
        private boolean extract;
        private boolean includePrivate;
        private Integer maxIndicators;
        private Double unstableThreshold;
        private Double failThreshold;
        private Verdict onNotFound = GatePolicy.DEFAULT_ON_NOT_FOUND;
        private Verdict onError = GatePolicy.DEFAULT_ON_ERROR;
        private Verdict onMaliciousSource;
        private final Set<String> categories = new LinkedHashSet<>();
        private Verdict onCategory = Verdict.FAILURE;
        private Verdict onSignal;
        private String minSignalSeverity;
        private Verdict onCriticalAsset;
        private final List<Suppression> globalSuppressions = new ArrayList<>();
        private final List<Suppression> ownSuppressions = new ArrayList<>();
        private LocalDate today;
        private Verdict onExpired = Verdict.PASS;
        private LookupOptions options = LookupOptions.DEFAULT;
        private Duration timeout = IocClientConfig.DEFAULT_TIMEOUT;
        /** docs/performance.md measures why 8. */
        private int concurrency = 8;

        private Builder(Wording wording) {
            this.wording = Objects.requireNonNull(wording, "wording");
        }

        /** Indicators given one by one, as written. */
        public Builder indicators(Collection<String> values) {
            indicators.addAll(values);
            return this;
        }

        /** A file's text, read one indicator per line or, with {@link #extract}, searched for indicators. */
        public Builder text(String name, String text) {
            sources.add(new Source(name, text, null));
            return this;
        }

        /** A file's indicators as already read or extracted from it. */
        public Builder extraction(String name, Extraction extraction) {
            sources.add(new Source(name, null, extraction));
            return this;
        }

        /** Search the files for indicators rather than read them one per line. */
        public Builder extract(boolean value) {
            extract = value;
            return this;
        }

        /** With {@link #extract}, keep private, reserved and loopback addresses and local names; else no effect. */
        public Builder includePrivate(boolean value) {
            includePrivate = value;
            return this;
        }

        /** @param value the most indicators a run may look up, or {@code null} for no limit */
        public Builder maxIndicators(Integer value) {
            maxIndicators = value;
            return this;
        }

        /** @param value 0-100, or {@code null} for none */
        public Builder unstableThreshold(Double value) {
            unstableThreshold = value;
            return this;
        }

        /** @param value 0-100, or {@code null} for none */
        public Builder failThreshold(Double value) {
            failThreshold = value;
            return this;
        }

        /** @param value {@code null} for the default, PASS */
        public Builder onNotFound(Verdict value) {
            onNotFound = value == null ? GatePolicy.DEFAULT_ON_NOT_FOUND : value;
            return this;
        }

        /** @param value {@code null} for the default, FAILURE */
        public Builder onError(Verdict value) {
            onError = value == null ? GatePolicy.DEFAULT_ON_ERROR : value;
            return this;
        }

        /** @param value the verdict when a source calls an indicator malicious, or {@code null} for no such rule */
        public Builder onMaliciousSource(Verdict value) {
            onMaliciousSource = value;
            return this;
        }

        /**
         * Threat categories that flag an indicator, with {@link #onCategory}, in any case; blank ones are
         * ignored, but categories given that are all blank are a mistake.
         */
        public Builder categories(Collection<String> values) {
            values.stream().map(v -> v == null ? "" : v).forEach(categories::add);
            return this;
        }

        /** @param value {@code null} for the default, FAILURE */
        public Builder onCategory(Verdict value) {
            onCategory = value == null ? Verdict.FAILURE : value;
            return this;
        }

        /** @param value the verdict when Datadog matched the indicator to the organization's signals, or {@code null} */
        public Builder onSignal(Verdict value) {
            onSignal = value;
            return this;
        }

        /** @param value {@code info} to {@code critical}: only signals from it up count; {@code null} or blank for all */
        public Builder minSignalSeverity(String value) {
            minSignalSeverity = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** @param value the verdict when the indicator touches critical assets, or {@code null} */
        public Builder onCriticalAsset(Verdict value) {
            onCriticalAsset = value;
            return this;
        }

        /**
         * Accepted risks: the controller's global list first (of which a run reports only what concerns it),
         * then the run's own entries.
         */
        public Builder suppressions(List<Suppression> global, List<Suppression> own) {
            globalSuppressions.addAll(global);
            ownSuppressions.addAll(own);
            return this;
        }

        /**
         * @param value the day, in UTC, on which suppressions are judged expired or not, so that an entry ends
         *     at the same moment on every machine
         */
        public Builder today(LocalDate value) {
            today = value;
            return this;
        }

        /** @param value the verdict an expired suppression gives the run: PASS only warns */
        public Builder onExpired(Verdict value) {
            onExpired = value == null ? Verdict.PASS : value;
            return this;
        }

        public Builder options(LookupOptions value) {
            options = value == null ? LookupOptions.DEFAULT : value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        /** @throws ConfigurationException naming the first setting that cannot be used, and how to fix it */
        public GateRequest build() {
            IocClientConfig.checkTimeout(timeout);
            IocClientConfig.checkConcurrency(concurrency);
            if (maxIndicators != null && maxIndicators < 1) {
                throw new ConfigurationException("The most indicators per run must be at least 1, not " + maxIndicators + '.');
            }
            GatePolicy.Builder policy = GatePolicy.builder()
                    .unstableThreshold(unstableThreshold)
                    .failThreshold(failThreshold)
                    .onNotFound(onNotFound)
                    .onError(onError);
            if (onMaliciousSource != null) {
                policy.rule(new MaliciousSourceRule(onMaliciousSource));
            }
            if (!categories.isEmpty()) {
                policy.rule(new CategoryRule(categories, onCategory));
            }
            SignalSeverity minSeverity = minSignalSeverity == null ? null
                    : SignalSeverity.parse(minSignalSeverity, "The minimum signal severity");
            if (onSignal != null) {
                policy.rule(new SignalRule(onSignal, minSeverity));
            }
            if (onCriticalAsset != null) {
                policy.rule(new CriticalAssetRule(onCriticalAsset));
            }
            Suppressions judged = Suppressions.NONE;
            if (!globalSuppressions.isEmpty() || !ownSuppressions.isEmpty()) {
                if (today == null) {
                    throw new IllegalStateException("suppressions need the day to judge them on");
                }
                judged = Suppressions.of(globalSuppressions, ownSuppressions, today, onExpired);
            }
            return new GateRequest(this, policy.build(), judged);
        }
    }
}
