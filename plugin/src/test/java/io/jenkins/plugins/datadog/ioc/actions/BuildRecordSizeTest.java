package io.jenkins.plugins.datadog.ioc.actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import java.io.File;
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

/**
 * What each looked-up indicator adds to build.xml, as Jenkins writes it: the figures in
 * docs/performance.md, and a bound that catches a record that grows by accident.
 */
@WithJenkins
class BuildRecordSizeTest {
    private JenkinsRule r;
    private FakeDatadog datadog;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        datadog = new FakeDatadog().install();
        DatadogIocConfiguration.get().setMaxIndicators(10_000);
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    @Test
    void bytesPerResult() throws Exception {
        String full = IocLookupActionTest.fullBody();
        List<String> found = indicators("found", 300);
        found.forEach(indicator -> datadog.answer(indicator, 200, full));
        List<String> unknown = indicators("unknown", 300);

        DatadogIocConfiguration.get().setRecordOrganizationData(true);
        long fullPerResult = perResult(found);
        DatadogIocConfiguration.get().setRecordOrganizationData(false);
        long defaultPerResult = perResult(found);
        long notFoundPerResult = perResult(unknown);
        System.out.printf("build.xml bytes per result: %d fully populated with organization data, %d fully populated"
                + " (default), %d not found%n", fullPerResult, defaultPerResult, notFoundPerResult);
        assertThat(fullPerResult, lessThan(2_500L));
        assertThat(defaultPerResult, lessThan(fullPerResult));
        assertThat(notFoundPerResult, lessThan(400L));
    }

    /** The growth of build.xml from 100 to 300 results, per result. */
    private long perResult(List<String> indicators) throws Exception {
        long small = buildXmlBytes(indicators.subList(0, 100));
        long large = buildXmlBytes(indicators);
        return (large - small) / (indicators.size() - 100);
    }

    private long buildXmlBytes(List<String> indicators) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("iocLookup indicators: ['" + String.join("', '", indicators)
                + "'], apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'\n", true));
        WorkflowRun run = r.assertBuildStatus(Result.SUCCESS, p.scheduleBuild2(0));
        return new File(run.getRootDir(), "build.xml").length();
    }

    /** Host names of a typical length, such as {@code found-042.example.org}. */
    private static List<String> indicators(String kind, int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(String.format("%s-%03d.example.org", kind, i));
        }
        return list;
    }
}
