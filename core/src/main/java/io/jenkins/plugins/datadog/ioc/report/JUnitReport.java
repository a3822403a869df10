package io.jenkins.plugins.datadog.ioc.report;

import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, which Jenkins, GitLab and Azure DevOps show as test results: one test case per
 * indicator. FAILURE verdicts are failures; UNSTABLE ones are failures too, but in a suite of their own
 * (so that a CI system can treat it as a warning) and marked with a {@code verdict} property; lookups
 * that failed are errors, whatever their verdict. Indicators whose suppression brings them down to PASS
 * are skipped: an accepted risk is neither a pass nor a failure. Expired suppression entries are test
 * cases too, failing when expired entries count against the run.
 */
public final class JUnitReport {
    static final String SUITE = "Datadog IoC lookup";
    static final String UNSTABLE_SUITE = "Datadog IoC lookup (unstable)";

    private enum Outcome { PASSED, FAILURE, ERROR, SKIPPED }

    private JUnitReport() {}

    public static String render(GateReport report) {
        Map<Boolean, List<IndicatorReport>> byUnstable = report.results().stream().collect(Collectors.partitioningBy(
                r -> outcome(r) == Outcome.FAILURE && r.verdict() == Verdict.UNSTABLE));
        Verdict onExpired = report.suppressions().onExpired();
        List<Suppression> expired = report.suppressions().expired();
        List<Suppression> none = List.of();
        boolean expiredUnstable = onExpired == Verdict.UNSTABLE;
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", SUITE);
            counts(xml, report.results(), expired, onExpired, report.duration());
            suite(xml, SUITE, byUnstable.get(false), expiredUnstable ? none : expired, onExpired, report.notices());
            suite(xml, UNSTABLE_SUITE, byUnstable.get(true), expiredUnstable ? expired : none, onExpired, List.of());
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string does not fail", e);
        }
        return out + System.lineSeparator();
    }

    private static Outcome outcome(IndicatorReport result) {
        if (result.lookup().status() == LookupStatus.ERROR) {
            return Outcome.ERROR;
        }
        if (ReportText.accepted(result)) {
            return Outcome.SKIPPED;
        }
        return result.verdict() == Verdict.PASS ? Outcome.PASSED : Outcome.FAILURE;
    }

    /** @param notices what the run says once, as the suite's output */
    private static void suite(XMLStreamWriter xml, String name, List<IndicatorReport> results, List<Suppression> expired,
            Verdict onExpired, List<Notice> notices) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        counts(xml, results, expired, onExpired,
                results.stream().map(r -> r.lookup().duration()).reduce(Duration.ZERO, Duration::plus));
        for (IndicatorReport result : results) {
            testCase(xml, name, result);
        }
        for (Suppression entry : expired) {
            expiredCase(xml, name, entry, onExpired);
        }
        if (!notices.isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(notices.stream().map(n -> text(n.line())).collect(Collectors.joining("\n")));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void counts(XMLStreamWriter xml, List<IndicatorReport> results, List<Suppression> expired,
            Verdict onExpired, Duration time) throws XMLStreamException {
        Outcome expiredOutcome = onExpired == Verdict.PASS ? Outcome.PASSED : Outcome.FAILURE;
        Map<Outcome, Long> outcomes = Stream.concat(results.stream().map(JUnitReport::outcome),
                expired.stream().map(e -> expiredOutcome)).collect(Collectors.groupingBy(o -> o, Collectors.counting()));
        xml.writeAttribute("tests", Integer.toString(results.size() + expired.size()));
        xml.writeAttribute("failures", Long.toString(outcomes.getOrDefault(Outcome.FAILURE, 0L)));
        xml.writeAttribute("errors", Long.toString(outcomes.getOrDefault(Outcome.ERROR, 0L)));
        xml.writeAttribute("skipped", Long.toString(outcomes.getOrDefault(Outcome.SKIPPED, 0L)));
        xml.writeAttribute("time", seconds(time));
    }

    private static void testCase(XMLStreamWriter xml, String suite, IndicatorReport result) throws XMLStreamException {
        startCase(xml, suite, result.indicator(), result.lookup().duration());
        property(xml, "verdict", result.verdict().name());
        property(xml, "status", result.lookup().status().name());
        if (result.lookup().score() != null) {
            property(xml, "score", GatePolicy.formatScore(result.lookup().score()));
        }
        if (result.suppression() != null) {
            property(xml, "suppressed", Boolean.toString(result.suppressed()));
            property(xml, "policy_verdict", result.policyVerdict().name());
            property(xml, "suppression", text(ReportText.note(result)));
        }
        if (result.location() != null) {
            property(xml, "location", text(result.location().toString()));
            property(xml, "occurrences", Integer.toString(result.location().occurrences()));
            if (result.location().written() != null) {
                property(xml, "written", text(result.location().written()));
            }
        }
        xml.writeEndElement();
        Outcome outcome = outcome(result);
        if (outcome == Outcome.SKIPPED) {
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", text("suppressed: " + ReportText.justification(result.appliedSuppression())));
        } else if (outcome != Outcome.PASSED) {
            String message = text(outcome == Outcome.ERROR && result.lookup().errorMessage() != null
                    ? result.lookup().errorMessage() : result.reason());
            xml.writeCharacters("\n      ");
            xml.writeStartElement(outcome == Outcome.ERROR ? "error" : "failure");
            xml.writeAttribute("type", result.verdict().name());
            xml.writeAttribute("message", message);
            String explanation = ReportText.explanation(result);
            xml.writeCharacters(text(result.indicator()) + ": " + text(result.reason()) + text(TextSummary.details(result))
                    + (explanation == null ? "" : "\n" + text(explanation)));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    /** An expired entry: a failure when expired entries count, else a pass that says so in its output. */
    private static void expiredCase(XMLStreamWriter xml, String suite, Suppression entry, Verdict onExpired)
            throws XMLStreamException {
        startCase(xml, suite, "suppression " + entry.pattern() + " (" + entry.source() + ')', Duration.ZERO);
        property(xml, "expires", String.valueOf(entry.expires()));
        property(xml, "on_expired", onExpired.name());
        xml.writeEndElement();
        String effect = ReportText.expiredEffect(onExpired);
        xml.writeCharacters("\n      ");
        if (effect.isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(text("WARNING: " + ReportText.expired(entry) + '.'));
        } else {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", onExpired.name());
            xml.writeAttribute("message", text(ReportText.expired(entry)));
            xml.writeCharacters(text(ReportText.expired(entry) + "; " + effect + '.'));
        }
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    /** Opens a test case and its properties, which the caller fills and closes. */
    private static void startCase(XMLStreamWriter xml, String suite, String name, Duration time) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("name", text(name));
        xml.writeAttribute("time", seconds(time));
        xml.writeCharacters("\n      ");
        xml.writeStartElement("properties");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    /**
     * Text from the API (or a build's name) may hold characters that XML 1.0 cannot carry at all, escaped
     * or not: they become {@code ?}. The XML writer escapes the rest.
     */
    public static String text(String value) {
        return value == null ? "" : TextSummary.safe(value).replaceAll("[\\x{FFFE}\\x{FFFF}]|\\p{Cs}", "?");
    }
}
