package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.JsonReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBackAsItWas() throws IOException {
        GateReport report = Records.everything();
        RecordFile file = new RecordFile(dir);

        file.add(report);
        ReportReader.Read read = file.read();

        assertThat(read.leftOut()).isZero();
        assertThat(read.report()).isEqualTo(report);
        assertThat(read.report().verdict()).isEqualTo(Verdict.FAILURE);
    }

    @Test
    void noticesAreKeptAndEachSaidOnceForTheBuild() throws IOException {
        RecordFile file = new RecordFile(dir);
        GateReport first = Records.everything().withNotice(Notice.noThreshold());
        GateReport second = Records.everything().withNotice(Notice.noThreshold())
                .withNotice(Notice.stopped("Datadog is unreachable: Could not connect", 2, 3));

        file.add(first);
        assertThat(file.read().report()).isEqualTo(first);
        file.add(second);

        assertThat(file.read().report().notices()).containsExactly(Notice.noThreshold(),
                Notice.stopped("Datadog is unreachable: Could not connect", 2, 3));
    }

    @Test
    void aNoticeOfAKindALaterVersionAddedIsLeftOut() throws IOException {
        String json = JsonReport.render(Records.everything().withNotice(Notice.noThreshold()))
                .replace("\"no_threshold\"", "\"from_the_future\"");
        assertThat(json).contains("\"from_the_future\"");

        assertThat(ReportReader.read(new StringReader(json), 100).report().notices()).isEmpty();
    }

    @Test
    void theFileIsTheDocumentedJsonReport() throws IOException {
        GateReport report = Records.everything();
        new RecordFile(dir).add(report);

        assertThat(Files.readString(dir.resolve(RecordFile.NAME))).isEqualTo(JsonReport.render(report));
        assertThat(dir.toFile().list()).containsExactly(RecordFile.NAME);
    }

    @Test
    void stepsAddUp() throws IOException {
        RecordFile file = new RecordFile(dir);
        GateReport first = Records.everything();
        // The second step matches the entry the first left unused, and reports the same expired entry.
        GateReport second = new GateReport(
                List.of(Records.matched(TestData.found("a.cdn.example.com", 90), Records.UNUSED, false),
                        Records.judged(TestData.found("evil.example", 99))),
                1, Duration.ofMillis(10), new SuppressionSummary(4, List.of(Records.OLD), List.of(), Verdict.PASS));

        file.add(first);
        file.add(second);
        GateReport both = file.read().report();

        List<IndicatorReport> expected = new ArrayList<>(first.results());
        expected.addAll(second.results());
        assertThat(both.results()).isEqualTo(expected);
        assertThat(both.skipped()).isEqualTo(3);
        assertThat(both.duration()).isEqualTo(Duration.ofMillis(1244));
        assertThat(both.suppressions().expired()).containsExactly(Records.OLD);
        assertThat(both.suppressions().unused()).as("used by the second step").isEmpty();
        assertThat(both.suppressions().verdict()).isEqualTo(Verdict.UNSTABLE);
    }

    @Test
    void parallelStepsLoseNothing() throws Exception {
        RecordFile file = new RecordFile(dir);
        int steps = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(steps);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                GateReport report = Records.many("step" + s + "-", 50);
                done.add(pool.submit(() -> {
                    start.await();
                    // Each thread reads the file as the page would, between its own writes.
                    new RecordFile(dir).add(report);
                    return new RecordFile(dir).read();
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        GateReport all = file.read().report();
        Set<String> indicators = new HashSet<>();
        all.results().forEach(r -> indicators.add(r.indicator()));
        assertThat(all.results()).hasSize(steps * 50);
        assertThat(indicators).hasSize(steps * 50);
        assertThat(dir.toFile().list()).containsExactly(RecordFile.NAME);
    }

    @Test
    void readingKeepsAtMostTheLimitAndCountsTheRest() throws IOException {
        RecordFile file = new RecordFile(dir);
        file.add(Records.many("x", 250));

        ReportReader.Read read = file.read(100);

        assertThat(read.report().results()).hasSize(100);
        assertThat(read.leftOut()).isEqualTo(150);
        assertThat(read.report().results().get(99).indicator()).isEqualTo("x99.example");
    }

    @Test
    void organizationDataCanBeLeftOut() throws IOException {
        GateReport report = OrganizationData.without(Records.everything());
        new RecordFile(dir).add(report);

        var details = new RecordFile(dir).read().report().results().get(0).lookup().details();
        assertThat(details.hosts()).isEmpty();
        assertThat(details.services()).isEmpty();
        assertThat(details.users()).isEmpty();
        assertThat(details.criticalAssets()).isEmpty();
        assertThat(details.triagedBy()).isNull();
        assertThat(details.triageHistory()).allSatisfy(t -> assertThat(t.triagedBy()).isNull());
        assertThat(details.maliciousSources()).isEqualTo(TestData.fullDetails().maliciousSources());
        // What Datadog thinks of the indicator stays: signal counts and severities, scoring factors, triage state.
        assertThat(details.signalMatches()).isEqualTo(TestData.fullDetails().signalMatches());
        assertThat(details.signalSeverity()).isEqualTo(TestData.fullDetails().signalSeverity());
        assertThat(details.mSignal()).isEqualTo(TestData.fullDetails().mSignal());
        assertThat(details.triageState()).isEqualTo(TestData.fullDetails().triageState());
        String json = Files.readString(dir.resolve(RecordFile.NAME));
        TestData.fullDetails().hosts().forEach(host -> assertThat(json).doesNotContain(host));
        TestData.fullDetails().criticalAssets().forEach(asset -> assertThat(json).doesNotContain(asset));
        assertThat(json).contains("\"score_factors\"").contains("triaged as " + TestData.fullDetails().triageState());
        assertThat(json).doesNotContain(TestData.fullDetails().triagedBy());
    }

    @Test
    void nothingRecordedIsNoSuchFile() {
        assertThat(new RecordFile(dir).exists()).isFalse();
        assertThatThrownBy(() -> new RecordFile(dir).read()).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aDamagedFileIsAnErrorThatSaysWhatIsWrong() throws IOException {
        Files.writeString(dir.resolve(RecordFile.NAME), "{\"format_version\":1,\"results\":[{\"indicator\":\"a.example\"", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new RecordFile(dir).read()).isInstanceOf(IOException.class)
                .hasMessageContaining(RecordFile.NAME).hasMessageContaining("cannot be read");
    }

    @Test
    void aResultWhoseVerdictDoesNotFollowIsRejectedNotPassed() {
        String json = JsonReport.render(new GateReport(List.of(Records.judged(TestData.found("evil.example", 99))), 0, Duration.ZERO))
                .replaceFirst("(\"score\" : 99.0,\\s+\"verdict\" : )\"FAILURE\"", "$1\"PASS\"");

        assertThat(json).contains("\"verdict\" : \"PASS\"");
        assertThatThrownBy(() -> ReportReader.read(new StringReader(json), 10)).isInstanceOf(IOException.class)
                .hasMessageContaining("evil.example").hasMessageContaining("does not follow");
    }

    @Test
    void aReportWhoseVerdictDoesNotFollowFromItsResultsIsRejected() {
        String json = JsonReport.render(Records.everything()).replaceFirst("\"verdict\" : \"FAILURE\"", "\"verdict\" : \"PASS\"");

        assertThatThrownBy(() -> ReportReader.read(new StringReader(json), 100)).isInstanceOf(IOException.class)
                .hasMessageContaining("its verdict PASS does not follow from its results (FAILURE)");
    }

    @Test
    void otherFormatsAreRejected() {
        assertThatThrownBy(() -> ReportReader.read(new StringReader("[]"), 10)).hasMessageContaining("does not start with an object");
        assertThatThrownBy(() -> ReportReader.read(new StringReader("{\"format_version\":2,\"results\":[]}"), 10))
                .hasMessageContaining("format version 1 (found 2)");
        assertThatThrownBy(() -> ReportReader.read(new StringReader("{\"format_version\":1,\"verdict\":\"PASS\",\"results\":[{\"status\":\"FOUND\"}]}"), 10))
                .hasMessageContaining("result 1 has no 'indicator'");
        assertThatThrownBy(() -> ReportReader.read(new StringReader(
                "{\"format_version\":1,\"results\":[{\"indicator\":\"a\",\"status\":\"MAYBE\"}]}"), 10))
                .hasMessageContaining("result 1 is not as the format says");
    }

    @Test
    void aCachedErrorKeepsItsMessage() throws IOException {
        LookupResult cachedError = TestData.error("x.example", "HTTP 503").fromCache();
        GateReport report = new GateReport(List.of(Records.judged(cachedError)), 0, Duration.ZERO);
        new RecordFile(dir).add(report);
        assertThat(new RecordFile(dir).read().report()).isEqualTo(report);
    }
}
