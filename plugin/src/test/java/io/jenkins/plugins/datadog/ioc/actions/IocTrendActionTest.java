package io.jenkins.plugins.datadog.ioc.actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
import io.jenkins.plugins.datadog.ioc.trend.TrendRow;
import io.jenkins.plugins.datadog.ioc.trend.TrendView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job page's latest verdict and trend, and the trend's own page. */
@WithJenkins
class IocTrendActionTest {
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    private static final String LOOKUP = "apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'";

    private JenkinsRule r;
    private FakeDatadog datadog;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        datadog = new FakeDatadog().install();
        datadog.found("203.0.113.66", 85).found("198.51.100.7", 60);
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    /** Three builds: a failure, one without a lookup (a gap), and an unstable one a Pipeline gave a hostile name. */
    @Test
    void theJobPageShowsTheLatestVerdictAndTheTrend() throws Exception {
        WorkflowJob job = pipeline();
        String jobUrl = r.contextPath + "/" + job.getUrl();

        List<String> alerts = new ArrayList<>();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            wc.setAlertHandler((page, message) -> alerts.add(message));
            HtmlPage page = wc.getPage(job);
            String text = page.asNormalizedText();
            assertThat(text, containsString("Datadog IoC lookups"));
            assertThat(text, containsString("Latest lookup, " + HOSTILE_NAME + ": UNSTABLE."));
            // the indicator Datadog does not know is counted apart, never as a pass
            assertThat(text, containsString("2 indicator(s): 0 failure, 1 unstable, 0 pass, 1 not found, 0 error(s)."));
            assertThat(text, containsString("Worst threat score: 60."));
            DomElement latest = page.getFirstByXPath("//p[@class='ioc-trend-latest']/a");
            assertEquals(jobUrl + "3/datadog-ioc/", latest.getAttribute("href"));

            DomElement svg = chart(page);
            assertEquals("img", svg.getAttribute("role"));
            assertThat(links(svg), contains(jobUrl + "1/datadog-ioc/", jobUrl + "2/", jobUrl + "3/datadog-ioc/"));
            assertThat(svg.asXml(), containsString("#1: FAILURE. 1 indicator: 1 failure, 0 unstable, 0 pass, 0 not found, 0 errors."));
            // the hostile name is text everywhere: in the latest verdict, the chart's tooltips, the table
            assertThat(page.getByXPath("//img[@src='x']"), empty());
            assertThat(page.getWebResponse().getContentAsString(), not(containsString("<img src=x")));
            assertThat(svg.asXml(), containsString("&lt;img src=x onerror=alert(1)&gt;: UNSTABLE."));
            assertThat(rows(page), hasSize(3));
            // a link to the trend's own page with more builds
            assertNotNull(page.getFirstByXPath("//a[@href='" + jobUrl + "datadog-ioc-trend/?builds=100']"));

            // colours from a stylesheet that core's jar serves as an adjunct, no inline style, no script
            assertThat(page.getByXPath("//div[@class='ioc-trend-box']//*[@style]"), empty());
            assertThat(page.getByXPath("//div[@class='ioc-trend-box']//script"), empty());
            DomElement stylesheet = page.getFirstByXPath("//link[contains(@href, 'trend-chart.css')]");
            assertNotNull(stylesheet);
            Page css = wc.getPage(page.getFullyQualifiedUrl(stylesheet.getAttribute("href")));
            assertEquals(200, css.getWebResponse().getStatusCode());
            assertThat(css.getWebResponse().getContentAsString(), containsString(".ioc-trend-failure"));
        }
        assertThat(alerts, empty());
    }

    /** The trend's page: ?builds=N chooses how many of the newest completed builds it shows. */
    @Test
    void theTrendPageShowsAsManyBuildsAsAskedFor() throws Exception {
        WorkflowJob job = pipeline();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage two = wc.goTo(job.getUrl() + "datadog-ioc-trend/?builds=2");
            assertThat(links(chart(two)), hasSize(2));
            List<String> rows = rows(two);
            assertThat(rows, hasSize(2));
            assertThat(rows.get(0), containsString(HOSTILE_NAME));
            assertThat(rows.get(1), containsString("#2"));
            assertThat(rows.get(1), containsString("No lookup"));
            assertThat(two.asNormalizedText(), containsString("Last 2 completed build(s)."));

            // not a number: the default, 30 (all three builds here)
            HtmlPage fallback = wc.goTo(job.getUrl() + "datadog-ioc-trend/?builds=%3Cb%3E");
            assertThat(rows(fallback), hasSize(3));
            assertThat(fallback.asNormalizedText(), containsString("Last 3 completed build(s)."));
        }
    }

    @Test
    void freestyleJobsHaveTheTrendToo() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        IocLookupBuilder builder = builderFor("198.51.100.7");
        builder.setUnstableThreshold(50);
        project.getBuildersList().add(builder);
        FreeStyleBuild build = r.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));

        IocTrendAction action = project.getAction(IocTrendAction.class);
        assertNotNull(action);
        assertTrue(action.isShown());
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage page = wc.getPage(project);
            assertThat(links(chart(page)), contains(r.contextPath + "/" + build.getUrl() + "datadog-ioc/"));
            assertThat(page.asNormalizedText(), containsString("Latest lookup, #1: UNSTABLE."));
            // the side-panel link to the trend's page (the box's links have a ?builds=N)
            assertEquals("symbol-shield-warning", action.getIconFileName());
            assertNotNull(page.getFirstByXPath("//a[contains(@href, 'datadog-ioc-trend') and not(contains(@href, '?'))]"));
        }
    }

    /** A job that never looks anything up shows nothing of the plugin. */
    @Test
    void jobsWithoutLookupsShowNothing() throws Exception {
        FreeStyleProject project = r.createFreeStyleProject();
        r.buildAndAssertSuccess(project);
        IocTrendAction action = project.getAction(IocTrendAction.class);
        assertFalse(action.isShown());
        assertEquals(null, action.getIconFileName());
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage page = wc.getPage(project);
            assertThat(page.getWebResponse().getContentAsString(), not(containsString("ioc-trend")));
            assertThat(page.getByXPath("//a[contains(@href, 'datadog-ioc-trend')]"), empty());
        }
    }

    /** The trend reads the builds it shows, no older ones. */
    @Test
    void theTrendLoadsOnlyTheBuildsItShows() throws Exception {
        FreeStyleProject created = r.createFreeStyleProject();
        IocLookupBuilder builder = builderFor("203.0.113.66");
        builder.setFailThreshold(80);
        created.getBuildersList().add(builder);
        for (int i = 0; i < 8; i++) {
            r.assertBuildStatus(Result.FAILURE, created.scheduleBuild2(0));
        }
        String name = created.getFullName();
        r.jenkins.reload();
        FreeStyleProject project = r.jenkins.getItemByFullName(name, FreeStyleProject.class);
        IocTrendAction action = project.getAction(IocTrendAction.class);
        Set<Integer> before = new HashSet<>(project._getRuns().getLoadedBuilds().keySet());

        TrendView view = action.trend(3);
        assertThat(view.getRows().stream().map(TrendRow::getNumber).toList(), contains(8, 7, 6));
        Set<Integer> loaded = new HashSet<>(project._getRuns().getLoadedBuilds().keySet());
        loaded.removeAll(before);
        assertThat(loaded, everyItem(in(Set.of(8, 7, 6))));
    }

    private static IocLookupBuilder builderFor(String indicator) {
        IocLookupBuilder builder = new IocLookupBuilder();
        builder.setIndicator(indicator);
        builder.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        builder.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        return builder;
    }

    private WorkflowJob pipeline() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("iocLookup indicator: '203.0.113.66', failThreshold: 80, " + LOOKUP + "\n", true));
        r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        job.setDefinition(new CpsFlowDefinition("echo 'nothing to look up'\n", true));
        r.buildAndAssertSuccess(job);
        job.setDefinition(new CpsFlowDefinition("currentBuild.displayName = '" + HOSTILE_NAME + "'\n"
                + "iocLookup indicators: ['198.51.100.7', 'unknown.example'], unstableThreshold: 50, " + LOOKUP + "\n", true));
        r.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));
        return job;
    }

    private static DomElement chart(HtmlPage page) {
        // by its class: Jenkins draws its status symbols as inline SVG too
        DomElement svg = page.getFirstByXPath("//*[local-name()='svg' and @class='ioc-trend']");
        assertNotNull(svg, "no chart on " + page.getUrl());
        return svg;
    }

    private static List<String> links(DomElement svg) {
        List<String> hrefs = new ArrayList<>();
        for (Object link : svg.getByXPath(".//*[local-name()='a']")) {
            hrefs.add(((DomElement) link).getAttribute("href"));
        }
        return hrefs;
    }

    private static List<String> rows(HtmlPage page) {
        List<String> rows = new ArrayList<>();
        for (Object row : page.getByXPath("//details[@class='ioc-trend-table']//tbody/tr")) {
            // the text content: a closed <details> is not displayed, and its text not "seen" as a user would
            rows.add(((DomNode) row).getTextContent());
        }
        return rows;
    }
}
