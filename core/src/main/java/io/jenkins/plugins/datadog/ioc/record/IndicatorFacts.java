package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.ScoreExplanation;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Everything recorded of one indicator, as labelled facts for its own page; facts without a value are left out. */
public final class IndicatorFacts {
    /** One line of the page: a label and one or more values. */
    public record Fact(String label, List<String> values) {
        public String getLabel() {
            return label;
        }

        public List<String> getValues() {
            return values;
        }
    }

    private final List<Fact> facts = new ArrayList<>();

    private IndicatorFacts() {}

    public static List<Fact> of(IndicatorReport r) {
        IndicatorFacts f = new IndicatorFacts();
        f.add("Verdict", r.verdict().name());
        f.add("Status", r.lookup().status().name() + (r.lookup().cached() ? " (from the cache)" : ""));
        f.add("Reason", r.reason());
        f.add("Error", r.lookup().errorMessage());
        if (r.suppression() != null) {
            Suppression s = r.suppression().suppression();
            f.add(r.suppression().expired() ? "Suppression (expired, no longer applies)" : "Suppressed by", s.pattern().toString());
            f.add("Suppression reason", s.reason());
            f.add("Suppression expires", s.expires() == null ? null : s.expires().toString());
            f.add("Suppression written in", s.source());
            if (r.policyVerdict() != r.verdict()) {
                f.add("Verdict without the suppression", r.policyVerdict().name());
            }
        }
        if (r.location() != null) {
            f.add("Found at", r.location() + " (" + r.location().occurrences() + " occurrence(s))");
            f.add("Written there as", r.location().written());
        }
        IndicatorDetails d = r.lookup().details();
        if (d != null) {
            details(f, d);
        }
        f.add("Lookup", r.lookup().attempts() + " request(s), " + r.lookup().duration().toMillis() + " ms");
        return List.copyOf(f.facts);
    }

    private static void details(IndicatorFacts f, IndicatorDetails d) {
        f.add("Type", d.indicatorType());
        f.add("Threat score", d.score() == null ? null : io.jenkins.plugins.datadog.ioc.policy.GatePolicy.formatScore(d.score()));
        f.add("Why this score", ScoreExplanation.of(d).stream().map(ScoreExplanation.Factor::text).toList());
        f.add("Malicious sources", d.maliciousSources());
        f.add("Suspicious sources", d.suspiciousSources());
        f.add("Benign sources", d.benignSources());
        f.add("Categories", d.categories());
        f.add("Tags", d.tags());
        f.add("First seen", text(d.firstSeen()));
        f.add("Last seen", text(d.lastSeen()));
        f.add("Log matches", text(d.logMatches()));
        f.add("Signal matches", text(d.signalMatches()));
        f.add("Signals by severity", severities(d));
        f.add("Signal tier", text(d.signalTier()));
        f.add("Log sources", d.logSources());
        f.add("Hosts", d.hosts());
        f.add("Services", d.services());
        f.add("Users", users(d));
        f.add("Critical assets", d.criticalAssets());
        f.add("AS number", d.asNumber());
        f.add("AS organization", d.asOrganization());
        f.add("AS type", d.asType());
        f.add("AS CIDR block", d.asCidrBlock());
        if (d.asGeo() != null) {
            f.add("Location", place(d.asGeo().city(), d.asGeo().countryCode(), d.asGeo().countryName()));
        }
        f.add("Scoring factors", scoringFactors(d));
        f.add("Triage state", d.triageState());
        f.add("Triaged at", text(d.triagedAt()));
        f.add("Triaged by", d.triagedBy());
        f.add("Triage history", triageHistory(d));
        f.add("Additional data", d.additionalDataJson());
    }

    private void add(String label, String value) {
        if (value != null && !value.isEmpty()) {
            facts.add(new Fact(label, List.of(value)));
        }
    }

    private void add(String label, List<String> values) {
        if (!values.isEmpty()) {
            facts.add(new Fact(label, List.copyOf(values)));
        }
    }

    // How Datadog's structured fields read as lines of text, here and in the plugin's REST view.

    /** {@code high: 2}. */
    public static List<String> severities(IndicatorDetails d) {
        return d.signalSeverity().stream().map(s -> s.severity() + ": " + s.count()).toList();
    }

    /** {@code aws_iam: alice@example.com, bob}. */
    public static List<String> users(IndicatorDetails d) {
        return d.users().entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).toList();
    }

    /** {@code sources LOWER_SCORE}, for each factor Datadog gave. */
    public static List<String> scoringFactors(IndicatorDetails d) {
        return Stream.of(factor("sources", d.mSources()), factor("signal", d.mSignal()), factor("persistence", d.mPersistence()),
                factor("AS type", d.mAsType()), factor("max trust score", d.maxTrustScore())).filter(Objects::nonNull).toList();
    }

    /** {@code 2024-05-20T09:00:00Z new by system}. */
    public static List<String> triageHistory(IndicatorDetails d) {
        return d.triageHistory().stream()
                .map(t -> text(t.triagedAt()) + " " + t.triageState() + (t.triagedBy() == null ? "" : " by " + t.triagedBy()))
                .toList();
    }

    /** {@code Frankfurt, Germany (DE)}, from whichever parts are known; empty when none. */
    public static String place(String city, String countryCode, String countryName) {
        String place = Stream.of(city, countryName).filter(Objects::nonNull).collect(Collectors.joining(", "));
        return countryCode == null ? place : place.isEmpty() ? countryCode : place + " (" + countryCode + ")";
    }

    private static String factor(String name, String value) {
        return value == null ? null : name + " " + value;
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof Instant i ? i.toString() : value.toString();
    }
}
