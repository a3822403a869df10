package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportTest {
    @Test
    void oneTestCasePerIndicatorWithUnstableOnesInASuiteOfTheirOwn() throws Exception {
        GateReport report = Reports.report(
                TestData.found("evil.example", 85),
                TestData.found("meh.example", 60),
                TestData.found("calm.example", 12.5),
                TestData.notFound("unknown.example"),
                TestData.error("broken.example", "Datadog rejected the API key (HTTP 401: Unauthorized)."));
        Document xml = parse(JUnitReport.render(report));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("5");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        assertThat(root.getAttribute("errors")).isEqualTo("1");

        List<Element> suites = elements(root, "testsuite");
        assertThat(suites).extracting(s -> s.getAttribute("name")).containsExactly(JUnitReport.SUITE, JUnitReport.UNSTABLE_SUITE);
        Element main = suites.get(0);
        assertThat(elements(main, "testcase")).extracting(c -> c.getAttribute("name"))
                .containsExactly("evil.example", "calm.example", "unknown.example", "broken.example");
        assertThat(main.getAttribute("failures")).isEqualTo("1");
        assertThat(main.getAttribute("errors")).isEqualTo("1");

        Element evil = elements(main, "testcase").get(0);
        Element failure = elements(evil, "failure").get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("FAILURE");
        assertThat(failure.getAttribute("message")).isEqualTo("threat score 85 is at or above the failure threshold 80");
        assertThat(property(evil, "score")).isEqualTo("85");
        assertThat(elements(elements(main, "testcase").get(1), "failure")).isEmpty();
        assertThat(elements(elements(main, "testcase").get(2), "failure")).isEmpty();
        Element error = elements(elements(main, "testcase").get(3), "error").get(0);
        assertThat(error.getAttribute("message")).isEqualTo("Datadog rejected the API key (HTTP 401: Unauthorized).");

        Element meh = elements(suites.get(1), "testcase").get(0);
        assertThat(meh.getAttribute("name")).isEqualTo("meh.example");
        assertThat(elements(meh, "failure").get(0).getAttribute("type")).isEqualTo("UNSTABLE");
        assertThat(property(meh, "verdict")).isEqualTo("UNSTABLE");
    }

    /** Markup and characters that XML 1.0 cannot carry: the document stays well-formed, the text stays text. */
    @Test
    void hostileIndicatorsKeepTheDocumentWellFormed() throws Exception {
        String hostile = "<x a=\"1\">&amp;\u0000\u001b]8;;\uFFFE\uD800</x>";
        Document xml = parse(JUnitReport.render(Reports.report(TestData.found(hostile, 90))));
        Element testCase = elements(elements(xml.getDocumentElement(), "testsuite").get(0), "testcase").get(0);
        assertThat(testCase.getAttribute("name")).isEqualTo("<x a=\"1\">&amp;??]8;;??</x>");
    }

    @Test
    void anEmptySuiteIsStillASuite() throws Exception {
        Document xml = parse(JUnitReport.render(Reports.report(TestData.found("calm.example", 1))));
        Element unstable = elements(xml.getDocumentElement(), "testsuite").get(1);
        assertThat(unstable.getAttribute("tests")).isEqualTo("0");
        assertThat(elements(unstable, "testcase")).isEmpty();
    }

    @Test
    void suppressedIndicatorsAreSkippedWithTheirRealScore() throws Exception {
        Element root = parse(JUnitReport.render(Reports.suppressed(Verdict.PASS))).getDocumentElement();
        List<Element> suites = elements(root, "testsuite");
        Element main = suites.get(0);
        List<Element> cases = elements(main, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name")).containsExactly("203.0.113.7", "evil.example",
                "198.51.100.9", "calm.example", "suppression 198.51.100.9 (suppressions.json entry 2)");

        Element scanner = cases.get(0);
        assertThat(elements(scanner, "skipped")).singleElement()
                .satisfies(s -> assertThat(s.getAttribute("message")).isEqualTo("suppressed: Our own scanner (until 2027-03-31)"));
        assertThat(elements(scanner, "failure")).isEmpty();
        assertThat(property(scanner, "score")).isEqualTo("85");
        assertThat(property(scanner, "verdict")).isEqualTo("PASS");
        assertThat(property(scanner, "suppressed")).isEqualTo("true");
        assertThat(property(scanner, "policy_verdict")).isEqualTo("FAILURE");
        assertThat(property(scanner, "suppression")).isEqualTo("suppressed (would be FAILURE) until 2027-03-31: Our own scanner");
        assertThat(property(scanner, "location")).isEqualTo("config/app.yaml:12:7");
        assertThat(property(scanner, "occurrences")).isEqualTo("3");

        Element old = cases.get(2);
        assertThat(property(old, "suppressed")).isEqualTo("false");
        assertThat(elements(old, "failure").get(0).getTextContent())
                .endsWith("; suppression expired on 2026-03-31 (suppressions.json entry 2)");
        assertThat(property(cases.get(1), "suppressed")).as("no match, no property").isNull();
        assertThat(elements(cases.get(1), "failure").get(0).getTextContent()).endsWith(" (at deploy/hosts.txt:3:1)");

        // Capped at UNSTABLE: still a finding, in the unstable suite, and marked.
        List<Element> unstable = elements(suites.get(1), "testcase");
        assertThat(unstable).extracting(c -> c.getAttribute("name")).containsExactly("meh.example", "192.0.2.1");
        assertThat(property(unstable.get(1), "suppressed")).isEqualTo("true");
        assertThat(elements(unstable.get(1), "failure").get(0).getAttribute("type")).isEqualTo("UNSTABLE");

        assertThat(List.of(root.getAttribute("tests"), root.getAttribute("failures"), root.getAttribute("errors"),
                root.getAttribute("skipped"))).containsExactly("7", "4", "0", "1");
        assertThat(List.of(main.getAttribute("tests"), main.getAttribute("failures"), main.getAttribute("skipped")))
                .containsExactly("5", "2", "1");
        assertThat(suites.get(1).getAttribute("skipped")).isEqualTo("0");
    }

    @Test
    void anExpiredEntryOnlyWarnsWhenExpiredEntriesPass() throws Exception {
        Element main = elements(parse(JUnitReport.render(Reports.suppressed(Verdict.PASS))).getDocumentElement(), "testsuite").get(0);
        Element expired = elements(main, "testcase").get(4);

        assertThat(elements(expired, "failure")).isEmpty();
        assertThat(elements(expired, "system-out")).singleElement().satisfies(out -> assertThat(out.getTextContent())
                .isEqualTo("WARNING: suppression of 198.51.100.9 (suppressions.json entry 2) expired on 2026-03-31: renew or remove it."));
        assertThat(property(expired, "expires")).isEqualTo("2026-03-31");
        assertThat(property(expired, "on_expired")).isEqualTo("PASS");
        assertThat(expired.getAttribute("classname")).isEqualTo(JUnitReport.SUITE);
    }

    @Test
    void anExpiredEntryFailsWhenExpiredEntriesCount() throws Exception {
        Element root = parse(JUnitReport.render(Reports.suppressed(Verdict.FAILURE))).getDocumentElement();
        Element expired = elements(elements(root, "testsuite").get(0), "testcase").get(4);

        Element failure = elements(expired, "failure").get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("FAILURE");
        assertThat(failure.getAttribute("message"))
                .isEqualTo("suppression of 198.51.100.9 (suppressions.json entry 2) expired on 2026-03-31: renew or remove it");
        assertThat(failure.getTextContent()).endsWith("; expired suppressions fail the run.");
        assertThat(root.getAttribute("failures")).isEqualTo("5");
    }

    @Test
    void anExpiredEntryThatMakesTheRunUnstableGoesToTheUnstableSuite() throws Exception {
        List<Element> suites = elements(parse(JUnitReport.render(Reports.suppressed(Verdict.UNSTABLE))).getDocumentElement(), "testsuite");

        assertThat(elements(suites.get(0), "testcase")).hasSize(4);
        Element expired = elements(suites.get(1), "testcase").get(2);
        assertThat(expired.getAttribute("name")).isEqualTo("suppression 198.51.100.9 (suppressions.json entry 2)");
        assertThat(expired.getAttribute("classname")).isEqualTo(JUnitReport.UNSTABLE_SUITE);
        assertThat(elements(expired, "failure").get(0).getAttribute("type")).isEqualTo("UNSTABLE");
        assertThat(suites.get(1).getAttribute("failures")).isEqualTo("3");
    }

    @Test
    void aSuppressedLookupErrorIsStillAnError() throws Exception {
        GateReport report = Reports.report(SuppressionSummary.NONE,
                Reports.matched(TestData.error("203.0.113.7", "HTTP 500"), Reports.SCANNER, false));
        Element root = parse(JUnitReport.render(report)).getDocumentElement();
        Element testCase = elements(elements(root, "testsuite").get(0), "testcase").get(0);

        assertThat(elements(testCase, "error")).hasSize(1);
        assertThat(elements(testCase, "skipped")).isEmpty();
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("0");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                children.add(e);
            }
        }
        return children;
    }

    private static String property(Element testCase, String name) {
        for (Element property : elements(elements(testCase, "properties").get(0), "property")) {
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }
}
