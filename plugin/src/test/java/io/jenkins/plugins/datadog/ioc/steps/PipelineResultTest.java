package io.jenkins.plugins.datadog.ioc.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a script gets back from the step, in the sandbox: the results of a failing gate with {@code
 * returnOnFailure: true}, and the step in Declarative Pipeline, in {@code steps { }} and {@code script { }}.
 */
@WithJenkins
class PipelineResultTest {
    private JenkinsRule r;
    private FakeDatadog datadog;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        datadog = new FakeDatadog().install();
        datadog.found("203.0.113.66", 85).found("198.51.100.7", 10);
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    @Test
    void returnOnFailureMarksTheBuildFailedAndReturnsTheResults() throws Exception {
        WorkflowRun run = build(Result.FAILURE, """
                def r = iocLookup indicators: ['203.0.113.66', '198.51.100.7'], failThreshold: 80, returnOnFailure: true,
                        apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                echo "verdict=${r.verdict} worst=${r.worstScore} count=${r.results.size()} first=${r.results.get(0).indicator}:${r.results.get(0).verdict}"
                echo "result so far: ${currentBuild.currentResult}"
                """);
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66: threat score 85 is at or above the failure threshold 80", run);
        r.assertLogContains("verdict=FAILURE worst=85.0 count=2 first=203.0.113.66:FAILURE", run);
        r.assertLogContains("result so far: FAILURE", run);
        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertNotNull(action);
        assertEquals("FAILURE", action.getVerdict());

        List<FlowNode> marked = new DepthFirstScanner().allNodes(run.getExecution()).stream()
                .filter(node -> node.getPersistentAction(WarningAction.class) != null)
                .toList();
        assertThat(marked, hasSize(1));
        assertEquals("iocLookup", marked.get(0).getDisplayFunctionName());
        assertEquals(Result.FAILURE, marked.get(0).getPersistentAction(WarningAction.class).getResult());
    }

    @Test
    void withoutReturnOnFailureTheStepThrowsAndTheScriptStops() throws Exception {
        WorkflowRun run = build(Result.FAILURE, """
                def r = iocLookup indicator: '203.0.113.66', failThreshold: 80, apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                echo "returned ${r.verdict}"
                """);
        r.assertLogContains("Datadog IoC lookup failed the build: 203.0.113.66", run);
        r.assertLogNotContains("returned", run);
    }

    @Test
    void returnOnFailureChangesNothingWhenTheGatePasses() throws Exception {
        WorkflowRun run = build(Result.SUCCESS, """
                def r = iocLookup indicator: '198.51.100.7', failThreshold: 80, returnOnFailure: true,
                        apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                echo "verdict=${r.verdict}"
                """);
        r.assertLogContains("verdict=PASS", run);
    }

    @Test
    void declarativePipelineGatesAStageAndReadsTheResultInAScript() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("FAIL_AT", "90")));
        job.setDefinition(new CpsFlowDefinition("""
                pipeline {
                    agent none
                    stages {
                        stage('gate') {
                            steps {
                                iocLookup indicator: '203.0.113.66', unstableThreshold: 50, failThreshold: params.FAIL_AT as Integer,
                                          apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                            }
                        }
                        stage('read') {
                            steps {
                                script {
                                    def r = iocLookup indicator: '198.51.100.7', failThreshold: 80,
                                                      apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                                    echo "script verdict=${r.verdict} score=${r.score}"
                                }
                            }
                        }
                    }
                    post {
                        unstable {
                            echo 'post: the build is unstable'
                        }
                    }
                }
                """, true));
        WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));
        // 85 is below the parameter's 90 and above 50: unstable, not failed, so the threshold came from params
        r.assertLogContains("Datadog IoC lookup marked the build unstable: 203.0.113.66: threat score 85 is at or above the unstable threshold 50", run);
        r.assertLogContains("script verdict=PASS score=10.0", run);
        r.assertLogContains("post: the build is unstable", run);
        assertThat(datadog.requestedIndicators(), contains("203.0.113.66", "198.51.100.7"));
    }

    private WorkflowRun build(Result expected, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }
}
