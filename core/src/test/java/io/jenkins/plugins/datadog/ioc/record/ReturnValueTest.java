package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReturnValueTest {
    private static final String URL = "http://jenkins/job/app/1/datadog-ioc/";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> value) {
        return (List<Map<String, Object>>) value.get("results");
    }

    @Test
    void aSmallRunReturnsEveryResultInOrder() {
        Map<String, Object> value = ReturnValue.of(Records.everything(), URL, URL + "report.json");

        assertThat(results(value)).extracting(r -> r.get("indicator")).containsExactly("203.0.113.66", "unknown.example",
                "broken.example", "calm.example", "203.0.113.7", "192.0.2.1", "198.51.100.9");
        assertThat(value).containsEntry("truncated", false).containsEntry("verdict", "FAILURE").containsEntry("indicators", 7)
                .as("each indicator counted once: not found and errors apart from the verdicts of those Datadog knows")
                .containsEntry("failure", 2L).containsEntry("unstable", 1L).containsEntry("pass", 2L)
                .containsEntry("notFound", 1L).containsEntry("errors", 1L)
                .containsEntry("suppressed", 2L).containsEntry("url", URL).containsEntry("reportUrl", URL + "report.json");
    }

    @Test
    void theRunsNoticesAreReturned() {
        GateReport unchecked = new GateReport(List.of(Records.judged(TestData.found("evil.example", 90))), 0, Duration.ZERO)
                .withNotice(Notice.noThreshold());

        assertThat(ReturnValue.of(unchecked, URL, URL).get("notices")).isEqualTo(List.of(Notice.noThreshold().text()));
        assertThat(ReturnValue.of(Records.everything(), URL, URL).get("notices")).isEqualTo(List.of());
    }

    @Test
    void oneIndicatorsFieldsAreAtTheTopToo() {
        GateReport one = new GateReport(List.of(Records.judged(TestData.found("evil.example", 90))), 0, Duration.ZERO);
        Map<String, Object> value = ReturnValue.of(one, URL, URL);

        assertThat(value).containsEntry("indicator", "evil.example").containsEntry("score", 90.0).containsEntry("status", "FOUND");
    }

    @Test
    void aLargeRunReturnsOnlyWhatDidNotPassWorstFirstAndCut() {
        GateReport large = Records.many("x", 10_000);
        Map<String, Object> value = ReturnValue.of(large, URL, URL);

        List<Map<String, Object>> results = results(value);
        assertThat(results).hasSize(ReturnValue.MAX_RESULTS);
        assertThat(value).containsEntry("truncated", true).containsEntry("indicators", 10_000);
        assertThat(results).allSatisfy(r -> assertThat(r.get("verdict")).isNotEqualTo("PASS"));
        assertThat(results.get(0).get("verdict")).isEqualTo("FAILURE");
        assertThat(value.toString().length()).as("bounded whatever the run").isLessThan(60_000);
    }

    @Test
    void onlyPlainValuesForThePipeline() {
        Map<String, Object> value = ReturnValue.of(Records.everything(), URL, URL);
        assertPlain(value);
    }

    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(ReturnValueTest::assertPlain);
        } else if (value instanceof List<?> list) {
            list.forEach(ReturnValueTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }
}
