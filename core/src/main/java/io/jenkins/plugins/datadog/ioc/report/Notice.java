package io.jenkins.plugins.datadog.ioc.report;

import java.util.Locale;
import java.util.Objects;

/**
 * Something a run says once, about the run rather than about one indicator: why it stopped early, that
 * no threshold can fail it, that there was nothing to check. Plain, unescaped text: each report escapes
 * it in its own way.
 */
public record Notice(Kind kind, String text) {
    public enum Kind {
        /** Datadog was found unusable and the rest of the indicators were not looked up; the run fails closed. */
        STOPPED("Stopped"),
        /** Neither a threshold nor a rule can flag an indicator: every score passes. */
        NO_THRESHOLD("Warning"),
        /** No indicator was left to look up (all extracted ones were private or local): the run passes. */
        NOTHING_TO_CHECK("Note");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** {@code Stopped}, {@code Warning}, {@code Note}: how a line of it starts. */
        public String label() {
            return label;
        }

        /** The name in the JSON report: {@code stopped}, {@code no_threshold}, {@code nothing_to_check}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Datadog was unusable: the first lookup's error, with how many indicators were not looked up. */
    public static Notice stopped(String cause, int notLookedUp, int indicators) {
        String said = cause + (cause.endsWith(".") ? "" : ".");
        if (notLookedUp == 0) {
            // The last lookup found it out: nothing was left undone, but the cause still fails the run.
            return new Notice(Kind.STOPPED, "Datadog was found unusable: " + said);
        }
        return new Notice(Kind.STOPPED, "The run stopped early: " + said + ' ' + notLookedUp + " of " + indicators
                + (indicators == 1 ? " indicator was" : " indicators were") + " not looked up.");
    }

    /** The same words for the CLI, the console and every report. */
    public static Notice noThreshold() {
        return new Notice(Kind.NO_THRESHOLD, "No threshold is set and no rule can fail the run: every threat score passes, "
                + "however high. Set a failure or unstable threshold.");
    }

    /** @param skipped the private or local indicators left out */
    public static Notice nothingToCheck(int skipped) {
        return new Notice(Kind.NOTHING_TO_CHECK, "Nothing to check: " + (skipped == 0 ? "no indicator was found"
                : "all " + skipped + " indicators found were private, reserved or local") + ", so none was looked up.");
    }

    /** {@code Stopped: The run stopped early: ...}. */
    public String line() {
        return kind.label() + ": " + text;
    }
}
