package io.jenkins.plugins.datadog.ioc.cli;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A report file asked for with {@code -o}: {@code FORMAT:FILE} ({@code sarif:out/ioc.sarif}) or just
 * {@code FILE}, whose name picks the format.
 */
record ReportTarget(ReportFormat format, Path file) {
    static ReportTarget parse(String value, ReportFormat fallback) {
        int colon = value.indexOf(':');
        if (colon > 1) { // one letter before the colon is a Windows drive
            ReportFormat named = named(value.substring(0, colon));
            if (named != null) {
                return new ReportTarget(named, path(value.substring(colon + 1), value));
            }
        }
        Path file = path(value, value);
        return new ReportTarget(ReportFormat.forFile(file, fallback), file);
    }

    private static ReportFormat named(String prefix) {
        for (ReportFormat format : ReportFormat.values()) {
            if (format.name().equalsIgnoreCase(prefix)) {
                return format;
            }
        }
        return null;
    }

    private static Path path(String file, String value) {
        if (file.isBlank()) {
            throw new ConfigurationException("--output: '" + value + "' names no file; write FORMAT:FILE or FILE.");
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("--output: '" + value + "' is not a valid file name (" + e.getReason() + ").");
        }
    }
}
