package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
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
