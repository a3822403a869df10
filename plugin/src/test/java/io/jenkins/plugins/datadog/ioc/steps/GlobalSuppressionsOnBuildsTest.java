package io.jenkins.plugins.datadog.ioc.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.config.SuppressionEntry;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import java.io.File;
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
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The global suppression list is the administrator's: a build shows (and keeps in build.xml) only the
 * global entries that matched its indicators, and only those can fail a step with failOnExpiredSuppressions.
 */
@WithJenkins
class GlobalSuppressionsOnBuildsTest {
    private static final String KEYS = "apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'";
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static final String ADMIN_ONLY = "Partner range agreed with ACME, contract 4711";

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
    void globalEntriesThatMatchNothingStayOffTheBuild() throws Exception {
        SuppressionEntry unused = new SuppressionEntry("*.partner.example", ADMIN_ONLY);
        SuppressionEntry expired = new SuppressionEntry("old.example", "Retired scanner, " + ADMIN_ONLY);
        expired.setExpires(YESTERDAY.toString());
        DatadogIocConfiguration.get().setSuppressions(List.of(unused, expired));

        WorkflowRun run = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', failOnExpiredSuppressions: true, " + KEYS);

        IocLookupAction action = run.getAction(IocLookupAction.class);
        assertThat(action.getUnusedSuppressions(), empty());
        assertThat(action.getExpiredSuppressions(), empty());
        assertEquals("PASS", action.getVerdict());
        r.assertLogNotContains(ADMIN_ONLY, run);
        String buildXml = Files.readString(new File(run.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertThat(buildXml, not(containsString("ACME")));
        String report = Files.readString(new File(run.getRootDir(), RecordFile.NAME).toPath(), StandardCharsets.UTF_8);
        assertThat(report, not(containsString("ACME")));
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            assertThat(wc.getPage(run, "datadog-ioc/").getWebResponse().getContentAsString(), not(containsString("ACME")));
            assertThat(wc.goTo(run.getUrl() + "datadog-ioc/api/json?depth=2", "application/json")
                    .getWebResponse().getContentAsString(), not(containsString("ACME")));
        }
    }

    @Test
    void anExpiredGlobalEntryThatMatchesIsShownAndFailsAStepThatAsks() throws Exception {
        SuppressionEntry expired = new SuppressionEntry("203.0.113.0/24", "Old scanner range");
        expired.setExpires(YESTERDAY.toString());
        DatadogIocConfiguration.get().setSuppressions(List.of(expired));

        WorkflowRun warned = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', " + KEYS);
        assertThat(warned.getAction(IocLookupAction.class).getExpiredSuppressions(),
                contains(containsString("203.0.113.0/24 (global suppression 1, until " + YESTERDAY + "): Old scanner range")));

        WorkflowRun failed = build(Result.FAILURE, "iocLookup indicator: '203.0.113.66', failOnExpiredSuppressions: true, " + KEYS);
        r.assertLogContains("the suppression of 203.0.113.0/24 (global suppression 1) expired on " + YESTERDAY
                + ", and this step fails on expired suppressions", failed);
    }

    @Test
    void theGlobalPageFlagsAnExpiredEntry() {
        SuppressionEntry.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(SuppressionEntry.DescriptorImpl.class);

        FormValidation expired = descriptor.doCheckExpires(YESTERDAY.toString());
        FormValidation current = descriptor.doCheckExpires(YESTERDAY.plusDays(2).toString());

        assertEquals(FormValidation.Kind.WARNING, expired.kind);
        assertThat(expired.getMessage(), containsString("This entry expired on " + YESTERDAY));
        assertEquals(FormValidation.Kind.OK, current.kind);
    }

    private WorkflowRun build(Result expected, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }
}
