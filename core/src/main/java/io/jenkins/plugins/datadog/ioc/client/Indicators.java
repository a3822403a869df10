package io.jenkins.plugins.datadog.ioc.client;

/** Rules for what may be looked up. */
public final class Indicators {
    /** Longer strings are no indicator anyone means to look up (URLs over 2 KiB break most servers). */
    public static final int MAX_LENGTH = 2048;

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
}
