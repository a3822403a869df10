package io.jenkins.plugins.datadog.ioc.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.actions.IndicatorRecord;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import hudson.model.Describable;
import org.jenkinsci.plugins.structs.SymbolLookup;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class IocLookupStepTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** The credentials every script passes, unless the test is about them. */
    private static final String KEYS = "apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'";

    private JenkinsRule r;
    private FakeDatadog datadog;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        datadog = new FakeDatadog().install();
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    @Test
    void passReturnsTheResultWithoutAnAgent() throws Exception {
        datadog.found("203.0.113.66", 10);
        WorkflowRun run = build(Result.SUCCESS, """
                def r = iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                echo "score=${r.score} verdict=${r.verdict} type=${r.indicatorType}"
                echo "status=${r.status} sources=${r.maliciousSources} categories=${r.categories} results=${r.results.size()}"
                """);
        r.assertLogContains("score=10.0 verdict=PASS type=IP Address", run);
        r.assertLogContains("status=FOUND sources=[abuse.ch] categories=[scanner] results=1", run);
        r.assertLogContains("Datadog IoC lookup: looking up 1 indicator(s)", run);
        r.assertLogContains("Datadog IoC lookup: PASS (1 indicator: 1 found, 0 not found, 0 errors; worst score 10)", run);
        // no node block, so no agent and no workspace: the lookup runs on the controller
        r.assertLogNotContains("Running on", run);

        List<RecordedRequest> requests = datadog.requests();
        assertThat(requests, hasSize(1));
        RecordedRequest request = requests.get(0);
        assertEquals("GET", request.getMethod());
        assertEquals(FakeDatadog.PATH, request.getUrl().encodedPath());
        assertEquals("203.0.113.66", request.getUrl().queryParameter("indicator"));
        assertEquals(FakeDatadog.API_KEY, request.getHeaders().get("DD-API-KEY"));
        assertEquals(FakeDatadog.APP_KEY, request.getHeaders().get("DD-APPLICATION-KEY"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
        assertThat(request.getHeaders().get("User-Agent"), containsString("Jenkins"));

        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertNotNull(action);
        assertEquals("PASS", action.getVerdict());
    }

    @Test
    void failureFailsTheBuildWithTheReason() throws Exception {
        datadog.found("203.0.113.66", 85);
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                echo 'after the lookup'
                """);
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66: threat score 85 is at or above the failure threshold 80", run);
        r.assertLogNotContains("after the lookup", run);
        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertNotNull(action, "the results are recorded even when the build fails");
        assertEquals("FAILURE", action.getVerdict());
        assertEquals(1L, action.getFailureCount());
    }

    @Test
    void unstableMarksTheBuildAndTheStep() throws Exception {
        datadog.found("203.0.113.66", 60);
        WorkflowRun run = build(Result.UNSTABLE, """
                def r = iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', unstableThreshold: 50, failThreshold: 80
                echo "after the lookup: ${r.verdict}"
                """);
        r.assertLogContains("Datadog IoC lookup marked the build unstable: 203.0.113.66: threat score 60 is at or above the unstable threshold 50", run);
        r.assertLogContains("after the lookup: UNSTABLE", run);

        List<FlowNode> warned = new DepthFirstScanner().allNodes(run.getExecution()).stream()
                .filter(node -> node.getPersistentAction(WarningAction.class) != null)
                .toList();
        assertThat(warned, hasSize(1));
        FlowNode node = warned.get(0);
        assertEquals("iocLookup", node.getDisplayFunctionName());
        WarningAction warning = node.getPersistentAction(WarningAction.class);
        assertEquals(Result.UNSTABLE, warning.getResult());
        assertThat(warning.getMessage(), containsString("threat score 60"));
    }

    @Test
    void catchErrorAroundAFailingLookupLetsTheScriptGoOn() throws Exception {
        datadog.found("203.0.113.66", 95);
        WorkflowRun run = build(Result.UNSTABLE, """
                catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE') {
                    iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                }
                echo 'the script went on'
                """);
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66: threat score 95", run);
        r.assertLogContains("the script went on", run);
    }

    @Test
    void notFoundPassesByDefault() throws Exception {
        WorkflowRun run = build(Result.SUCCESS, """
                def r = iocLookup indicator: 'unknown.example.com', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                echo "status=${r.status} verdict=${r.verdict} score=${r.score} pass=${r.pass} notFound=${r.notFound}"
                """);
        // passes, yet is not counted as a pass: Datadog does not know it
        r.assertLogContains("status=NOT_FOUND verdict=PASS score=null pass=0 notFound=1", run);
        assertEquals(List.of("unknown.example.com"), datadog.requestedIndicators());
    }

    @Test
    void notFoundCanFailTheBuild() throws Exception {
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup indicator: 'unknown.example.com', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', onNotFound: 'FAILURE'
                """);
        r.assertLogContains("Datadog IoC lookup failed the build: unknown.example.com: not known to Datadog", run);
    }

    @Test
    void indicatorsAreAllReturnedInOrder() throws Exception {
        datadog.found("evil.example.net", 90)
                .found("203.0.113.66", 10)
                .found("198.51.100.7", 55);
        WorkflowRun run = build(Result.UNSTABLE, """
                def r = iocLookup indicators: ['evil.example.net', 'never-seen.example.org', '203.0.113.66', '198.51.100.7'], apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', unstableThreshold: 50
                echo "overall=${r.verdict} worst=${r.worstScore} count=${r.results.size()} top=${r.score}"
                for (int i = 0; i < r.results.size(); i++) {
                    echo "result ${i}: ${r.results.get(i).indicator} ${r.results.get(i).status} ${r.results.get(i).verdict}"
                }
                """);
        r.assertLogContains("overall=UNSTABLE worst=90.0 count=4 top=null", run);
        r.assertLogContains("result 0: evil.example.net FOUND UNSTABLE", run);
        r.assertLogContains("result 1: never-seen.example.org NOT_FOUND PASS", run);
        r.assertLogContains("result 2: 203.0.113.66 FOUND PASS", run);
        r.assertLogContains("result 3: 198.51.100.7 FOUND UNSTABLE", run);
        assertThat(datadog.requestedIndicators(),
                containsInAnyOrder("evil.example.net", "never-seen.example.org", "203.0.113.66", "198.51.100.7"));

        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertThat(action.getResults().stream().map(IndicatorRecord::getIndicator).toList(),
                contains("evil.example.net", "never-seen.example.org", "203.0.113.66", "198.51.100.7"));
    }

    @Test
    void fileInsideNode() throws Exception {
        datadog.found("203.0.113.66", 10).found("evil.example.net", 20);
        WorkflowRun run = build(Result.SUCCESS, """
                node {
                    writeFile file: 'iocs.txt', text: '# indicators from the incident\\n203.0.113.66\\n\\n  evil.example.net  \\n'
                    def r = iocLookup file: 'iocs.txt', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    echo "count=${r.results.size()} first=${r.results.get(0).indicator} second=${r.results.get(1).indicator}"
                }
                """);
        r.assertLogContains("count=2 first=203.0.113.66 second=evil.example.net", run);
        assertThat(datadog.requestedIndicators(), containsInAnyOrder("203.0.113.66", "evil.example.net"));
    }

    @Test
    void fileWithExtraction() throws Exception {
        datadog.found("45.33.32.156", 10).found("c2.badactor.net", 20);
        WorkflowRun run = build(Result.SUCCESS, """
                node {
                    writeFile file: 'deploy.log', text: 'Fetched http://c2.badactor.net/payload from 45.33.32.156 via 10.0.0.1 and build.example\\n'
                    def r = iocLookup file: 'deploy.log', extract: true, apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    echo "count=${r.results.size()} skipped=${r.skipped}"
                }
                """);
        r.assertLogContains("count=2 skipped=2", run);
        assertThat(datadog.requestedIndicators(), containsInAnyOrder("c2.badactor.net", "45.33.32.156"));
    }

    @Test
    void anExtractionThatFindsOnlyPrivateNamesPassesWithANoteAndRecordsAnEmptyReport() throws Exception {
        WorkflowRun run = build(Result.SUCCESS, """
                node {
                    writeFile file: 'values.yaml', text: 'db: 10.0.0.5\\ncache: http://127.0.0.1:6379\\n'
                    def r = iocLookup file: 'values.yaml', extract: true, failThreshold: 80, apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    echo "verdict=${r.verdict} count=${r.results.size()} skipped=${r.skipped}"
                }
                """);
        r.assertLogContains("Datadog IoC lookup: PASS (0 indicators", run);
        r.assertLogContains("Note: Nothing to check: all 2 indicators found were private, reserved or local, so none was looked up.", run);
        r.assertLogContains("verdict=PASS count=0 skipped=2", run);
        assertEquals(0, datadog.server().getRequestCount());
        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertNotNull(action, "an empty report is still recorded, so that the build page says why nothing was checked");
        assertEquals("PASS", action.getVerdict());
        assertThat(action.getResults(), empty());
    }

    /** The global configuration's rules apply to every step; a step overrides them, as it does the thresholds. */
    @Test
    void theRulesBeyondTheScoreComeFromTheGlobalDefaultsUnlessTheStepSetsThem() throws Exception {
        datadog.answer("203.0.113.66", 200, "{\"data\":{\"attributes\":{\"data\":{\"indicator\":\"203.0.113.66\","
                + "\"score\":10,\"categories\":[\"Botnet\"],\"signal_matches\":3,\"signal_severity\":[{\"severity\":"
                + "\"critical\",\"count\":1},{\"severity\":\"low\",\"count\":2}],\"critical_assets\":[\"payments-db\"]}},"
                + "\"id\":\"x\",\"type\":\"ioc\"}}");
        DatadogIocConfiguration global = DatadogIocConfiguration.get();
        global.setOnSignal("UNSTABLE");
        global.setMinSignalSeverity("critical");

        WorkflowRun byDefault = build(Result.UNSTABLE, "iocLookup indicator: '203.0.113.66', failThreshold: 80, " + KEYS + "\n");
        r.assertLogContains("203.0.113.66: 1 critical-severity signal in your organization", byDefault);

        WorkflowRun ownRules = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', failThreshold: 80, onSignal: 'PASS', "
                + "onCriticalAsset: 'FAILURE', " + KEYS + "\n");
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66: touches 1 critical asset in your organization", ownRules);
        r.assertLogNotContains("payments-db", ownRules);

        global.setCategories("botnet");
        WorkflowRun categories = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', failThreshold: 80, onSignal: 'PASS', "
                + KEYS + "\n");
        r.assertLogContains("203.0.113.66: in category Botnet", categories);
        build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', failThreshold: 80, onSignal: 'PASS', categories: 'malware', "
                + KEYS + "\n");
    }

    @Test
    void anUnknownSeverityOnTheStepIsNamed() throws Exception {
        WorkflowRun run = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', onSignal: 'FAILURE', "
                + "minSignalSeverity: 'urgent', " + KEYS + "\n");
        r.assertLogContains("The minimum signal severity must be one of info, low, medium, high, critical, not 'urgent'.", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void aFileWithoutIndicatorsIsStillAMistakeWithoutExtraction() throws Exception {
        WorkflowRun run = build(Result.FAILURE, """
                node {
                    writeFile file: 'iocs.txt', text: '# nothing yet\\n'
                    iocLookup file: 'iocs.txt', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                }
                """);
        r.assertLogContains("No indicator found in the file 'iocs.txt'.", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void aRunWithoutAnyThresholdWarnsOnceAndSaysHowToSetOne() throws Exception {
        datadog.found("203.0.113.66", 92.5);
        WorkflowRun run = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', " + KEYS + "\n");
        r.assertLogContains("Warning: No threshold is set and no rule can fail the run: every threat score passes, however high.", run);
        r.assertLogContains("set failThreshold or unstableThreshold on the step, or default thresholds in Manage Jenkins", run);

        WorkflowRun withThreshold = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', failThreshold: 95, " + KEYS + "\n");
        r.assertLogNotContains("No threshold is set", withThreshold);
    }

    @Test
    void aWebServerAtTheBaseUrlFailsTheBuildWithTheCauseSaidOnce() throws Exception {
        for (String indicator : List.of("a.example", "b.example", "c.example")) {
            datadog.answer(indicator, () -> new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                    .body("<html><head><title>404 Not Found</title></head></html>").build());
        }
        DatadogIocConfiguration.get().setConcurrency(1);
        WorkflowRun run = build(Result.FAILURE,
                "iocLookup indicators: ['a.example', 'b.example', 'c.example'], failThreshold: 80, " + KEYS + "\n");
        r.assertLogContains("b.example  error: lookup failed: Not looked up: the run stopped as the base URL does not lead to Datadog"
                + " (see the stop cause)", run);
        // The build's failure says the cause, with the count; no second line repeats it.
        r.assertLogContains("Datadog IoC lookup failed the build: The run stopped early: the base URL does not lead to Datadog:"
                + " The server at", run);
        r.assertLogContains("2 of 3 indicators were not looked up.", run);
        r.assertLogNotContains("Stopped: The run stopped early", run);
        assertThat(datadog.requests(), hasSize(1));
    }

    @Test
    void everyEntryOfTheIndicatorsListIsOneIndicatorNeverAComment() throws Exception {
        WorkflowRun run = build(Result.SUCCESS, """
                def r = iocLookup indicators: ['#hash-first.example', 'evil[.]example.org'], failThreshold: 80, %s
                echo "count=${r.indicators}"
                """.formatted(KEYS));
        r.assertLogContains("count=2", run);
        assertThat(datadog.requestedIndicators(), containsInAnyOrder("#hash-first.example", "evil.example.org"));
    }

    @Test
    void defangedIndicatorsAreLookedUpPlainlyInListsAndExtraction() throws Exception {
        datadog.found("45.33.32.156", 10).found("c2.badactor.net", 20).found("evil.badactor.net", 30);
        WorkflowRun run = build(Result.SUCCESS, """
                node {
                    writeFile file: 'iocs.txt', text: '# from the write-up\\nevil[.]badactor[.]net\\n45.33.32[.]156\\n'
                    writeFile file: 'report.md', text: 'Beacon to hxxps://c2[.]badactor[.]net/x, see wp-login.php and image.tag=1\\n'
                    def list = iocLookup file: 'iocs.txt', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    def text = iocLookup file: 'report.md', extract: true, apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    echo "list=${list.results.get(0).indicator},${list.results.get(1).indicator} text=${text.results.size()}:${text.results.get(0).indicator}"
                }
                """);
        r.assertLogContains("list=evil.badactor.net,45.33.32.156 text=1:c2.badactor.net", run);
        assertThat(datadog.requestedIndicators(), containsInAnyOrder("evil.badactor.net", "45.33.32.156", "c2.badactor.net"));
    }

    @Test
    void fileOutsideNodeAsksForANode() throws Exception {
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup file: 'iocs.txt', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                """);
        r.assertLogContains("Reading the file 'iocs.txt' needs a workspace: call iocLookup inside a node block", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void missingFileInsideNode() throws Exception {
        WorkflowRun run = build(Result.FAILURE, """
                node {
                    iocLookup file: 'no-such-file.txt', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                }
                """);
        r.assertLogContains("The file 'no-such-file.txt' does not exist in the workspace", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void noIndicatorAtAll() throws Exception {
        WorkflowRun run = build(Result.FAILURE, "iocLookup apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'\n");
        r.assertLogContains("No indicator given: set indicator, indicators or file.", run);
    }

    @Test
    void unknownCredentialsIdGivesAClearMessage() throws Exception {
        datadog.found("203.0.113.66", 10);
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'no-such-credentials', appKeyCredentialsId: 'dd-app'
                """);
        r.assertLogContains("The Datadog API key credentials 'no-such-credentials' were not found or may not be used by this build", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void noCredentialsAnywhereGivesAClearMessage() throws Exception {
        datadog.found("203.0.113.66", 10);
        WorkflowRun run = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66'\n");
        r.assertLogContains("No credentials for the Datadog API key: set them on the step or as the default", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void globalDefaultsApplyWhenTheStepSaysNothing() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        config.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        config.setUnstableThreshold(40);
        config.setFailThreshold(70);
        config.setOnNotFound(Verdict.UNSTABLE);
        datadog.found("203.0.113.66", 75).found("198.51.100.7", 45);

        WorkflowRun failed = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66'\n");
        r.assertLogContains("threat score 75 is at or above the failure threshold 70", failed);

        WorkflowRun unstable = build(Result.UNSTABLE, "iocLookup indicator: '198.51.100.7'\n");
        r.assertLogContains("threat score 45 is at or above the unstable threshold 40", unstable);

        WorkflowRun notFound = build(Result.UNSTABLE, "iocLookup indicator: 'never-seen.example.org'\n");
        r.assertLogContains("never-seen.example.org: not known to Datadog", notFound);

        for (RecordedRequest request : datadog.requests()) {
            assertEquals(FakeDatadog.API_KEY, request.getHeaders().get("DD-API-KEY"));
            assertEquals(FakeDatadog.APP_KEY, request.getHeaders().get("DD-APPLICATION-KEY"));
        }
        assertThat(datadog.requests(), hasSize(3));
    }

    @Test
    void stepSettingsOverrideGlobalDefaults() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setApiKeyCredentialsId("no-such-credentials");
        config.setAppKeyCredentialsId("no-such-credentials");
        config.setUnstableThreshold(40);
        config.setFailThreshold(70);
        datadog.found("203.0.113.66", 75);

        WorkflowRun run = build(Result.UNSTABLE, """
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', unstableThreshold: 60, failThreshold: 90
                """);
        r.assertLogContains("threat score 75 is at or above the unstable threshold 60", run);
    }

    /**
     * A step that sets one threshold owns the pair: its {@code failThreshold: 50} is not paired with the
     * global unstable threshold of 60 (which would be an inverted pair that aborts every build).
     */
    @Test
    void aStepThatSetsOneThresholdOwnsThePair() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setUnstableThreshold(60);
        config.setFailThreshold(90);
        datadog.found("203.0.113.66", 30).found("198.51.100.7", 55).found("192.0.2.10", 65);

        WorkflowRun low = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', failThreshold: 50, " + KEYS + "\n");
        r.assertLogContains("Datadog IoC lookup: PASS", low);
        WorkflowRun high = build(Result.FAILURE, "iocLookup indicator: '198.51.100.7', failThreshold: 50, " + KEYS + "\n");
        r.assertLogContains("threat score 55 is at or above the failure threshold 50", high);
        // and the global failure threshold does not join a step's unstable threshold either
        WorkflowRun unstable = build(Result.UNSTABLE, "iocLookup indicator: '192.0.2.10', unstableThreshold: 20, " + KEYS + "\n");
        r.assertLogContains("threat score 65 is at or above the unstable threshold 20", unstable);
    }

    @Test
    void moreIndicatorsThanTheCapAreRefusedBeforeAnyLookup() throws Exception {
        DatadogIocConfiguration.get().setMaxIndicators(3);
        WorkflowRun run = build(Result.FAILURE, "iocLookup indicators: ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'], " + KEYS + "\n");
        r.assertLogContains("This run has 4 indicators, more than the 3 allowed per run"
                + " (Manage Jenkins \u00bb System \u00bb Datadog IoC Lookup \u00bb Most indicators per step).", run);
        assertEquals(0, datadog.server().getRequestCount());
        assertNull(run.getAction(IocLookupAction.class));

        build(Result.SUCCESS, "iocLookup indicators: ['192.0.2.1', '192.0.2.2', '192.0.2.3'], " + KEYS + "\n");
    }

    /** The default cap holds for a file too: a log mistaken for an indicator list costs no request. */
    @Test
    void theDefaultCapHoldsForAFile() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= DatadogIocConfiguration.DEFAULT_MAX_INDICATORS; i++) {
            lines.append("host-").append(i).append(".example.org\n");
        }
        WorkflowJob p = r.createProject(WorkflowJob.class);
        r.jenkins.getWorkspaceFor(p).child("iocs.txt").write(lines.toString(), "UTF-8");
        p.setDefinition(new CpsFlowDefinition("node { iocLookup file: 'iocs.txt', " + KEYS + " }\n", true));
        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        r.assertLogContains("This run has 1001 indicators, more than the 1000 allowed per run", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    /** Lookups of later builds reuse the connection of earlier ones (one pool, one proxy selector). */
    @Test
    void buildsShareTheConnectionToDatadog() throws Exception {
        datadog.found("203.0.113.66", 10).found("198.51.100.7", 10);
        build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', " + KEYS + "\n");
        build(Result.SUCCESS, "iocLookup indicator: '198.51.100.7', " + KEYS + "\n");
        List<RecordedRequest> requests = datadog.requests();
        assertThat(requests, hasSize(2));
        assertEquals(requests.get(0).getConnectionIndex(), requests.get(1).getConnectionIndex(), "a new connection for the second build");
        assertEquals(1, requests.get(1).getExchangeIndex());
    }

    @Test
    void theFreestyleBuilderIsNoSecondPipelineStep() {
        assertNull(SymbolLookup.get().findDescriptor(Describable.class, "iocLookupBuilder"));
        assertNull(StepDescriptor.byFunctionName("iocLookupBuilder"));
        assertNotNull(StepDescriptor.byFunctionName("iocLookup"));
    }

    @Test
    void errorVerdictFromTheGlobalDefault() throws Exception {
        DatadogIocConfiguration.get().setOnError(Verdict.UNSTABLE);
        datadog.answer("203.0.113.66", 400, "{\"errors\":[\"invalid indicator\"]}");
        WorkflowRun run = build(Result.UNSTABLE, """
                def r = iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                echo "status=${r.status} error=${r.error}"
                """);
        r.assertLogContains("status=ERROR error=Datadog rejected the request (HTTP 400: invalid indicator).", run);
    }

    @Test
    void errorsFailByDefault() throws Exception {
        datadog.answer("203.0.113.66", 403, "{\"errors\":[\"Forbidden\"]}");
        WorkflowRun run = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', " + KEYS + "\n");
        r.assertLogContains("lookup failed: Datadog refused access (HTTP 403: Forbidden)", run);
        assertEquals(1, datadog.server().getRequestCount(), "a 403 is not retried");
    }

    @Test
    void badStepSettingsAreReported() throws Exception {
        WorkflowRun threshold = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', failThreshold: 150, " + KEYS + "\n");
        r.assertLogContains("The failure threshold must be a score from 0 to 100", threshold);

        WorkflowRun contradicting = build(Result.FAILURE,
                "iocLookup indicator: '203.0.113.66', unstableThreshold: 90, failThreshold: 50, " + KEYS + "\n");
        r.assertLogContains("The unstable threshold (90) may not be above the failure threshold (50).", contradicting);

        WorkflowRun verdict = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', onNotFound: 'maybe', " + KEYS + "\n");
        r.assertLogContains("onNotFound must be one of pass, unstable, failure, not 'maybe'.", verdict);

        WorkflowRun site = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', site: 'datadoghq.invalid', " + KEYS + "\n");
        r.assertLogContains("Unknown Datadog site 'datadoghq.invalid'", site);

        WorkflowRun timeout = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', timeout: 0, " + KEYS + "\n");
        r.assertLogContains("The timeout must be between 1 and 3600 seconds, not 0.", timeout);

        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void lowercaseVerdictsAreAccepted() throws Exception {
        WorkflowRun run = build(Result.FAILURE, "iocLookup indicator: 'never-seen.example.org', onNotFound: 'fail', " + KEYS + "\n");
        r.assertLogContains("not known to Datadog", run);
    }

    @Test
    void answersAreCachedAcrossBuildsWhenTheCacheIsOn() throws Exception {
        DatadogIocConfiguration.get().setCacheMinutes(5);
        datadog.found("203.0.113.66", 10);
        String script = """
                def r = iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                echo "cached=${r.cached}"
                """;
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun first = r.assertBuildStatus(Result.SUCCESS, p.scheduleBuild2(0));
        r.assertLogContains("cached=false", first);
        WorkflowRun second = r.assertBuildStatus(Result.SUCCESS, p.scheduleBuild2(0));
        r.assertLogContains("cached=true", second);
        r.assertLogContains("1 from cache", second);
        assertEquals(1, datadog.server().getRequestCount());
    }

    @Test
    void stepArgumentsRoundTripThroughThePipelineModel() throws Exception {
        IocLookupStep step = new IocLookupStep();
        step.setIndicator("203.0.113.66");
        step.setIndicators(List.of("evil.example.net", "198.51.100.7"));
        step.setFile("iocs.txt");
        step.setExtract(true);
        step.setSuppressions("suppressions.json");
        step.setFailOnExpiredSuppressions(true);
        step.setApiKeyCredentialsId("dd-api");
        step.setAppKeyCredentialsId("dd-app");
        step.setSite("datadoghq.eu");
        step.setUnstableThreshold(50);
        step.setFailThreshold(80);
        step.setOnNotFound("UNSTABLE");
        step.setOnError("PASS");
        step.setOnMaliciousSource("UNSTABLE");
        step.setCategories("botnet, malware");
        step.setOnCategory("FAILURE");
        step.setOnSignal("FAILURE");
        step.setMinSignalSeverity("high");
        step.setOnCriticalAsset("UNSTABLE");
        step.setTimeout(30);
        IocLookupStep copy = DescribableModel.uninstantiate2_(step).instantiate(IocLookupStep.class, TaskListener.NULL);
        r.assertEqualDataBoundBeans(step, copy);

        IocLookupStep blank = DescribableModel.uninstantiate2_(new IocLookupStep()).instantiate(IocLookupStep.class, TaskListener.NULL);
        assertNull(blank.getIndicator());
        assertNull(blank.getIndicators());
        assertNull(blank.getFailThreshold());
        assertThat(DescribableModel.uninstantiate2_(new IocLookupStep()).getArguments().keySet(), is(empty()));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void abortDuringASlowResponse() throws Exception {
        datadog.slow("203.0.113.66", 60);
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("""
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                echo 'not reached'
                """, true));
        WorkflowRun run = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("looking up 1 indicator(s)", run);
        assertNotNull(datadog.server().takeRequest(30, TimeUnit.SECONDS), "the request reached Datadog");

        long stopped = System.nanoTime();
        run.doStop();
        awaitCompletion(run, Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - stopped), lessThan(Duration.ofSeconds(20)));
        r.assertBuildStatus(Result.ABORTED, run);
        r.assertLogNotContains("not reached", run);
        assertNull(run.getAction(IocLookupAction.class));
        Thread.sleep(1000);
        assertEquals(1, datadog.server().getRequestCount(), "no retry after the abort");
    }

    /** Like {@link #abortDuringASlowResponse()}, but watches the connection itself: the abort must close it. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void abortCutsTheRequest() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CountDownLatch received = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            StringBuilder head = new StringBuilder();
            Thread server = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    InputStream in = socket.getInputStream();
                    int c;
                    while ((c = in.read()) != -1) {
                        head.append((char) c);
                        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                            break;
                        }
                    }
                    received.countDown();
                    // never answer; wait for the client to hang up
                    while (in.read() != -1) {
                        // discard
                    }
                } catch (IOException e) {
                    // a reset by the client counts as hanging up
                }
                closed.countDown();
            }, "silent Datadog");
            server.setDaemon(true);
            server.start();
            DatadogIocConfiguration.get().setBaseUrl("http://127.0.0.1:" + listener.getLocalPort() + "/");

            WorkflowJob p = r.createProject(WorkflowJob.class);
            p.setDefinition(new CpsFlowDefinition("""
                    iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    """, true));
            WorkflowRun run = p.scheduleBuild2(0).waitForStart();
            assertTrue(received.await(60, TimeUnit.SECONDS), "the request never arrived");
            assertThat(head.toString(), containsString("GET " + FakeDatadog.PATH + "?indicator=203.0.113.66"));

            run.doStop();
            assertTrue(closed.await(20, TimeUnit.SECONDS), "aborting the build did not close the connection to Datadog");
            awaitCompletion(run, Duration.ofSeconds(20));
            r.assertBuildStatus(Result.ABORTED, run);
        }
    }

    private WorkflowRun build(Result expected, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, p.scheduleBuild2(0));
    }

    private void awaitCompletion(WorkflowRun run, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (run.isBuilding()) {
            if (System.nanoTime() > deadline) {
                fail("the build still runs " + limit.toSeconds() + " s after the abort:\n" + JenkinsRule.getLog(run));
            }
            Thread.sleep(100);
        }
        r.waitForCompletion(run);
    }
}
