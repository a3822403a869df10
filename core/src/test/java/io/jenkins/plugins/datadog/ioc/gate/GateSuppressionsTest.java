package io.jenkins.plugins.datadog.ioc.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import io.jenkins.plugins.datadog.ioc.suppress.IndicatorPattern;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.Suppressions;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a run reports of its suppressions, and what fails it: the step's own entries that expired or
 * matched nothing, and of the administrator's global list only the entries that matched one of the run's
 * indicators. Every indicator scores 10 here, so only the suppressions can fail a run.
 */
class GateSuppressionsTest {
    private static final LocalDate TODAY = LocalDate.of(2027, 4, 1);
    private static final LocalDate LAST_MONTH = LocalDate.of(2027, 3, 1);

    private final MockWebServer server = new MockWebServer();
    private IocClient client;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String indicator = request.getUrl().queryParameter("indicator");
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .body(TestData.body(indicator, 10)).build();
            }
        });
        server.start();
        client = new IocClient(IocClientConfig.builder(ApiKeys.of("api-key-suppressions", "app-key-suppressions"))
                .baseUrl(server.url("/").toString()).build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static Suppression entry(String pattern, LocalDate expires, String source) {
        return new Suppression(IndicatorPattern.parse(pattern), "accepted", expires, Verdict.PASS, source);
    }

    private GateReport run(Suppressions suppressions, String... indicators) throws InterruptedException {
        IocGate gate = new IocGate(client, GatePolicy.builder().failThreshold(80.0).build(), LookupOptions.DEFAULT, 2, null,
                suppressions);
        return gate.run(List.of(indicators), (done, total, report) -> { });
    }

    @Test
    void globalEntriesThatMatchNothingAreNotTheBuildsBusiness() throws Exception {
        Suppression unusedGlobal = entry("*.partner.example", null, "global suppression 1");
        Suppression expiredGlobal = entry("old.example", LAST_MONTH, "global suppression 2");

        GateReport report = run(Suppressions.of(List.of(unusedGlobal, expiredGlobal), List.of(), TODAY, Verdict.FAILURE),
                "build.example");

        SuppressionSummary summary = report.suppressions();
        assertThat(summary.unused()).isEmpty();
        assertThat(summary.expired()).as("an expired global entry for another indicator fails nobody").isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anExpiredGlobalEntryThatMatchesAnIndicatorIsReportedAndCanFailTheRun() throws Exception {
        Suppression expiredGlobal = entry("*.build.example", LAST_MONTH, "global suppression 1");
        Suppression otherExpiredGlobal = entry("old.example", LAST_MONTH, "global suppression 2");

        GateReport failing = run(Suppressions.of(List.of(expiredGlobal, otherExpiredGlobal), List.of(), TODAY,
                Verdict.FAILURE), "cdn.build.example");
        GateReport warned = run(Suppressions.of(List.of(expiredGlobal, otherExpiredGlobal), List.of(), TODAY,
                Verdict.PASS), "cdn.build.example");

        assertThat(failing.suppressions().expired()).containsExactly(expiredGlobal);
        assertThat(failing.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(warned.suppressions().expired()).containsExactly(expiredGlobal);
        assertThat(warned.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void theStepsOwnEntriesAreAllReportedAndTheirExpiryFailsTheRun() throws Exception {
        Suppression unusedOwn = entry("nothing.example", null, ".ioc-suppressions.json entry 1");
        Suppression expiredOwn = entry("gone.example", LAST_MONTH, ".ioc-suppressions.json entry 2");
        Suppression usedOwn = entry("build.example", null, ".ioc-suppressions.json entry 3");
        Suppression unusedGlobal = entry("*.partner.example", null, "global suppression 1");

        GateReport report = run(Suppressions.of(List.of(unusedGlobal), List.of(unusedOwn, expiredOwn, usedOwn), TODAY,
                Verdict.FAILURE), "build.example");

        assertThat(report.suppressions().unused()).containsExactly(unusedOwn);
        assertThat(report.suppressions().expired()).containsExactly(expiredOwn);
        assertThat(report.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.results().get(0).suppressed()).isTrue();
    }
}
