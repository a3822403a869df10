package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.extract.Extraction.Found;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionFile;
import io.jenkins.plugins.datadog.ioc.suppress.Suppressions;
import java.time.LocalDate;
import java.util.List;
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
    @Test
    void defangedLinesAreReadPlainly() {
        String text = "hxxps://evil[.]com/path?q=1\n91.215.85[.]147\nevil[dot]net\nhXXp[://]c2(.)evil{.}org[:]8443/x\n"
                + "fxp://files[.]evil[.]org/drop\nevil[.]co[.]uk:8443\n";

        assertThat(IndicatorLines.parse(text)).containsExactly("https://evil.com/path?q=1", "91.215.85.147", "evil.net",
                "http://c2.evil.org:8443/x", "ftp://files.evil.org/drop", "evil.co.uk:8443");
    }

    @Test
    void otherLinesWithMarkersStayAsWritten() {
        // a user agent, a regular expression: not an address, a name or a URL once refanged
        String text = "Mozilla/5.0 (compatible; crawler[.]bot 1.0)\n^evil(.)com$ \\d+\n";

        assertThat(IndicatorLines.parse(text)).containsExactly("Mozilla/5.0 (compatible; crawler[.]bot 1.0)",
                "^evil(.)com$ \\d+");
    }

    @Test
    void locateKeepsTheDefangedLineAndCountsEveryWriting() {
        String text = "# iocs\n  evil[.]com\nevil.com\nhxxp://evil[.]com\n91.215.85.147\n";

        assertThat(IndicatorLines.locate(text)).containsExactly(
                new Found("evil.com", 2, 3, 2, "evil[.]com"),
                new Found("http://evil.com", 4, 1, 1, "hxxp://evil[.]com"),
                new Found("91.215.85.147", 5, 1, 1, null));
    }

    @Test
    void suppressionsMatchWhatIsLookedUpNotWhatIsWritten() {
        // the gate matches suppressions against the indicator it looks up, the plain one
        Suppressions suppressions = new Suppressions(
                List.of(SuppressionFile.entry("evil.com", "sinkholed", null, "PASS", "test")), LocalDate.now(), Verdict.PASS);

        assertThat(suppressions.match(IndicatorLines.parse("evil[.]com\n").get(0))).isNotNull();
        assertThat(suppressions.match("evil[.]com")).isNull();
    }
}
