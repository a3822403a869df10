package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, which Jenkins, GitLab and Azure DevOps show as test results: one test case per
 * indicator. FAILURE verdicts are failures; UNSTABLE ones are failures too, but in a suite of their own
 * (so that a CI system can treat it as a warning) and marked with a {@code verdict} property; lookups
 * that failed are errors, whatever their verdict.
 */
public final class JUnitReport {
    static final String SUITE = "Datadog IoC lookup";
    static final String UNSTABLE_SUITE = "Datadog IoC lookup (unstable)";

    private JUnitReport() {}

    public static String render(GateReport report) {
        Map<Boolean, List<IndicatorReport>> byUnstable = report.results().stream().collect(Collectors.partitioningBy(
                r -> r.verdict() == Verdict.UNSTABLE && r.lookup().status() != LookupStatus.ERROR));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", SUITE);
            counts(xml, report.results(), report.duration());
            suite(xml, SUITE, byUnstable.get(false));
            suite(xml, UNSTABLE_SUITE, byUnstable.get(true));
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string does not fail", e);
        }
        return out + System.lineSeparator();
    }

    private static void suite(XMLStreamWriter xml, String name, List<IndicatorReport> results) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        counts(xml, results, results.stream().map(r -> r.lookup().duration()).reduce(Duration.ZERO, Duration::plus));
        for (IndicatorReport result : results) {
            testCase(xml, name, result);
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void counts(XMLStreamWriter xml, List<IndicatorReport> results, Duration time) throws XMLStreamException {
        long errors = results.stream().filter(r -> r.lookup().status() == LookupStatus.ERROR).count();
        long failures = results.stream().filter(r -> r.lookup().status() != LookupStatus.ERROR && r.verdict() != Verdict.PASS).count();
        xml.writeAttribute("tests", Integer.toString(results.size()));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(time));
    }

    private static void testCase(XMLStreamWriter xml, String suite, IndicatorReport result) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("name", text(result.indicator()));
        xml.writeAttribute("time", seconds(result.lookup().duration()));
        xml.writeCharacters("\n      ");
        xml.writeStartElement("properties");
        property(xml, "verdict", result.verdict().name());
        property(xml, "status", result.lookup().status().name());
        if (result.lookup().score() != null) {
            property(xml, "score", GatePolicy.formatScore(result.lookup().score()));
        }
        xml.writeEndElement();
        String outcome = result.lookup().status() == LookupStatus.ERROR ? "error"
                : result.verdict() == Verdict.PASS ? null : "failure";
        if (outcome != null) {
            String message = text(result.lookup().status() == LookupStatus.ERROR && result.lookup().errorMessage() != null
                    ? result.lookup().errorMessage() : result.reason());
            xml.writeCharacters("\n      ");
            xml.writeStartElement(outcome);
            xml.writeAttribute("type", result.verdict().name());
            xml.writeAttribute("message", message);
            xml.writeCharacters(text(result.indicator()) + ": " + text(result.reason()));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    /** Text from the API may hold characters that XML 1.0 cannot carry at all, escaped or not. */
    static String text(String value) {
        return value == null ? "" : TextSummary.safe(value).replaceAll("[\\x{FFFE}\\x{FFFF}]|\\p{Cs}", "?");
    }
}
