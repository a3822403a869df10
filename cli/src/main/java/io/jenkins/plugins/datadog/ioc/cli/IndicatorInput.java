package io.jenkins.plugins.datadog.ioc.cli;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the text of an indicator file, {@code -} for stdin. */
final class IndicatorInput {
    private IndicatorInput() {}

    static String readText(String file, InputStream stdin) {
        try {
            if (file.equals("-")) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--file: no such file: " + file);
        } catch (IOException e) {
            throw new ConfigurationException("--file: cannot read " + file + ": " + e.getMessage());
        }
    }
}
