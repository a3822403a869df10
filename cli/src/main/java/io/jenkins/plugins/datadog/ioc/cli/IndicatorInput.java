package io.jenkins.plugins.datadog.ioc.cli;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads indicator lists: one per line, blank lines and {@code #} comments ignored, {@code -} for stdin. */
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

    static List<String> lines(String text) {
        List<String> indicators = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String value = line.strip();
                if (!value.isEmpty() && !value.startsWith("#")) {
                    indicators.add(value);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return indicators;
    }
}
