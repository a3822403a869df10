package io.jenkins.plugins.datadog.ioc.steps;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart while a lookup waits for Datadog: the step fails with a message, the build ends. */
class IocLookupStepRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private FakeDatadog datadog;

    @BeforeEach
    void setUp() throws Exception {
        datadog = new FakeDatadog();
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void restartDuringALookupFailsTheStepCleanly() throws Throwable {
        datadog.slow("203.0.113.66", 120);
        sessions.then(r -> {
            datadog.install();
            WorkflowJob p = r.createProject(WorkflowJob.class, "gate");
            p.setDefinition(new CpsFlowDefinition("""
                    iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    echo 'not reached'
                    """, true));
            WorkflowRun run = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("looking up 1 indicator(s)", run);
            assertNotNull(datadog.server().takeRequest(30, TimeUnit.SECONDS), "the request reached Datadog");
        });
        sessions.then(r -> {
            WorkflowRun run = r.jenkins.getItemByFullName("gate", WorkflowJob.class).getBuildByNumber(1);
            r.waitForCompletion(run);
            r.assertBuildStatus(Result.FAILURE, run);
            r.assertLogContains(Messages.IocLookupStep_Restarted(), run);
            r.assertLogNotContains("not reached", run);
            assertNull(run.getAction(IocLookupAction.class), "no result was recorded for the interrupted lookup");
        });
    }
}
