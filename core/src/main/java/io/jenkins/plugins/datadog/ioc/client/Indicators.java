package io.jenkins.plugins.datadog.ioc.client;

import java.time.Duration;

/** Rules for what may be looked up, and how what may not is shown. */
public final class Indicators {
    /** Longer strings are no indicator anyone means to look up (URLs over 2 KiB break most servers). */
    public static final int MAX_LENGTH = 2048;
    /** How much of an indicator that cannot be looked up the report keeps: enough to find it in the file. */
    public static final int MAX_SHOWN = 200;
    /** Stands for each character that the report cannot hold or should not show. */
    static final char REPLACEMENT = '\uFFFD';

    private Indicators() {}

    /**
     * Trims the indicator and checks it can be looked up.
     *
     * @throws IllegalArgumentException with a message fit for users
     */
    public static String normalize(String indicator) {
        String value = indicator == null ? "" : indicator.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("The indicator is blank.");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The indicator is " + value.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("The indicator contains a control character at position " + (i + 1)
                        + " (a line break or tab inside the value?).");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // It cannot be sent as UTF-8: a '?' would be looked up in its place.
                throw new IllegalArgumentException("The indicator contains an invalid character (half of a UTF-16 "
                        + "surrogate pair) at position " + (i + 1) + ".");
            }
        }
        return value;
    }

    /**
     * The error result for an indicator that {@link #normalize} refused. It holds a sanitised, length-capped
     * form of the indicator, not the raw text: a NUL (which no XML can hold) would break saving the build
     * record, control characters would forge console lines, and a 16 MiB line would be stored whole. The
     * message says what was cut or replaced.
     */
    public static LookupResult unusable(String indicator, String problem) {
        String value = indicator == null ? "" : indicator.strip();
        StringBuilder shown = new StringBuilder(Math.min(value.length(), MAX_SHOWN + 1));
        int replaced = 0;
        int end = Math.min(value.length(), MAX_SHOWN);
        if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))
                && Character.isLowSurrogate(value.charAt(end))) {
            end--; // never half a pair
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                shown.append(c).append(value.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                shown.append(REPLACEMENT);
                replaced++;
            } else {
                shown.append(c);
            }
        }
        StringBuilder message = new StringBuilder(problem);
        if (end < value.length()) {
            shown.append('…');
            message.append(" Shown are its first ").append(end).append(" of ").append(value.length()).append(" characters");
        }
        if (replaced > 0) {
            message.append(end < value.length() ? ", with " : " Shown with ").append(replaced)
                    .append(replaced == 1 ? " character" : " characters").append(" that cannot be shown replaced by '\uFFFD'");
        }
        if (end < value.length() || replaced > 0) {
            message.append('.');
        }
        return LookupResult.error(shown.toString(), message.toString(), 0, Duration.ZERO);
    }
}
