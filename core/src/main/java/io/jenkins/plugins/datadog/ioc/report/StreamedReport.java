package io.jenkins.plugins.datadog.ioc.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/** A report written straight to a {@link Writer}, which callers that want one string can have too. */
@FunctionalInterface
interface StreamedReport {
    void write(GateReport report, Writer out) throws IOException;

    default String render(GateReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }
}
