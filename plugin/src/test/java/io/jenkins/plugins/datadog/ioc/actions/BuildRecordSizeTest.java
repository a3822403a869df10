package io.jenkins.plugins.datadog.ioc.actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
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
        assertThat(fullPerResult, lessThan(3_500L));
        assertThat(defaultPerResult, lessThan(fullPerResult));
        assertThat(notFoundPerResult, lessThan(500L));
    }

    /** The growth of build.xml from 100 to 300 results, per result. */
    private long perResult(List<String> indicators) throws Exception {
        long small = buildXmlBytes(indicators.subList(0, 100));
        long large = buildXmlBytes(indicators);
        return (large - small) / (indicators.size() - 100);
    }

    /** A freestyle build, whose own record is small and constant (a Pipeline literal list also stops at 250). */
    private long buildXmlBytes(List<String> indicators) throws Exception {
        IocLookupBuilder lookup = new IocLookupBuilder();
        lookup.setIndicators(String.join("\n", indicators));
        lookup.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        lookup.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(lookup);
        FreeStyleBuild build = r.buildAndAssertSuccess(p);
        return new File(build.getRootDir(), "build.xml").length();
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
