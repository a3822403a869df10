package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        f.add("Malicious sources", d.maliciousSources());
        f.add("Suspicious sources", d.suspiciousSources());
        f.add("Benign sources", d.benignSources());
        f.add("Categories", d.categories());
        f.add("Tags", d.tags());
        f.add("First seen", text(d.firstSeen()));
        f.add("Last seen", text(d.lastSeen()));
        f.add("Log matches", text(d.logMatches()));
        f.add("Signal matches", text(d.signalMatches()));
        f.add("Signals by severity", d.signalSeverity().stream().map(s -> s.severity() + ": " + s.count()).toList());
        f.add("Signal tier", text(d.signalTier()));
        f.add("Log sources", d.logSources());
        f.add("Hosts", d.hosts());
        f.add("Services", d.services());
        f.add("Users", d.users().entrySet().stream().map(IndicatorFacts::users).toList());
        f.add("Critical assets", d.criticalAssets());
        f.add("AS number", d.asNumber());
        f.add("AS organization", d.asOrganization());
        f.add("AS type", d.asType());
        f.add("AS CIDR block", d.asCidrBlock());
        if (d.asGeo() != null) {
            String place = Stream.of(d.asGeo().city(), d.asGeo().countryName()).filter(Objects::nonNull).collect(Collectors.joining(", "));
            String code = d.asGeo().countryCode();
            f.add("Location", code == null ? place : place.isEmpty() ? code : place + " (" + code + ")");
        }
        f.add("Scoring factors", Stream.of(factor("sources", d.mSources()), factor("signal", d.mSignal()),
                factor("persistence", d.mPersistence()), factor("AS type", d.mAsType()),
                factor("max trust score", d.maxTrustScore())).filter(Objects::nonNull).toList());
        f.add("Triage state", d.triageState());
        f.add("Triaged at", text(d.triagedAt()));
        f.add("Triaged by", d.triagedBy());
        f.add("Triage history", d.triageHistory().stream()
                .map(t -> text(t.triagedAt()) + " " + t.triageState() + (t.triagedBy() == null ? "" : " by " + t.triagedBy()))
                .toList());
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

    private static String factor(String name, String value) {
        return value == null ? null : name + " " + value;
    }

    private static String users(Map.Entry<String, List<String>> entry) {
        return entry.getKey() + ": " + String.join(", ", entry.getValue());
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof Instant i ? i.toString() : value.toString();
    }
}
