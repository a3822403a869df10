package io.jenkins.plugins.datadog.ioc.client;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Datadog API key and application key. The values leave this class only as request headers:
 * {@link #toString()} masks them and {@link #redact(String)} removes them from any text that is
 * about to be shown.
 */
public final class ApiKeys {
    static final String MASK = "****";

    private final String apiKey;
    private final String applicationKey;

    private ApiKeys(String apiKey, String applicationKey) {
        this.apiKey = apiKey;
        this.applicationKey = applicationKey;
    }

    /**
     * @throws ConfigurationException if a key is blank or could not be sent as an HTTP header; the
     *     message never repeats the key
     */
    public static ApiKeys of(String apiKey, String applicationKey) {
        return new ApiKeys(check(apiKey, "API key"), check(applicationKey, "application key"));
    }

    private static String check(String key, String what) {
        String value = key == null ? "" : key.strip();
        if (value.isEmpty()) {
            throw new ConfigurationException("The Datadog " + what + " is empty.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                // OkHttp would reject the header with a message that quotes the value.
                throw new ConfigurationException("The Datadog " + what + " contains a character that is not allowed "
                        + "(position " + (i + 1) + "); keys are printable ASCII without spaces.");
            }
        }
        return value;
    }

    String apiKey() {
        return apiKey;
    }

    String applicationKey() {
        return applicationKey;
    }

    /**
     * A one-way digest of both keys: tells apart answers given to different keys (organizations) without
     * holding the keys themselves.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((apiKey + '\0' + applicationKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Replaces every occurrence of either key in {@code text}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(apiKey, MASK).replace(applicationKey, MASK);
    }

    @Override
    public String toString() {
        return "ApiKeys[apiKey=" + MASK + ", applicationKey=" + MASK + "]";
    }
}
