package io.jenkins.plugins.datadog.ioc.cli;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI takes the keys from: a file each, else the environment. Never the command line, where
 * they would show in process lists and shell history.
 */
final class KeySource {
    private KeySource() {}

    static ApiKeys load(Path apiKeyFile, Path appKeyFile, Map<String, String> env) {
        String apiKey = read(apiKeyFile, "--api-key-file", env, "DD_API_KEY");
        String appKey = read(appKeyFile, "--app-key-file", env, "DD_APP_KEY", "DD_APPLICATION_KEY");
        return ApiKeys.of(apiKey, appKey);
    }

    private static String read(Path file, String option, Map<String, String> env, String... variables) {
        if (file != null) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new ConfigurationException(option + ": no such file: " + file);
            } catch (IOException e) {
                throw new ConfigurationException(option + ": cannot read " + file + ": " + e.getMessage());
            }
        }
        for (String variable : variables) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new ConfigurationException("No Datadog " + (variables[0].equals("DD_API_KEY") ? "API" : "application")
                + " key: set " + variables[0] + " or use " + option + '.');
    }
}
