package io.jenkins.plugins.datadog.ioc.trend;

import static io.jenkins.plugins.datadog.ioc.trend.Builds.gap;
import static io.jenkins.plugins.datadog.ioc.trend.Builds.lookup;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class TrendChartTest {
    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String BASE = "/jenkins/";

    @Test
    void anAccessibleImageWithATitleADescriptionAndAxes() throws Exception {
        Element svg = draw(TrendSeries.of(Builds.many(40), 30));
        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(svg.getAttribute("aria-labelledby")).isEqualTo("ioc-trend-title ioc-trend-desc");
        Element title = elements(svg, "title").get(0);
        assertThat(title.getAttribute("id")).isEqualTo("ioc-trend-title");
        assertThat(title.getTextContent()).isEqualTo("Datadog IoC lookup trend");
        Element desc = elements(svg, "desc").get(0);
        assertThat(desc.getAttribute("id")).isEqualTo("ioc-trend-desc");
        assertThat(desc.getTextContent()).startsWith("Builds #11 to #40 (30 builds, 6 without a lookup)")
                .endsWith("Latest: #39: UNSTABLE. 28 indicators: 0 failure, 1 unstable, 24 pass, 2 not found, 1 error. Worst threat score: 79.");
        assertThat(texts(svg)).contains("Indicators", "Worst score", "Build", "Errors", "Not found", "Failure", "Unstable", "Pass",
                "0", "25", "50", "75", "100");
    }

    @Test
    void oneBuildIsOneLinkedColumnOfStackedVerdicts() throws Exception {
        TrendBuild build = new TrendBuild(7, "#7", "job/app/7/datadog-ioc/", Verdict.FAILURE, 2, 1, 3, 1, 1, 85.0);
        Element svg = draw(TrendSeries.of(List.of(build), 30));
        List<Element> links = links(svg);
        assertThat(links).hasSize(1);
        Element link = links.get(0);
        assertThat(link.getAttribute("href")).isEqualTo("/jenkins/job/app/7/datadog-ioc/");
        assertThat(elements(link, "title").get(0).getTextContent())
                .isEqualTo("#7: FAILURE. 8 indicators: 2 failure, 1 unstable, 3 pass, 1 not found, 1 error. Worst threat score: 85.");
        // 8 indicators on an axis up to 8, 22 px an indicator, each in one part: failure at the bottom, then
        // unstable, pass, not found and error
        assertThat(TrendChart.niceTop(8)).isEqualTo(8);
        Element failure = byClass(link, "ioc-trend-failure");
        Element unstable = byClass(link, "ioc-trend-unstable");
        Element pass = byClass(link, "ioc-trend-pass");
        assertThat(number(failure, "height")).isEqualTo(44.0);
        assertThat(number(failure, "y") + number(failure, "height")).isEqualTo(212.0);
        assertThat(number(unstable, "height")).isEqualTo(22.0);
        assertThat(number(unstable, "y") + number(unstable, "height")).isEqualTo(number(failure, "y"));
        assertThat(number(pass, "height")).isEqualTo(66.0);
        Element notFound = byClass(link, "ioc-trend-not-found");
        Element error = byClass(link, "ioc-trend-error");
        assertThat(number(notFound, "height")).as("an indicator Datadog did not know is no pass").isEqualTo(22.0);
        assertThat(number(notFound, "y") + number(notFound, "height")).isEqualTo(number(pass, "y"));
        assertThat(number(error, "height")).isEqualTo(22.0);
        assertThat(number(error, "y")).isEqualTo(36.0);
        // the score point: 85 on the right axis, outside the link but letting the pointer through to it
        List<Element> points = elements(svg, "circle").stream().filter(c -> c.hasAttribute("pointer-events")).toList();
        assertThat(points).hasSize(1);
        assertThat(points.get(0).getAttribute("cy")).isEqualTo(TrendChart.number(212 - 85 * 1.76));
        assertThat(points.get(0).getAttribute("pointer-events")).isEqualTo("none");
    }

    /** A score off Datadog's scale is drawn at its end and told as it is. */
    @Test
    void aScoreOffTheScaleStaysOnTheAxis() throws Exception {
        Element svg = draw(TrendSeries.of(List.of(lookup(2, Verdict.FAILURE, 1, 0, 0, 130.0), lookup(1, Verdict.PASS, 0, 0, 1, -5.0)), 30));
        List<Element> points = elements(svg, "circle").stream().filter(c -> c.hasAttribute("pointer-events")).toList();
        assertThat(points).extracting(p -> p.getAttribute("cy")).containsExactly("212", "36");
        assertThat(elements(links(svg).get(1), "title").get(0).getTextContent()).endsWith("Worst threat score: 130.");
    }

    @Test
    void aGapIsATickLinkedToTheBuildAndBreaksTheScoreLine() throws Exception {
        List<TrendBuild> builds = List.of(lookup(4, Verdict.PASS, 0, 0, 2, 20.0), gap(3),
                lookup(2, Verdict.PASS, 0, 0, 2, 30.0), lookup(1, Verdict.PASS, 0, 0, 2, 10.0));
        Element svg = draw(TrendSeries.of(builds, 30));
        List<Element> links = links(svg);
        assertThat(links).extracting(a -> a.getAttribute("href")).containsExactly("/jenkins/job/app/1/datadog-ioc/",
                "/jenkins/job/app/2/datadog-ioc/", "/jenkins/job/app/3/", "/jenkins/job/app/4/datadog-ioc/");
        Element gap = links.get(2);
        assertThat(elements(gap, "title").get(0).getTextContent()).isEqualTo("#3: no Datadog IoC lookup.");
        assertThat(byClass(gap, "ioc-trend-pass")).isNull();
        assertThat(byClass(gap, "ioc-trend-gap")).isNotNull();
        String line = elements(svg, "path").get(0).getAttribute("d");
        assertThat(line).matches("M\\S+ \\S+ L\\S+ \\S+ M\\S+ \\S+");
    }

    @Test
    void manyBuildsStayReadable() throws Exception {
        TrendSeries series = TrendSeries.of(Builds.many(250), 200);
        Element svg = draw(series);
        List<Element> links = links(svg);
        assertThat(links).hasSize(200);
        assertThat(links.get(0).getAttribute("href")).isEqualTo("/jenkins/job/app/51/datadog-ioc/");
        assertThat(links.get(199).getAttribute("href")).isEqualTo("/jenkins/job/app/250/");
        // at most ten build labels, the newest among them
        List<String> labels = texts(svg).stream().filter(t -> t.startsWith("#")).toList();
        assertThat(labels).hasSizeLessThanOrEqualTo(10).contains("#250");
        // every bar inside the plot
        for (String paint : List.of("ioc-trend-failure", "ioc-trend-unstable", "ioc-trend-pass")) {
            for (Element bar : byClassAll(svg, paint)) {
                if (bar.getParentNode().getLocalName().equals("a")) {
                    assertThat(number(bar, "y")).isBetween(36.0, 212.0);
                    assertThat(number(bar, "x")).isBetween(52.0, 588.0);
                }
            }
        }
    }

    @Test
    void withoutLookupsTheChartSaysSo() throws Exception {
        Element svg = draw(TrendSeries.of(List.of(gap(2), gap(1)), 30));
        assertThat(links(svg)).isEmpty();
        assertThat(texts(svg)).contains("No Datadog IoC lookup in the last 2 builds.");
        assertThat(draw(TrendSeries.of(List.of(), 30)).getTextContent()).contains("No Datadog IoC lookup in the last 0 builds.");
    }

    /** A Pipeline can name a build anything, and a job's URL holds its name: all of it stays text. */
    @Test
    void hostileNamesAndLinksStayText() throws Exception {
        String name = "</title><script>alert(1)</script>\"'&<svg onload=alert(2)> \u0001\u009b\ufffe\ud800";
        String url = "job/x\"><script>alert(3)</script>/5/datadog-ioc/";
        TrendBuild build = new TrendBuild(5, name, url, Verdict.FAILURE, 1, 0, 0, 0, 0, 99.0);
        String svg = TrendChart.svg(TrendSeries.of(List.of(build), 30), "/j&k/");
        Element root = parse(svg);
        assertThat(elements(root, "script")).isEmpty();
        assertThat(elements(root, "svg")).as("no svg inside the chart").isEmpty();
        assertThat(links(root).get(0).getAttribute("href")).isEqualTo("/j&k/job/x\"><script>alert(3)</script>/5/datadog-ioc/");
        String expectedName = "</title><script>alert(1)</script>\"'&<svg onload=alert(2)> ????";
        assertThat(elements(links(root).get(0), "title").get(0).getTextContent()).startsWith(expectedName + ": FAILURE.");
        assertThat(elements(root, "desc").get(0).getTextContent()).contains("Builds " + expectedName + " to " + expectedName);
        assertThat(svg).doesNotContain("<script").doesNotContain("<svg onload").contains("&lt;script&gt;");
    }

    /** Every class the chart uses is in its stylesheet, in Jenkins' theme colours. */
    @Test
    void theStylesheetColoursEveryClassFromTheTheme() throws Exception {
        String css;
        try (InputStream in = TrendChart.class.getResourceAsStream("trend-chart.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String svg = TrendChart.svg(TrendSeries.of(Builds.many(20), 30), BASE);
        Set<String> classes = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("class=\"([^\"]+)\"").matcher(svg);
        while (matcher.find()) {
            classes.add(matcher.group(1));
        }
        assertThat(classes).contains("ioc-trend", "ioc-trend-failure", "ioc-trend-unstable", "ioc-trend-pass",
                "ioc-trend-not-found", "ioc-trend-error", "ioc-trend-score", "ioc-trend-point", "ioc-trend-gap", "ioc-trend-hit");
        for (String css0 : classes) {
            assertThat(css).containsPattern("\\." + css0 + "[\\s,{]");
        }
        assertThat(css).contains("var(--red,", "var(--yellow,", "var(--green,", "var(--text-color,", "var(--background,");
    }

    @Test
    void theLeftAxisEndsOnARoundNumber() {
        assertThat(TrendChart.niceTop(0)).isEqualTo(4);
        assertThat(TrendChart.niceTop(4)).isEqualTo(4);
        assertThat(TrendChart.niceTop(5)).isEqualTo(8);
        assertThat(TrendChart.niceTop(50)).isEqualTo(60);
        assertThat(TrendChart.niceTop(1000)).isEqualTo(1000);
        assertThat(TrendChart.niceTop(1001)).isEqualTo(1200);
        assertThat(TrendChart.niceTop(100_000)).isEqualTo(100_000);
        assertThat(TrendChart.number(12.25)).isEqualTo("12.3");
        assertThat(TrendChart.number(12.0)).isEqualTo("12");
    }

    private static Element draw(TrendSeries series) throws Exception {
        return parse(TrendChart.svg(series, BASE));
    }

    /** Parsed with the JDK's XML parser: the chart is a well-formed XML document. */
    static Element parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(SVG);
        return document.getDocumentElement();
    }

    private static List<Element> links(Element root) {
        return elements(root, "a");
    }

    static List<Element> elements(Element root, String name) {
        NodeList nodes = root.getElementsByTagNameNS(SVG, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<String> texts(Element root) {
        return elements(root, "text").stream().map(Node::getTextContent).toList();
    }

    private static List<Element> byClassAll(Element root, String css) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName("*");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(css)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element byClass(Element root, String css) {
        List<Element> found = byClassAll(root, css);
        return found.isEmpty() ? null : found.get(0);
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }
}
