package io.jenkins.plugins.datadog.ioc.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.TestData;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.extract.Extraction;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one entry point: gathers the indicators, refuses a run with nothing or too much to check, runs, locates. */
class GateRunTest {
    private MockWebServer server;
    private final AtomicInteger keysAskedFor = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String indicator = request.getUrl().queryParameter("indicator");
                String body = switch (indicator) {
                    case "203.0.113.7" -> TestData.body("{\"indicator\":\"203.0.113.7\",\"score\":20,\"signal_matches\":3,"
                            + "\"signal_severity\":[{\"severity\":\"high\",\"count\":3}],\"m_signal\":\"RAISE_SCORE\"}");
                    case "evil.example", "evil.com" -> TestData.body(indicator, 90);
                    default -> null;
                };
                return body == null ? new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json").body("{\"errors\":[\"Not Found\"]}").build()
                        : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private IocClientConfig.Builder client() {
        keysAskedFor.incrementAndGet();
        return IocClientConfig.builder(ApiKeys.of("api-key-run-test", "app-key-run-test")).baseUrl(server.url("/").toString());
    }

    private GateReport run(UnaryOperator<GateRequest.Builder> settings) throws InterruptedException {
        AtomicInteger started = new AtomicInteger(-1);
        GateReport report = GateRun.run(settings.apply(GateRequest.builder(GateRequestTest.WORDING)).build(), this::client,
                null, started::set, ProgressListener.NONE);
        assertThat(started.get()).as("told how many indicators were gathered").isGreaterThanOrEqualTo(0);
        return report;
    }

    @Test
    void indicatorsFromArgumentsListsAndExtractionsAreJudgedInOrderWithTheirPlaces() throws Exception {
        Extraction fromAgent = new Extraction(List.of(new Extraction.Found("evil.example", 4, 9, 2)), 1);
        GateReport report = run(b -> b.indicators(List.of("unknown.example"))
                .text("hosts.txt", "# hosts\n203.0.113.7\n")
                .extraction("deploy.sh", fromAgent)
                .failThreshold(80.0)
                .onSignal(Verdict.UNSTABLE).minSignalSeverity("high"));

        assertThat(report.results()).extracting(IndicatorReport::indicator)
                .containsExactly("unknown.example", "203.0.113.7", "evil.example");
        assertThat(report.results()).extracting(IndicatorReport::verdict)
                .containsExactly(Verdict.PASS, Verdict.UNSTABLE, Verdict.FAILURE);
        assertThat(report.results().get(1).reason()).isEqualTo("3 high-severity signals in your organization");
        assertThat(report.results().get(1).location()).isEqualTo(new Location("hosts.txt", 2, 1, 1));
        assertThat(report.results().get(2).location()).isEqualTo(new Location("deploy.sh", 4, 9, 2));
        assertThat(report.results().get(0).location()).isNull();
        assertThat(report.skipped()).isEqualTo(1);
    }

    @Test
    void textIsExtractedWhenAskedAndAnExtractionThatFindsNothingPublicPassesWithANote() throws Exception {
        // .example names are reserved, so extraction leaves them out as it does private addresses.
        GateReport report = run(b -> b.extract(true).text("app.yaml", "url: https://evil.com/x\nother: a.example\n")
                .failThreshold(80.0));
        assertThat(report.results()).extracting(IndicatorReport::indicator).containsExactly("evil.com");
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.results().get(0).location().file()).isEqualTo("app.yaml");

        GateReport nothing = run(b -> b.extract(true).text("app.yaml", "host: 10.0.0.1\n").failThreshold(80.0));
        assertThat(nothing.results()).isEmpty();
        assertThat(nothing.verdict()).isEqualTo(Verdict.PASS);
        assertThat(nothing.notices()).extracting(Notice::kind).contains(Notice.Kind.NOTHING_TO_CHECK);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aListThatHoldsNothingIsAMistakeSaidBeforeAnyKeyIsRead() {
        assertThatThrownBy(() -> run(b -> b)).isInstanceOf(ConfigurationException.class)
                .hasMessage("No indicator given: pass some.");
        assertThatThrownBy(() -> run(b -> b.text("iocs.txt", "# nothing yet\n"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("No indicator found in the file 'iocs.txt'. No indicator given: pass some.");
        assertThat(keysAskedFor).hasValue(0);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void moreIndicatorsThanTheLimitAreRefusedBeforeAnyLookup() {
        assertThatThrownBy(() -> run(b -> b.indicators(List.of("a.example", "b.example", "c.example")).maxIndicators(2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("This run has 3 indicators, more than the 2 allowed per run Ask for more.");
        assertThat(server.getRequestCount()).isZero();
    }
}
