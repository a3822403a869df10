package io.jenkins.plugins.datadog.ioc;

/**
 * A setting the user gave is unusable. The message names the setting and says how to fix it; it is
 * shown to users as is and never contains a key.
 */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
