package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.util.Locale;

/** What a lookup means for the build, from best to worst. */
public enum Verdict {
    PASS,
    UNSTABLE,
    FAILURE;

    public Verdict worst(Verdict other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    /**
     * Reads a verdict as users write it ({@code pass}, {@code Unstable}, {@code FAILURE}).
     *
     * @param setting the name of the setting, for the error message
     * @throws ConfigurationException naming the valid values
     */
    public static Verdict parse(String value, String setting) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (name.equals("FAIL")) {
            return FAILURE;
        }
        for (Verdict verdict : values()) {
            if (verdict.name().equals(name)) {
                return verdict;
            }
        }
        throw new ConfigurationException(setting + " must be one of pass, unstable, failure, not '" + value + "'.");
    }
}
