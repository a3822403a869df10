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
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("The indicator contains a control character at position " + (i + 1)
                        + " (a line break or tab inside the value?).");
            }
        }
        return value;
    }
}
