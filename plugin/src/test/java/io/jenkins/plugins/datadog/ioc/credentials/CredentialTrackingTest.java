package io.jenkins.plugins.datadog.ioc.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Fingerprint;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Each build that reads the Datadog keys records its use on both credentials' fingerprints, so that the
 * credentials' pages say which jobs use them (a plain id given to findCredentialById is not tracked).
 */
@WithJenkins
class CredentialTrackingTest {
    private JenkinsRule r;
    private FakeDatadog datadog;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        datadog = new FakeDatadog().install();
        datadog.found("203.0.113.66", 10);
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    @Test
    void aPipelineStepTracksBothKeys() throws Exception {
        assertNull(CredentialsProvider.getFingerprintOf(credentials(FakeDatadog.API_KEY_ID)), "no fingerprint before first use");
        WorkflowJob job = r.createProject(WorkflowJob.class, "pipeline");
        job.setDefinition(new CpsFlowDefinition(
                "iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'", true));
        r.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));

        assertUsedBy(FakeDatadog.API_KEY_ID, "pipeline");
        assertUsedBy(FakeDatadog.APP_KEY_ID, "pipeline");
    }

    @Test
    void aFreestyleStepWithTheGlobalKeysTracksThem() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        config.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        FreeStyleProject job = r.createFreeStyleProject("freestyle");
        IocLookupBuilder builder = new IocLookupBuilder();
        builder.setIndicators("203.0.113.66");
        job.getBuildersList().add(builder);
        r.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));

        assertUsedBy(FakeDatadog.API_KEY_ID, "freestyle");
        assertUsedBy(FakeDatadog.APP_KEY_ID, "freestyle");
    }

    private void assertUsedBy(String credentialsId, String jobName) throws Exception {
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(credentials(credentialsId));
        assertNotNull(fingerprint, credentialsId + " has no fingerprint: its use was not tracked");
        assertThat(fingerprint.getJobs(), hasItem(jobName));
        assertTrue(fingerprint.getRangeSet(jobName).includes(1), "build #1 is recorded: " + fingerprint.getRangeSet(jobName));
    }

    private static Credentials credentials(String id) {
        return CredentialsMatchers.firstOrNull(SystemCredentialsProvider.getInstance().getCredentials(),
                CredentialsMatchers.withId(id));
    }
}
