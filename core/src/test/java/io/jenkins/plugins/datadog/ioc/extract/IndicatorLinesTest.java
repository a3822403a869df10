package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.extract.Extraction.Found;
import org.junit.jupiter.api.Test;

class IndicatorLinesTest {
    @Test
    void oneIndicatorPerLineStripped() {
        assertThat(IndicatorLines.parse("evil.com\n  203.0.113.66\t\n\tMozilla/5.0 (X11; Linux)  \n"))
                .containsExactly("evil.com", "203.0.113.66", "Mozilla/5.0 (X11; Linux)");
    }

    @Test
    void blankLinesAndCommentsAreIgnored() {
        String text = "# header\n\n   \n\t\nevil.com\n   # indented comment\n#evil.org\nbad.net\n";

        assertThat(IndicatorLines.parse(text)).containsExactly("evil.com", "bad.net");
    }

    @Test
    void windowsAndOldMacLineEnds() {
        assertThat(IndicatorLines.parse("a.com\r\nb.com\rc.com\r\n")).containsExactly("a.com", "b.com", "c.com");
    }

    @Test
    void noTrailingNewlineNeeded() {
        assertThat(IndicatorLines.parse("a.com\nb.com")).containsExactly("a.com", "b.com");
    }

    @Test
    void emptyText() {
        assertThat(IndicatorLines.parse("")).isEmpty();
        assertThat(IndicatorLines.parse("\n\n# only comments\n")).isEmpty();
    }

    @Test
    void duplicatesAndOrderAreKeptForTheGateToHandle() {
        assertThat(IndicatorLines.parse("b.com\na.com\nb.com\n")).containsExactly("b.com", "a.com", "b.com");
    }

    @Test
    void aHashInsideALineIsPartOfTheIndicator() {
        assertThat(IndicatorLines.parse("https://evil.com/#fragment\n")).containsExactly("https://evil.com/#fragment");
    }

    @Test
    void unicodeSpacesAreStrippedToo() {
        assertThat(IndicatorLines.parse("\u2003evil.com\u2003\n")).containsExactly("evil.com");
    }

    @Test
    void locateGivesLineAndFirstNonBlankColumnOnceEach() {
        String text = "# list\r\n\n  evil.com\t\r\t203.0.113.66\nevil.com\n\u2003evil.com\nEvil.com\n";

        assertThat(IndicatorLines.locate(text)).containsExactly(
                new Found("evil.com", 3, 3, 3),
                new Found("203.0.113.66", 4, 2, 1),
                new Found("Evil.com", 7, 1, 1));
    }

    @Test
    void locateSkipsWhatParseSkips() {
        assertThat(IndicatorLines.locate("")).isEmpty();
        assertThat(IndicatorLines.locate("\n  # comment\n\t\n")).isEmpty();
        assertThat(IndicatorLines.locate("a.com\nb.com")).extracting(Found::indicator)
                .containsExactlyElementsOf(IndicatorLines.parse("a.com\nb.com"));
    }
}
