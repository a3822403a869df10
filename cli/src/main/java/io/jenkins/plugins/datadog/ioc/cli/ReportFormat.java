package io.jenkins.plugins.datadog.ioc.cli;

import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.JUnitReport;
import io.jenkins.plugins.datadog.ioc.report.JsonReport;
import io.jenkins.plugins.datadog.ioc.report.MarkdownSummary;
import io.jenkins.plugins.datadog.ioc.report.SarifReport;
import io.jenkins.plugins.datadog.ioc.report.TextSummary;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/** The forms the report can be printed in. */
enum ReportFormat {
    TEXT(TextSummary::render),
    JSON(JsonReport::render),
    MARKDOWN(MarkdownSummary::render),
    JUNIT(JUnitReport::render),
    SARIF(SarifReport::render);

    private final Function<GateReport, String> renderer;

    ReportFormat(Function<GateReport, String> renderer) {
        this.renderer = renderer;
    }

    String render(GateReport report) {
        return renderer.apply(report);
    }

    /** Writes the report to {@code out}; JSON and SARIF are streamed rather than built as one string first. */
    void write(GateReport report, Writer out) throws IOException {
        if (this == JSON) {
            JsonReport.write(report, out);
        } else if (this == SARIF) {
            SarifReport.write(report, out);
        } else {
            out.write(render(report));
        }
        out.flush();
    }

    /**
     * The format a report file's name asks for ({@code .json}, {@code .md}, {@code .xml}, {@code .sarif}), else
     * {@code fallback}.
     */
    static ReportFormat forFile(Path file, ReportFormat fallback) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return MARKDOWN;
        }
        if (name.endsWith(".xml")) {
            return JUNIT;
        }
        if (name.endsWith(".sarif")) {
            return SARIF;
        }
        return fallback;
    }
}
