package io.jenkins.plugins.datadog.ioc.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.actions.IndicatorRecord;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.config.SuppressionEntry;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Suppressions from a workspace file and from the global list, as builds apply and show them. */
@WithJenkins
class SuppressionsTest {
    private static final String KEYS = "apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

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
    void aSuppressedIndicatorPassesWithItsRealScoreAndReason() throws Exception {
        datadog.found("203.0.113.66", 85).found("198.51.100.7", 90);
        WorkflowRun run = pipeline(Result.SUCCESS, List.of(
                entry("203.0.113.66", "Our own scanner, SEC-123", TODAY.plusDays(30), null),
                entry("198.51.100.0/24", "Partner range", null, null)),
                "def r = iocLookup indicators: ['203.0.113.66', '198.51.100.7'], suppressions: 'suppressions.json', failThreshold: 80, " + KEYS
                        + "\necho \"suppressed=${r.suppressed} first=${r.results[0].suppressed} why=${r.results[0].suppressionReason}\"");
        r.assertLogContains("suppressed=2 first=true why=Our own scanner, SEC-123", run);
        r.assertLogContains("suppressed (would be FAILURE) until " + TODAY.plusDays(30) + ": Our own scanner, SEC-123", run);
        r.assertLogContains("; 2 suppressed)", run);

        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertEquals("PASS", action.getVerdict());
        assertEquals(2, action.getSuppressedCount());
        IndicatorRecord first = action.getResults().get(0);
        assertEquals(85.0, first.getScore());
        assertEquals("PASS", first.getVerdict());
        assertEquals("FAILURE", first.getPolicyVerdict());
        assertEquals("Our own scanner, SEC-123", first.getSuppressionReason());
        assertEquals(TODAY.plusDays(30).toString(), first.getSuppressionExpires());
        assertEquals("suppressions.json entry 1", first.getSuppressionSource());
        assertEquals("198.51.100.0/24", action.getResults().get(1).getSuppressedBy());

        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            // as read, spaces included: Jelly trims the white space between a view's pieces
            assertThat(wc.getPage(run).asNormalizedText(), containsString("Worst threat score: 90. 2 suppressed."));
            String details = wc.getPage(run, "datadog-ioc/").asNormalizedText();
            assertThat(details, containsString("Worst threat score: 90. 2 suppressed."));
            assertThat(details, containsString("Suppressed (would be FAILURE) until " + TODAY.plusDays(30)
                    + ": Our own scanner, SEC-123"));
            assertThat(details, containsString("Suppressed (would be FAILURE): Partner range"));
        }
        // The build's results are its JSON report beside build.xml (docs/report-format.md).
        String records = Files.readString(run.getRootDir().toPath().resolve(RecordFile.NAME), StandardCharsets.UTF_8);
        assertThat(records, containsString("\"reason\" : \"Partner range\""));
    }

    @Test
    void anUnstableCeilingKeepsTheBuildUnstable() throws Exception {
        datadog.found("203.0.113.66", 85);
        WorkflowRun run = pipeline(Result.UNSTABLE, List.of(entry("203.0.113.66", "Accepted, but keep it visible", null, "unstable")),
                "iocLookup indicator: '203.0.113.66', suppressions: 'suppressions.json', failThreshold: 80, " + KEYS);
        IndicatorRecord record = run.getAction(IocLookupAction.class).getResults().get(0);
        assertEquals("UNSTABLE", record.getVerdict());
        assertEquals("FAILURE", record.getPolicyVerdict());
    }

    @Test
    void anExpiredSuppressionNoLongerAppliesAndIsFlagged() throws Exception {
        datadog.found("203.0.113.66", 85);
        LocalDate yesterday = TODAY.minusDays(1);
        WorkflowRun run = pipeline(Result.FAILURE, List.of(entry("203.0.113.66", "Was accepted last quarter", yesterday, null)),
                "iocLookup indicator: '203.0.113.66', suppressions: 'suppressions.json', failThreshold: 80, " + KEYS);
        r.assertLogContains("WARNING: suppression of 203.0.113.66 (suppressions.json entry 1) expired on " + yesterday, run);
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66: threat score 85", run);

        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertEquals(0, action.getSuppressedCount());
        assertThat(action.getExpiredSuppressions(), contains(
                "203.0.113.66 (suppressions.json entry 1, until " + yesterday + "): Was accepted last quarter"));
        IndicatorRecord record = action.getResults().get(0);
        assertTrue(record.isSuppressionExpired());
        assertFalse(record.isSuppressed());
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            assertThat(wc.getPage(run).getWebResponse().getContentAsString(), containsString("1 suppression(s) expired"));
            String details = wc.getPage(run, "datadog-ioc/").getWebResponse().getContentAsString();
            assertThat(details, containsString("These suppressions have expired and no longer apply"));
            assertThat(details, containsString("Suppression expired on " + yesterday));
        }
    }

    @Test
    void anExpiredSuppressionOnlyWarnsUnlessTheStepFailsOnIt() throws Exception {
        datadog.found("203.0.113.66", 10);
        List<String> entries = List.of(entry("203.0.113.66", "Old exception", TODAY.minusDays(3), null));
        pipeline(Result.SUCCESS, entries,
                "iocLookup indicator: '203.0.113.66', suppressions: 'suppressions.json', failThreshold: 80, " + KEYS);
        WorkflowRun failing = pipeline(Result.FAILURE, entries, "iocLookup indicator: '203.0.113.66', "
                + "suppressions: 'suppressions.json', failOnExpiredSuppressions: true, failThreshold: 80, " + KEYS);
        r.assertLogContains("Datadog IoC lookup failed the build: the suppression of 203.0.113.66 (suppressions.json entry 1) expired on "
                + TODAY.minusDays(3) + ", and this step fails on expired suppressions", failing);
        assertEquals("FAILURE", failing.getAction(IocLookupAction.class).getVerdict());
    }

    @Test
    void anEntryThatMatchedNothingIsReportedAsUnused() throws Exception {
        datadog.found("203.0.113.66", 10);
        WorkflowRun run = pipeline(Result.SUCCESS, List.of(entry("*.cdn.example.com", "CDN edge names", null, null)),
                "iocLookup indicator: '203.0.113.66', suppressions: 'suppressions.json', " + KEYS);
        r.assertLogContains("NOTE: suppression of *.cdn.example.com (suppressions.json entry 1) matched no indicator", run);
        assertThat(run.getAction(IocLookupAction.class).getUnusedSuppressions(),
                contains("*.cdn.example.com (suppressions.json entry 1): CDN edge names"));
    }

    @Test
    void aMalformedFileFailsTheStepBeforeAnyLookup() throws Exception {
        WorkflowRun run = build(Result.FAILURE, """
                node {
                    writeFile file: 'suppressions.json', text: '{"suppressions": [{"indicator": "203.0.113.66", "expiry": "2027-01-01", "reason": "x"}]}'
                    iocLookup indicator: '203.0.113.66', suppressions: 'suppressions.json', %s
                }
                """.formatted(KEYS));
        r.assertLogContains("suppressions.json", run);
        r.assertLogContains("\"expiry\"", run);
        r.assertLogNotContains("\tat ", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void aSuppressionFileNeedsAWorkspace() throws Exception {
        WorkflowRun run = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', suppressions: 's.json', " + KEYS);
        r.assertLogContains("Reading the suppressions file 's.json' needs a workspace", run);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void aMissingSuppressionFileIsNamed() throws Exception {
        WorkflowRun run = build(Result.FAILURE, "node { iocLookup indicator: '203.0.113.66', suppressions: 'missing.json', " + KEYS + " }");
        r.assertLogContains("The suppressions file 'missing.json' does not exist in the workspace", run);
    }

    @Test
    void theGlobalListAppliesToEveryBuildBeforeTheStepsFile() throws Exception {
        datadog.found("a.cdn.example.com", 95).found("203.0.113.66", 85);
        SuppressionEntry cdn = new SuppressionEntry("*.cdn.example.com", "CDN edge names, NET-7");
        DatadogIocConfiguration.get().setSuppressions(List.of(cdn));
        WorkflowRun run = build(Result.FAILURE,
                "iocLookup indicators: ['a.cdn.example.com', '203.0.113.66'], failThreshold: 80, " + KEYS);
        IocLookupAction action = run.getAction(IocLookupAction.class);
        IndicatorRecord suppressed = action.getResults().get(0);
        assertTrue(suppressed.isSuppressed());
        assertEquals("global suppression 1", suppressed.getSuppressionSource());
        assertEquals("FAILURE", action.getResults().get(1).getVerdict());
    }

    @Test
    void theFreestyleBuilderReadsASuppressionFileAndShowsWhereIndicatorsWereFound() throws Exception {
        datadog.found("45.33.32.156", 85);
        FreeStyleProject project = r.createFreeStyleProject();
        String suppressions = file(List.of(entry("45.33.32.156", "Known scanner", null, null)));
        project.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(hudson.model.AbstractBuild<?, ?> build, hudson.Launcher launcher, hudson.model.BuildListener listener)
                    throws java.io.IOException, InterruptedException {
                build.getWorkspace().child("suppressions.json").write(suppressions, "UTF-8");
                build.getWorkspace().child("deploy.log").write("line one\n  fetched from 45.33.32.156 and 45.33.32.156\n", "UTF-8");
                return true;
            }
        });
        IocLookupBuilder builder = new IocLookupBuilder();
        builder.setFile("deploy.log");
        builder.setExtract(true);
        builder.setSuppressions("suppressions.json");
        builder.setFailThreshold(80);
        builder.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        builder.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        project.getBuildersList().add(builder);
        FreeStyleBuild build = r.buildAndAssertSuccess(project);
        IndicatorRecord record = build.getAction(IocLookupAction.class).getResults().get(0);
        assertTrue(record.isSuppressed());
        assertEquals("deploy.log:2:16", record.getFoundAt());
        assertEquals(2, record.getOccurrences());
        r.assertLogContains("deploy.log:2:16", build);
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            assertThat(wc.getPage(build, "datadog-ioc/indicator/0/").getWebResponse().getContentAsString(),
                    containsString("deploy.log:2:16 (2 occurrence(s))"));
        }
    }

    @Test
    void withoutSuppressionsNothingIsSaidAboutThem() throws Exception {
        datadog.found("203.0.113.66", 10);
        WorkflowRun run = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', " + KEYS);
        r.assertLogNotContains("suppress", run);
        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertThat(action.getExpiredSuppressions(), empty());
        assertThat(action.getUnusedSuppressions(), empty());
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            assertThat(wc.getPage(run, "datadog-ioc/").getWebResponse().getContentAsString(), not(containsString("uppress")));
        }
    }

    private static String entry(String indicator, String reason, LocalDate expires, String maxVerdict) {
        return "{\"indicator\": \"" + indicator + "\", \"reason\": \"" + reason + "\""
                + (expires == null ? "" : ", \"expires\": \"" + expires + "\"")
                + (maxVerdict == null ? "" : ", \"max_verdict\": \"" + maxVerdict + "\"") + "}";
    }

    private static String file(List<String> entries) {
        return "{\"suppressions\": [" + String.join(", ", entries) + "]}";
    }

    /** Runs {@code step} in a node whose workspace holds {@code suppressions.json} with those entries. */
    private WorkflowRun pipeline(Result expected, List<String> entries, String step) throws Exception {
        String json = file(entries).replace("\\", "\\\\").replace("'", "\\'");
        return build(expected, "node {\n  writeFile file: 'suppressions.json', text: '" + json + "'\n  " + step + "\n}\n");
    }

    private WorkflowRun build(Result expected, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, p.scheduleBuild2(0));
    }
}
