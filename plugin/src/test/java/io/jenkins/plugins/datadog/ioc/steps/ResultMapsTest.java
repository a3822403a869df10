package io.jenkins.plugins.datadog.ioc.steps;

import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What {@code iocLookup} returns stays small: past 100 indicators, only what did not pass, flagged as cut. */
@WithJenkins
class ResultMapsTest {
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
    void aLargeLookupReturnsWhatDidNotPassAndSaysItIsCut() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String indicator = "host-" + i + ".example.org";
            lines.add(indicator);
            datadog.found(indicator, i % 80); // 50 of them score 50 to 79: UNSTABLE
        }
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'hosts.txt', text: '%s'
                  def r = iocLookup file: 'hosts.txt', unstableThreshold: 50, failThreshold: 90, apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                  echo "indicators=${r.indicators} results=${r.results.size()} truncated=${r.truncated} first=${r.results[0].verdict} unstable=${r.unstable}"
                  echo "report=${r.reportUrl}"
                }
                """.formatted(String.join("\\n", lines)), true));
        WorkflowRun run = r.assertBuildStatus(Result.UNSTABLE, p.scheduleBuild2(0));
        r.assertLogContains("indicators=150 results=50 truncated=true first=UNSTABLE unstable=50", run);
        r.assertLogContains("report=" + r.getURL() + run.getUrl() + "datadog-ioc/report", run);
    }
}
