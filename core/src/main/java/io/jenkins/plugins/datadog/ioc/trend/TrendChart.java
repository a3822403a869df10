package io.jenkins.plugins.datadog.ioc.trend;

import io.jenkins.plugins.datadog.ioc.report.JUnitReport;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Draws a {@link TrendSeries} as an SVG document a page embeds as it is: no JavaScript, every text and
 * attribute written through an XML writer (a build's name is any text a Pipeline set).
 *
 * <ul>
 *   <li>A stacked bar per build on the left axis, each indicator in one part, as the build page counts
 *       them: those Datadog knows by verdict, FAILURE at the bottom, then UNSTABLE, then PASS; then those
 *       it did not know, then those that could not be looked up, in greys. An unknown indicator is never
 *       drawn as a pass.</li>
 *   <li>The worst threat score as a line with points on the right axis, 0 to 100; the line breaks at
 *       a build without a score.</li>
 *   <li>A build without a lookup is a gap: a short tick on the axis.</li>
 * </ul>
 *
 * Each build's column is one link to its lookup page with a {@code <title>} tooltip that says it all:
 * the whole height of the column, however thin its bar, and the score point on top of it (drawn to let
 * the pointer through), so that a keyboard user tabs once per build. Colours
 * are presentation attributes for the SVG on its own, and classes that {@code trend-chart.css} in this
 * package maps to Jenkins' theme variables (light and dark): a stylesheet, not inline styles, so that the
 * chart needs nothing of the Content Security Policy.
 */
public final class TrendChart {
    static final String TITLE = "Datadog IoC lookup trend";
    static final String TITLE_ID = "ioc-trend-title";
    static final String DESC_ID = "ioc-trend-desc";
    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final double LEFT = 52;
    private static final double RIGHT = WIDTH - 52;
    private static final double TOP = 36;
    private static final double BOTTOM = 212;
    /** Where a build's link area ends: a little below the axis, so that an empty bar can still be clicked. */
    private static final double HIT_BOTTOM = 230;
    private static final double LABELS = 246;
    private static final int MAX_LABELS = 10;

    /** A series drawn in a colour: its class in trend-chart.css and its colour without the stylesheet. */
    enum Paint {
        FAILURE("ioc-trend-failure", "#e6001f"),
        UNSTABLE("ioc-trend-unstable", "#ffb31a"),
        PASS("ioc-trend-pass", "#1ea64b"),
        NOT_FOUND("ioc-trend-not-found", "#d0d5d9"),
        ERROR("ioc-trend-error", "#9ba7af");

        final String css;
        final String fallback;

        Paint(String css, String fallback) {
            this.css = css;
            this.fallback = fallback;
        }
    }

    private final XMLStreamWriter xml;
    private final TrendSeries series;
    private final String base;
    private final double slot;
    private final long top;

    private TrendChart(XMLStreamWriter xml, TrendSeries series, String base) {
        this.xml = xml;
        this.series = series;
        this.base = base;
        this.slot = (RIGHT - LEFT) / Math.max(1, series.builds().size());
        this.top = niceTop(series.mostIndicators());
    }

    /**
     * @param base what each build's URL is relative to, as the page links it: Jenkins' context path and a
     *     slash ({@code /jenkins/})
     */
    public static String svg(TrendSeries series, String base) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            new TrendChart(xml, series, base).draw();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string does not fail", e);
        }
        return out.toString();
    }

    /** The text alternative's first sentence: what the chart shows, and the latest lookup. */
    static String description(TrendSeries series) {
        List<TrendBuild> builds = series.builds();
        if (!series.hasLookups()) {
            return "No Datadog IoC lookup in the last " + builds.size() + (builds.size() == 1 ? " build." : " builds.");
        }
        String range = builds.get(0).name() + " to " + builds.get(builds.size() - 1).name();
        return "Builds " + range + " (" + builds.size() + (builds.size() == 1 ? " build" : " builds") + ", "
                + series.gaps() + " without a lookup): indicators as stacked bars (failure, unstable, pass, not found, "
                + "error), and the worst threat score (0 to 100) as a line. "
                + "Latest: " + new TrendRow(series.latest().orElseThrow(), "").getSentence();
    }

    private void draw() throws XMLStreamException {
        xml.writeStartElement("svg");
        xml.writeDefaultNamespace(SVG_NS);
        attribute("class", "ioc-trend");
        attribute("role", "img");
        attribute("aria-labelledby", TITLE_ID + ' ' + DESC_ID);
        attribute("width", WIDTH);
        attribute("height", HEIGHT);
        attribute("viewBox", "0 0 " + WIDTH + ' ' + HEIGHT);
        attribute("font-size", "11");
        xml.writeStartElement("title");
        attribute("id", TITLE_ID);
        text(TITLE);
        xml.writeEndElement();
        xml.writeStartElement("desc");
        attribute("id", DESC_ID);
        text(description(series));
        xml.writeEndElement();
        if (series.hasLookups()) {
            legend();
            axes();
            columns();
            scoreLine();
            scorePoints();
        } else {
            label((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, "middle", description(series));
        }
        xml.writeEndElement();
        xml.writeEndDocument();
    }

    private void legend() throws XMLStreamException {
        double x = LEFT;
        for (Paint paint : Paint.values()) {
            rect(paint, x, 8, 10, 10);
            label(x + 14, 17, "start", legendName(paint));
            x += 84;
        }
        line("ioc-trend-score", "1", x, 13, x + 16, 13);
        circle(x + 8, 13, 3);
        label(x + 22, 17, "start", "Worst score");
    }

    private static String legendName(Paint paint) {
        return switch (paint) {
            case FAILURE -> "Failure";
            case UNSTABLE -> "Unstable";
            case PASS -> "Pass";
            case NOT_FOUND -> "Not found";
            case ERROR -> "Errors";
        };
    }

    private void axes() throws XMLStreamException {
        long step = top / 4 == 0 ? 1 : top / 4;
        for (long tick = 0; tick <= top; tick += step) {
            double y = yCount(tick);
            line("ioc-trend-grid", "0.2", LEFT, y, RIGHT, y);
            label(LEFT - 6, y + 4, "end", Long.toString(tick));
        }
        for (int score = 0; score <= 100; score += 25) {
            label(RIGHT + 6, yScore(score) + 4, "start", Integer.toString(score));
        }
        line("ioc-trend-axis", "0.8", LEFT, BOTTOM, RIGHT, BOTTOM);
        rotated(14, (TOP + BOTTOM) / 2, "Indicators");
        rotated(WIDTH - 8, (TOP + BOTTOM) / 2, "Worst score");
        label((LEFT + RIGHT) / 2, HEIGHT - 6, "middle", "Build");
        List<TrendBuild> builds = series.builds();
        int every = (builds.size() + MAX_LABELS - 1) / MAX_LABELS;
        for (int i = builds.size() - 1; i >= 0; i -= every) {
            label(center(i), LABELS, "middle", "#" + builds.get(i).number());
        }
    }

    private void columns() throws XMLStreamException {
        List<TrendBuild> builds = series.builds();
        double width = Math.max(1, Math.min(40, slot * 0.7));
        for (int i = 0; i < builds.size(); i++) {
            TrendBuild build = builds.get(i);
            double x = center(i) - width / 2;
            link(build);
            // the whole column is the link, however thin its bar; the stylesheet highlights it on hover and focus
            xml.writeEmptyElement("rect");
            attribute("class", "ioc-trend-hit");
            attribute("x", LEFT + i * slot);
            attribute("y", TOP);
            attribute("width", slot);
            attribute("height", HIT_BOTTOM - TOP);
            attribute("fill", "currentColor");
            attribute("fill-opacity", "0");
            if (build.lookedUp()) {
                double y = BOTTOM;
                y = segment(Paint.FAILURE, x, y, width, build.failure());
                y = segment(Paint.UNSTABLE, x, y, width, build.unstable());
                y = segment(Paint.PASS, x, y, width, build.pass());
                y = segment(Paint.NOT_FOUND, x, y, width, build.notFound());
                segment(Paint.ERROR, x, y, width, build.error());
            } else {
                line("ioc-trend-gap", "0.8", center(i), BOTTOM - 4, center(i), BOTTOM + 4);
            }
            xml.writeEndElement();
        }
    }

    /** Draws {@code count} on top of {@code y}; returns the new top. */
    private double segment(Paint paint, double x, double y, double width, long count) throws XMLStreamException {
        if (count == 0) {
            return y;
        }
        double height = count * (BOTTOM - TOP) / top;
        rect(paint, x, y - height, width, height);
        return y - height;
    }

    private void scoreLine() throws XMLStreamException {
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        List<TrendBuild> builds = series.builds();
        for (int i = 0; i < builds.size(); i++) {
            Double score = builds.get(i).worstScore();
            if (score == null) {
                drawing = false;
                continue;
            }
            path.append(drawing ? " L" : (path.length() == 0 ? "M" : " M")).append(number(center(i))).append(' ')
                    .append(number(yScore(score)));
            drawing = true;
        }
        if (path.length() > 0) {
            xml.writeEmptyElement("path");
            attribute("class", "ioc-trend-score");
            attribute("d", path.toString());
            attribute("fill", "none");
            attribute("stroke", "currentColor");
            attribute("stroke-width", "1.5");
            attribute("pointer-events", "none");
        }
    }

    private void scorePoints() throws XMLStreamException {
        List<TrendBuild> builds = series.builds();
        for (int i = 0; i < builds.size(); i++) {
            TrendBuild build = builds.get(i);
            if (build.worstScore() != null) {
                circle(center(i), yScore(build.worstScore()), builds.size() > 60 ? 2 : 3);
                attribute("pointer-events", "none");
            }
        }
    }

    /** Opens an {@code <a>} to the build's page with its sentence as the tooltip; the caller closes it. */
    private void link(TrendBuild build) throws XMLStreamException {
        xml.writeStartElement("a");
        attribute("href", base + build.url());
        xml.writeStartElement("title");
        text(new TrendRow(build, base).getSentence());
        xml.writeEndElement();
    }

    private void rect(Paint paint, double x, double y, double width, double height) throws XMLStreamException {
        xml.writeEmptyElement("rect");
        attribute("class", paint.css);
        attribute("x", x);
        attribute("y", y);
        attribute("width", width);
        attribute("height", height);
        attribute("fill", paint.fallback);
    }

    private void circle(double x, double y, double r) throws XMLStreamException {
        xml.writeEmptyElement("circle");
        attribute("class", "ioc-trend-point");
        attribute("cx", x);
        attribute("cy", y);
        attribute("r", r);
        attribute("fill", "#fff");
        attribute("stroke", "currentColor");
        attribute("stroke-width", "1.5");
    }

    /** A line in the text colour, faint ({@code opacity} below 1) for the grid. */
    private void line(String css, String opacity, double x1, double y1, double x2, double y2) throws XMLStreamException {
        xml.writeEmptyElement("line");
        attribute("class", css);
        attribute("x1", x1);
        attribute("y1", y1);
        attribute("x2", x2);
        attribute("y2", y2);
        attribute("stroke", "currentColor");
        attribute("stroke-opacity", opacity);
    }

    private void label(double x, double y, String anchor, String value) throws XMLStreamException {
        xml.writeStartElement("text");
        attribute("x", x);
        attribute("y", y);
        attribute("text-anchor", anchor);
        attribute("fill", "currentColor");
        text(value);
        xml.writeEndElement();
    }

    private void rotated(double x, double y, String value) throws XMLStreamException {
        xml.writeStartElement("text");
        attribute("transform", "translate(" + number(x) + ' ' + number(y) + ") rotate(-90)");
        attribute("text-anchor", "middle");
        attribute("fill", "currentColor");
        text(value);
        xml.writeEndElement();
    }

    private void attribute(String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, JUnitReport.text(value));
    }

    private void attribute(String name, double value) throws XMLStreamException {
        xml.writeAttribute(name, number(value));
    }

    private void text(String value) throws XMLStreamException {
        xml.writeCharacters(JUnitReport.text(value));
    }

    private double center(int index) {
        return LEFT + (index + 0.5) * slot;
    }

    private double yCount(long count) {
        return BOTTOM - count * (BOTTOM - TOP) / top;
    }

    /** On the 0 to 100 axis, whatever Datadog answered. */
    private static double yScore(double score) {
        return BOTTOM - Math.max(0, Math.min(100, score)) * (BOTTOM - TOP) / 100;
    }

    /** Coordinates to a tenth of a pixel, whatever the locale. */
    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** The left axis' top: a round number at or above the most indicators, in four equal whole steps. */
    static long niceTop(long most) {
        if (most <= 4) {
            return 4;
        }
        double raw = most / 4.0;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        long step = (long) magnitude;
        for (double factor : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            step = (long) Math.ceil(factor * magnitude);
            if (step >= raw) {
                break;
            }
        }
        return step * 4;
    }
}
