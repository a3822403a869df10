package io.jenkins.plugins.datadog.ioc.policy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The severities of Datadog's security signals, from least to most severe. */
public enum SignalSeverity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** {@code high}, as Datadog and users write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param setting the name of the setting, for the error message
     * @throws ConfigurationException naming the valid values
     */
    public static SignalSeverity parse(String value, String setting) {
        SignalSeverity severity = known(value);
        if (severity == null) {
            throw new ConfigurationException(setting + " must be one of " + Arrays.stream(values())
                    .map(SignalSeverity::label).collect(Collectors.joining(", ")) + ", not '" + value + "'.");
        }
        return severity;
    }

    /** The severity Datadog named, in any case, or {@code null} for one this version does not know. */
    public static SignalSeverity known(String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
