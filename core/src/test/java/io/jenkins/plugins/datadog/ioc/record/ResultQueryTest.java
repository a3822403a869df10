package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultQueryTest {
    private static ResultQuery parse(Map<String, String> parameters) {
        return ResultQuery.parse(parameters::get);
    }

    @Test
    void readsTheParameters() {
        ResultQuery q = parse(Map.of("verdict", "failure", "status", " Not_Found ", "q", " cdn ", "page", "3"));

        assertThat(q).isEqualTo(new ResultQuery(Verdict.FAILURE, LookupStatus.NOT_FOUND, "cdn", 3));
        assertThat(q.filtered()).isTrue();
    }

    @Test
    void badInputFallsBackToSafeDefaults() {
        assertThat(parse(Map.of())).isEqualTo(ResultQuery.ALL);
        assertThat(parse(Map.of("verdict", "WORST", "status", "<script>", "page", "x1"))).isEqualTo(ResultQuery.ALL);
        assertThat(parse(Map.of("page", "-4")).page()).isEqualTo(1);
        assertThat(parse(Map.of("page", "99999999999999")).page()).isEqualTo(1);
        assertThat(parse(Map.of("q", "a".repeat(5000))).text()).hasSize(ResultQuery.MAX_TEXT);
        assertThat(ResultQuery.ALL.filtered()).isFalse();
    }

    @Test
    void writesItsQueryStringEncoded() {
        assertThat(ResultQuery.ALL.toQueryString()).isEqualTo("?");
        assertThat(new ResultQuery(Verdict.UNSTABLE, LookupStatus.ERROR, "a&b c/é", 2).toQueryString())
                .isEqualTo("?verdict=UNSTABLE&status=ERROR&q=a%26b+c%2F%C3%A9&page=2");
        ResultQuery q = new ResultQuery(Verdict.PASS, null, "x=y", 4);
        Map<String, String> back = new java.util.HashMap<>();
        for (String pair : q.toQueryString().substring(1).split("&")) {
            String[] kv = pair.split("=", 2);
            back.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(parse(back)).isEqualTo(q);
    }

    @Test
    void worstFirstWithVerdictsInSeverityOrderNotAlphabetical() {
        GateReport report = new GateReport(List.of(
                Records.judged(TestData.found("pass-high.example", 49)),
                Records.judged(TestData.found("unstable-low.example", 51)),
                Records.judged(TestData.notFound("unknown.example")),
                Records.judged(TestData.found("failure-low.example", 80)),
                Records.judged(TestData.error("broken.example", "HTTP 503")),
                Records.judged(TestData.found("unstable-high.example", 79)),
                Records.judged(TestData.found("failure-high.example", 99)),
                Records.judged(TestData.found("pass-low.example", 1))), 0, java.time.Duration.ZERO);

        List<String> order = new BuildRecords(report, 0).page(ResultQuery.ALL).getRows().stream().map(ResultRow::getIndicator).toList();

        assertThat(order).containsExactly("broken.example", "failure-high.example", "failure-low.example",
                "unstable-high.example", "unstable-low.example", "unknown.example", "pass-high.example", "pass-low.example");
    }

    @Test
    void pagesOfAHundred() {
        BuildRecords records = new BuildRecords(Records.many("x", 250), 0);

        ResultPage first = records.page(ResultQuery.ALL);
        assertThat(first.getRows()).hasSize(100);
        assertThat(first.getPageCount()).isEqualTo(3);
        assertThat(first.getFirst()).isEqualTo(1);
        assertThat(first.getLast()).isEqualTo(100);
        assertThat(first.getPreviousLink()).isNull();
        assertThat(first.getNextLink()).isEqualTo("?page=2");

        ResultPage last = records.page(ResultQuery.ALL.onPage(3));
        assertThat(last.getRows()).hasSize(50);
        assertThat(last.getFirst()).isEqualTo(201);
        assertThat(last.getLast()).isEqualTo(250);
        assertThat(last.getPreviousLink()).isEqualTo("?page=2");
        assertThat(last.getNextLink()).isNull();

        ResultPage past = records.page(ResultQuery.ALL.onPage(40));
        assertThat(past.getPage()).as("past the end: the last page").isEqualTo(3);
        assertThat(past.getRows()).isEqualTo(last.getRows());

        List<String> seen = new java.util.ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            records.page(ResultQuery.ALL.onPage(p)).getRows().forEach(r -> seen.add(r.getIndicator()));
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(250);
    }

    @Test
    void filtersByVerdictStatusAndText() {
        BuildRecords records = new BuildRecords(Records.everything(), 0);

        assertThat(indicators(records.page(new ResultQuery(Verdict.UNSTABLE, null, "", 1)))).containsExactly("192.0.2.1");
        assertThat(indicators(records.page(new ResultQuery(null, LookupStatus.NOT_FOUND, "", 1)))).containsExactly("unknown.example");
        assertThat(indicators(records.page(new ResultQuery(Verdict.FAILURE, LookupStatus.ERROR, "", 1)))).containsExactly("broken.example");
        // Text: the indicator, the reason, the error, categories and sources, the file, the suppression's reason.
        assertThat(indicators(records.page(new ResultQuery(null, null, "SPAMHAUS", 1)))).containsExactly("203.0.113.66");
        assertThat(indicators(records.page(new ResultQuery(null, null, "app.yaml", 1)))).containsExactly("203.0.113.66");
        assertThat(indicators(records.page(new ResultQuery(null, null, "own scanner", 1)))).containsExactly("203.0.113.7");
        assertThat(indicators(records.page(new ResultQuery(null, null, "401", 1)))).containsExactly("broken.example");
        ResultPage none = records.page(new ResultQuery(Verdict.PASS, LookupStatus.ERROR, "", 1));
        assertThat(none.getRows()).isEmpty();
        assertThat(none.getMatching()).isZero();
        assertThat(none.getTotal()).isEqualTo(7);
        assertThat(none.getPageCount()).isEqualTo(1);
        assertThat(none.getFirst()).isZero();
        assertThat(none.getLast()).isZero();
    }

    @Test
    void rowsAreFoundByTheirPlaceInTheFile() {
        BuildRecords records = new BuildRecords(Records.everything(), 0);

        ResultRow row = records.row(4);
        assertThat(row.getIndicator()).isEqualTo("203.0.113.7");
        assertThat(row.getIndex()).isEqualTo(4);
        assertThat(row.isSuppressed()).isTrue();
        assertThat(row.getPolicyVerdict()).isEqualTo("FAILURE");
        assertThat(row.getVerdict()).isEqualTo("PASS");
        assertThat(records.row(7)).isNull();
        assertThat(records.row(-1)).isNull();
        assertThat(records.unusedSuppressions()).containsExactly("*.cdn.example.com (suppressions.json entry 4): CDN edge names");
    }

    private static List<String> indicators(ResultPage page) {
        return page.getRows().stream().map(ResultRow::getIndicator).toList();
    }
}
