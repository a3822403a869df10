package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a threat score is what it is, in words: each scoring factor Datadog gave and its effect, as every
 * report and the plugin's detail page show it. Plain, unescaped text: each report escapes it in its own way.
 */
public final class ScoreExplanation {
    /**
     * One factor: its field in Datadog's answer, its effect as Datadog spells it, a short name for lines that
     * list several, and the two in words.
     */
    public record Factor(String field, String effect, String label, String text) {}

    private ScoreExplanation() {}

    /** The factors Datadog gave, in a fixed order; empty when it gave none. */
    public static List<Factor> of(IndicatorDetails d) {
        List<Factor> factors = new ArrayList<>();
        add(factors, "m_sources", "sources", "threat-intelligence sources", d.mSources());
        add(factors, "m_persistence", "persistence", "how long it has been seen", d.mPersistence());
        add(factors, "m_signal", "signals", "security signals in your organization", d.mSignal());
        add(factors, "m_as_type", "network type", "the kind of network it belongs to", d.mAsType());
        add(factors, "max_trust_score", "trust score", "the most trusted source's rating", d.maxTrustScore());
        return List.copyOf(factors);
    }

    /**
     * The factors on one line, by effect: {@code score raised by signals, network type; lowered by sources;
     * unaffected by persistence}; {@code null} when Datadog gave no factor.
     */
    public static String line(IndicatorDetails d) {
        List<Factor> factors = d == null ? List.of() : of(d);
        if (factors.isEmpty()) {
            return null;
        }
        Map<String, List<String>> byEffect = new LinkedHashMap<>();
        for (String effect : List.of("RAISE_SCORE", "LOWER_SCORE", "NO_EFFECT")) {
            byEffect.put(effect, new ArrayList<>());
        }
        for (Factor factor : factors) {
            byEffect.computeIfAbsent(factor.effect().trim(), e -> new ArrayList<>()).add(factor.label());
        }
        List<String> parts = new ArrayList<>();
        byEffect.forEach((effect, labels) -> {
            if (!labels.isEmpty()) {
                parts.add(switch (effect) {
                    case "RAISE_SCORE" -> "raised by ";
                    case "LOWER_SCORE" -> "lowered by ";
                    case "NO_EFFECT" -> "unaffected by ";
                    default -> "effect '" + effect + "' from ";
                } + String.join(", ", labels));
            }
        });
        return "score " + String.join("; ", parts);
    }

    /**
     * {@code triaged as false_positive on 2024-05-20}, or {@code null} without a triage state. Who triaged is
     * left out: organization data, which records keep only when allowed to.
     */
    public static String triage(IndicatorDetails d) {
        if (d == null || d.triageState() == null || d.triageState().isBlank()) {
            return null;
        }
        return "triaged as " + d.triageState() + (d.triagedAt() == null ? "" : " on " + day(d.triagedAt()));
    }

    private static void add(List<Factor> factors, String field, String label, String subject, String effect) {
        if (effect != null && !effect.isBlank()) {
            factors.add(new Factor(field, effect, label, subject + ": " + effect(effect)));
        }
    }

    /** Datadog's documented values in words; an undocumented one as it came, so that nothing is hidden. */
    private static String effect(String value) {
        return switch (value.trim()) {
            case "RAISE_SCORE" -> "raises the score";
            case "LOWER_SCORE" -> "lowers the score";
            case "NO_EFFECT" -> "no effect";
            default -> "effect '" + value + "'";
        };
    }

    private static String day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
