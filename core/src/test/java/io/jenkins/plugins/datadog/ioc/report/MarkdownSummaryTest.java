package io.jenkins.plugins.datadog.ioc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {

    /** Cell separators: pipes not escaped by a backslash. */
    private static long separators(String row) {
        long count = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                count++;
            }
        }
        return count;
    }

    private static List<String> tableRows(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("|")).toList();
    }

    @Test
    void headingOverallAndATableWorstFirst() {
        String markdown = MarkdownSummary.render(Reports.mixed());

        assertThat(markdown).startsWith("## Datadog IoC lookup: FAILURE\n\n");
        assertThat(markdown).contains("Datadog IoC lookup\\: FAILURE (4 indicators\\: 2 found, 1 not found, 1 error;");
        List<String> rows = tableRows(markdown);
        assertThat(rows).hasSize(2 + 4);
        // The explanation column only because Datadog explained a score.
        assertThat(rows.get(0)).isEqualTo("| Verdict | Indicator | Status | Score | Type | Reason | Why this score |");
        assertThat(rows).allSatisfy(row -> assertThat(separators(row)).isEqualTo(8));
        assertThat(rows.get(2)).endsWith("| score raised by signals, network type, trust score; lowered by sources;"
                + " unaffected by persistence; triaged as under\\_review on 2024-05-21 |");
        assertThat(rows.get(2)).startsWith("| FAILURE | `203.0.113.66` | FOUND | 85.5 | `IP Address` |");
        assertThat(rows.get(3)).startsWith("| FAILURE | `broken.example` | ERROR |  |");
        assertThat(rows.subList(4, 6)).allSatisfy(row -> assertThat(row).startsWith("| PASS |"));
        assertThat(markdown).doesNotContain("\r");
    }

    @Test
    void hostileTextCannotInjectMarkupOrBreakTheTable() {
        String hostile = "<script>alert(1)</script>|x";
        GateReport report = Reports.report(
                TestData.found(hostile, "{\"score\":90,\"indicator_type\":\"<img src=x onerror=alert(1)>|t\"}"),
                TestData.error("a|b\nc\r\n| FORGED | row |", "bad | message <b>bold</b> [link](http://evil.example) `code`"),
                TestData.notFound("**bold**_it_~~del~~#h![img](x)"));

        String markdown = MarkdownSummary.render(report);

        // Values from the API are code spans: shown literally, never markup, HTML or links.
        assertThat(markdown).contains("| `<script>alert(1)</script>\\|x` |")
                .contains("| `<img src=x onerror=alert(1)>\\|t` |")
                .contains("| `**bold**_it_~~del~~#h![img](x)` |");
        // Reasons are escaped text.
        assertThat(markdown).doesNotContain("<b>")
                .as("no unescaped link syntax").doesNotContainPattern("(?<!\\\\)\\]\\(http");
        List<String> rows = tableRows(markdown);
        assertThat(rows).as("one row per indicator, none forged").hasSize(2 + 3);
        assertThat(rows).allSatisfy(row -> assertThat(separators(row)).isEqualTo(7));
        assertThat(markdown.lines().filter(line -> line.contains("FORGED"))).hasSize(1);
    }

    @Test
    void noUrlInEscapedTextOrCodeBecomesALink() {
        assertThat(MarkdownSummary.escape("see https://evil.example/x and www.evil.example"))
                .isEqualTo("see https\\://evil\\.example/x and www\\.evil\\.example");
        assertThat(MarkdownSummary.code("https://evil.example/")).isEqualTo("`https://evil.example/`");
    }

    @Test
    void codeSpansHoldBackticksAndPipes() {
        assertThat(MarkdownSummary.code("a`b")).isEqualTo("``a`b``");
        assertThat(MarkdownSummary.code("`x`")).isEqualTo("`` `x` ``");
        assertThat(MarkdownSummary.code("a|b\nc")).isEqualTo("`a\\|b c`");
        assertThat(MarkdownSummary.code(null)).isEmpty();
    }

    @Test
    void escapeLeavesPlainTextAlone() {
        assertThat(MarkdownSummary.escape("threat score 85")).isEqualTo("threat score 85");
        assertThat(MarkdownSummary.escape("bücher")).isEqualTo("bücher");
        assertThat(MarkdownSummary.escape(null)).isEmpty();
        assertThat(MarkdownSummary.escape("a&b")).isEqualTo("a&amp;b");
        assertThat(MarkdownSummary.escape("x\u0085y\u001bz")).isEqualTo("x y z");
    }

    @Test
    void suppressedResultsAreMarkedAndLocationsGetAColumn() {
        String markdown = MarkdownSummary.render(Reports.suppressed(Verdict.PASS));

        List<String> rows = tableRows(markdown);
        assertThat(rows.get(0)).isEqualTo("| Verdict | Indicator | Status | Score | Type | Reason | Location |");
        assertThat(rows.get(1)).isEqualTo("|---|---|---|---:|---|---|---|");
        List<String> results = rows.subList(2, 8);
        assertThat(results).allSatisfy(row -> assertThat(separators(row)).isEqualTo(8));
        assertThat(results).filteredOn(row -> row.contains("`203.0.113.7`")).singleElement().isEqualTo(
                "| PASS (suppressed) | `203.0.113.7` | FOUND | 85 |  | threat score 85 is at or above the failure threshold 80;"
                        + " suppressed (would be FAILURE) until 2027-03-31\\: Our own scanner | `config/app.yaml:12:7`, 3 occurrences |");
        assertThat(results).filteredOn(row -> row.contains("`evil.example`")).singleElement().asString()
                .startsWith("| FAILURE | ").endsWith(" | `deploy/hosts.txt:3:1` |");
        assertThat(results).filteredOn(row -> row.contains("`198.51.100.9`")).singleElement().asString()
                .startsWith("| FAILURE | ").endsWith("; suppression expired on 2026-03-31 (suppressions\\.json entry 2) |  |");
        assertThat(results).filteredOn(row -> row.contains("`192.0.2.1`")).singleElement().asString()
                .startsWith("| UNSTABLE (suppressed) | ");
        assertThat(markdown).contains("; 2 suppressed)");
    }

    @Test
    void expiredAndUnusedEntriesGetSectionsAfterTheTable() {
        String markdown = MarkdownSummary.render(Reports.suppressed(Verdict.FAILURE));

        assertThat(markdown).contains("\n### Expired suppressions\n\nThey no longer apply\\: renew or remove them;"
                + " expired suppressions fail the run\\.\n\n| Indicator | Source | Expired on | Reason |\n|---|---|---|---|\n"
                + "| `198.51.100.9` | suppressions\\.json entry 2 | 2026-03-31 | Pen test of March |\n");
        assertThat(markdown).endsWith("\n### Unused suppressions\n\nThey matched no indicator in this run, so may be"
                + " stale\\.\n\n| Indicator | Source | Expires | Reason |\n|---|---|---|---|\n"
                + "| `*.cdn.example.com` | suppressions\\.json entry 4 |  | CDN edge names |\n");
        assertThat(markdown.indexOf("### Expired")).isGreaterThan(markdown.indexOf("| `calm.example` |"));
    }

    @Test
    void noSuppressionsNoLocationsNoExtraColumnOrSections() {
        String markdown = MarkdownSummary.render(Reports.mixed());

        assertThat(markdown).doesNotContain("Location").doesNotContain("###").doesNotContain("suppress");
    }

    @Test
    void hostileSuppressionsAndPathsCannotInjectMarkup() {
        Suppression hostile = Reports.entry("evil.example", "<img src=x onerror=alert(1)> | [x](http://evil.example)\n| FORGED |",
                null, Verdict.PASS, 1);
        IndicatorReport result = Reports.matched(TestData.found("evil.example", 90), hostile, false)
                .withLocation(new Location("a|b`c\n| FORGED |.txt", 1, 2, 1));
        String markdown = MarkdownSummary.render(Reports.report(
                new SuppressionSummary(2, List.of(), List.of(hostile), Verdict.PASS), result));

        assertThat(markdown).doesNotContain("<img").doesNotContainPattern("(?<!\\\\)\\]\\(http");
        List<String> rows = tableRows(markdown);
        assertThat(rows).hasSize(2 + 1 + 2 + 1);
        assertThat(rows.subList(0, 3)).allSatisfy(row -> assertThat(separators(row)).isEqualTo(8));
        assertThat(rows.subList(3, 6)).allSatisfy(row -> assertThat(separators(row)).isEqualTo(5));
        assertThat(rows.get(2)).contains("| ``a\\|b`c \\| FORGED \\|.txt:1:2`` |");
    }
}
