package io.jenkins.plugins.datadog.ioc.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Cause;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.slaves.EnvironmentVariablesNodeProperty;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.actions.IndicatorRecord;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import java.nio.charset.StandardCharsets;
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

@WithJenkins
class IocLookupBuilderTest {
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
    void passKeepsTheBuildSuccessful() throws Exception {
        datadog.found("203.0.113.66", 10);
        FreeStyleBuild build = r.buildAndAssertSuccess(project(lookup("203.0.113.66")));
        r.assertLogContains("Datadog IoC lookup: PASS (1 indicator: 1 found", build);
        IocLookupAction action = build.getAction(IocLookupAction.class);
        assertNotNull(action);
        assertEquals("PASS", action.getVerdict());
        assertEquals(FakeDatadog.API_KEY, datadog.requests().get(0).getHeaders().get("DD-API-KEY"));
    }

    @Test
    void unstableMarksTheBuildUnstable() throws Exception {
        datadog.found("203.0.113.66", 60);
        IocLookupBuilder builder = lookup("203.0.113.66");
        builder.setUnstableThreshold(50);
        FreeStyleBuild build = r.assertBuildStatus(Result.UNSTABLE, project(builder).scheduleBuild2(0));
        r.assertLogContains("Datadog IoC lookup marked the build unstable: 203.0.113.66: threat score 60 is at or above the unstable threshold 50", build);
    }

    @Test
    void failureFailsTheBuild() throws Exception {
        datadog.found("203.0.113.66", 85);
        FreeStyleBuild build = r.assertBuildStatus(Result.FAILURE, project(lookup("203.0.113.66")).scheduleBuild2(0));
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66: threat score 85 is at or above the failure threshold 80", build);
        assertEquals("FAILURE", build.getAction(IocLookupAction.class).getVerdict());
    }

    @Test
    void notFoundAndErrorsFollowTheirSettings() throws Exception {
        IocLookupBuilder notFound = lookup("never-seen.example.org");
        notFound.setOnNotFound("UNSTABLE");
        FreeStyleBuild unstable = r.assertBuildStatus(Result.UNSTABLE, project(notFound).scheduleBuild2(0));
        r.assertLogContains("never-seen.example.org: not known to Datadog", unstable);

        datadog.answer("203.0.113.66", 401, "{\"errors\":[\"Unauthorized\"]}");
        FreeStyleBuild failed = r.assertBuildStatus(Result.FAILURE, project(lookup("203.0.113.66")).scheduleBuild2(0));
        r.assertLogContains("Datadog rejected the API key (HTTP 401: Unauthorized)", failed);

        IocLookupBuilder tolerant = lookup("203.0.113.66");
        tolerant.setOnError("PASS");
        r.buildAndAssertSuccess(project(tolerant));
    }

    @Test
    void severalIndicatorsKeepTheirOrder() throws Exception {
        datadog.found("203.0.113.66", 10).found("evil.example.net", 20);
        IocLookupBuilder builder = lookup("203.0.113.66");
        builder.setIndicators("evil.example.net\nnever-seen.example.org");
        FreeStyleBuild build = r.buildAndAssertSuccess(project(builder));
        assertThat(build.getAction(IocLookupAction.class).getResults().stream().map(IndicatorRecord::getIndicator).toList(),
                contains("203.0.113.66", "evil.example.net", "never-seen.example.org"));
    }

    /** The freestyle builder has the rules the CLI has, and says what matched. */
    @Test
    void rulesBeyondTheScoreFlagALowScore() throws Exception {
        datadog.found("203.0.113.66", 10, "IP Address", List.of("Botnet"), List.of("abuse.ch"));
        IocLookupBuilder malicious = lookup("203.0.113.66");
        malicious.setOnMaliciousSource("UNSTABLE");
        FreeStyleBuild unstable = r.assertBuildStatus(Result.UNSTABLE, project(malicious).scheduleBuild2(0));
        r.assertLogContains("Datadog IoC lookup marked the build unstable: 203.0.113.66: flagged as malicious by abuse.ch", unstable);

        IocLookupBuilder category = lookup("203.0.113.66");
        category.setCategories("malware\nbotnet");
        FreeStyleBuild failed = r.assertBuildStatus(Result.FAILURE, project(category).scheduleBuild2(0));
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66: in category Botnet", failed);

        IocLookupBuilder otherCategory = lookup("203.0.113.66");
        otherCategory.setCategories("phishing");
        r.buildAndAssertSuccess(project(otherCategory));
    }

    @Test
    void configRoundtripKeepsEveryField() throws Exception {
        IocLookupBuilder before = new IocLookupBuilder();
        before.setIndicator("203.0.113.66");
        before.setIndicators("evil.example.net\nnever-seen.example.org");
        before.setFile("iocs.txt");
        before.setExtract(true);
        before.setSuppressions("suppressions.json");
        before.setFailOnExpiredSuppressions(true);
        before.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        before.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        before.setSite("datadoghq.eu");
        before.setUnstableThreshold(50);
        before.setFailThreshold(80);
        before.setOnNotFound("UNSTABLE");
        before.setOnError("PASS");
        before.setOnMaliciousSource("UNSTABLE");
        before.setCategories("botnet, malware");
        before.setOnCategory("FAILURE");
        before.setOnSignal("FAILURE");
        before.setMinSignalSeverity("high");
        before.setOnCriticalAsset("UNSTABLE");
        before.setTimeout(30);
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(before);

        r.configRoundtrip(p);

        IocLookupBuilder after = p.getBuildersList().get(IocLookupBuilder.class);
        assertNotSame(before, after);
        r.assertEqualDataBoundBeans(before, after);
    }

    @Test
    void configRoundtripKeepsEmptyFieldsEmpty() throws Exception {
        IocLookupBuilder before = new IocLookupBuilder();
        before.setIndicator("203.0.113.66");
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(before);

        r.configRoundtrip(p);

        IocLookupBuilder after = p.getBuildersList().get(IocLookupBuilder.class);
        assertNotSame(before, after);
        r.assertEqualDataBoundBeans(before, after);
        // blank number fields must mean "the global default", never 0
        assertNull(after.getUnstableThreshold());
        assertNull(after.getFailThreshold());
        assertNull(after.getTimeout());
        assertNull(after.getSite());
        assertNull(after.getOnNotFound());
        assertNull(after.getApiKeyCredentialsId());
        assertFalse(after.isExtract());
    }

    @Test
    void indicatorFromABuildParameter() throws Exception {
        datadog.found("198.51.100.7", 10);
        FreeStyleProject p = project(lookup("${IOC}"));
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("IOC", "203.0.113.66")));
        FreeStyleBuild build = r.assertBuildStatus(Result.SUCCESS, p.scheduleBuild2(0, new Cause.UserIdCause(),
                new ParametersAction(new StringParameterValue("IOC", "198.51.100.7"))));
        assertEquals(List.of("198.51.100.7"), datadog.requestedIndicators());
        assertEquals("198.51.100.7", build.getAction(IocLookupAction.class).getResults().get(0).getIndicator());
    }

    @Test
    void indicatorsAndFileFromGlobalEnvironmentVariables() throws Exception {
        r.jenkins.getGlobalNodeProperties().add(new EnvironmentVariablesNodeProperty(
                new EnvironmentVariablesNodeProperty.Entry("SUSPECT_HOST", "evil.example.net"),
                new EnvironmentVariablesNodeProperty.Entry("IOC_FILE", "iocs.txt")));
        datadog.found("evil.example.net", 20).found("203.0.113.66", 10);
        IocLookupBuilder builder = lookup(null);
        builder.setIndicators("${SUSPECT_HOST}");
        builder.setFile("${IOC_FILE}");
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws java.io.IOException, InterruptedException {
                build.getWorkspace().child("iocs.txt").write("203.0.113.66\n", StandardCharsets.UTF_8.name());
                return true;
            }
        });
        p.getBuildersList().add(builder);
        r.buildAndAssertSuccess(p);
        assertThat(datadog.requestedIndicators(), containsInAnyOrder("evil.example.net", "203.0.113.66"));
    }

    /** {@code ${IOC_FILE}} unset would otherwise read the workspace directory itself. */
    @Test
    void aFileThatExpandsToNothingIsAClearError() throws Exception {
        r.jenkins.getGlobalNodeProperties().add(new EnvironmentVariablesNodeProperty(
                new EnvironmentVariablesNodeProperty.Entry("EMPTY", "")));
        IocLookupBuilder builder = lookup(null);
        builder.setFile("${EMPTY}");
        FreeStyleBuild build = r.assertBuildStatus(Result.FAILURE, project(builder).scheduleBuild2(0));
        r.assertLogContains("The file '${EMPTY}' names no file once its variables are expanded", build);
        r.assertLogNotContains("Exception", build);
        assertEquals(0, datadog.server().getRequestCount());
    }

    @Test
    void needsAWorkspaceOnlyForAFile() {
        IocLookupBuilder builder = lookup("203.0.113.66");
        assertFalse(builder.requiresWorkspace());
        builder.setFile("iocs.txt");
        assertTrue(builder.requiresWorkspace());
    }

    /** The builder through Pipeline's generic {@code step}, outside any node: it must run without a workspace. */
    @Test
    void runsWithoutAWorkspaceWhenNoFileIsGiven() throws Exception {
        datadog.found("203.0.113.66", 10);
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("""
                step([$class: 'IocLookupBuilder', indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'])
                """, true));
        WorkflowRun run = r.assertBuildStatus(Result.SUCCESS, p.scheduleBuild2(0));
        r.assertLogContains("Datadog IoC lookup: PASS", run);
        r.assertLogNotContains("Running on", run);
        assertEquals(List.of("203.0.113.66"), datadog.requestedIndicators());
    }

    private static IocLookupBuilder lookup(String indicator) {
        IocLookupBuilder builder = new IocLookupBuilder();
        builder.setIndicator(indicator);
        builder.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        builder.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        builder.setFailThreshold(80);
        return builder;
    }

    private FreeStyleProject project(IocLookupBuilder builder) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(builder);
        return p;
    }
}
