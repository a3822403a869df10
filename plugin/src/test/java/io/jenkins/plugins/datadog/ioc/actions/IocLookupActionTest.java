package io.jenkins.plugins.datadog.ioc.actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.record.LookupSummary;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import io.jenkins.plugins.datadog.ioc.record.ResultQuery;
import io.jenkins.plugins.datadog.ioc.record.ResultRow;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.JenkinsLocationConfiguration;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class IocLookupActionTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final String HOSTILE_INDICATOR = "\"><svg onload=alert(2)>";

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
    void twoStepsMakeOneAction() throws Exception {
        datadog.found("203.0.113.66", 10).found("evil.example.net", 60);
        WorkflowRun run = build(Result.UNSTABLE, """
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                iocLookup indicator: 'evil.example.net', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', unstableThreshold: 50
                """);
        List<IocLookupAction> actions = run.getActions(IocLookupAction.class);
        assertThat(actions, hasSize(1));
        IocLookupAction action = actions.get(0);
        assertThat(action.getResults().stream().map(IndicatorRecord::getIndicator).toList(),
                contains("203.0.113.66", "evil.example.net"));
        assertEquals("UNSTABLE", action.getVerdict());
        assertEquals(2, action.getIndicatorCount());
        assertEquals(1L, action.getUnstableCount());
        assertEquals(1L, action.getPassCount());
        assertEquals(60.0, action.getWorstScore());
        assertThat(action.records().page(ResultQuery.ALL).getRows().stream().map(ResultRow::getIndicator).toList(),
                contains("evil.example.net", "203.0.113.66"));
        assertEquals(2, action.summary().steps());
        assertEquals(List.of(LookupSummary.CUSTOM_SITE), action.getSites(), "FakeDatadog replaces the site by a base URL");
        assertEquals(r.jenkins.getRootUrl() + run.getUrl() + "datadog-ioc/", action.getAbsoluteUrl());
        // without a configured root URL, a path that keeps the context path
        JenkinsLocationConfiguration.get().setUrl(null);
        assertEquals(r.contextPath + "/" + run.getUrl() + "datadog-ioc/", action.getAbsoluteUrl());
        assertThat(r.contextPath, is("/jenkins"));

        IndicatorRecord record = action.getResults().get(1);
        assertEquals("FOUND", record.getStatus());
        assertEquals("IP Address", record.getIndicatorType());
        assertEquals(List.of("abuse.ch"), record.getMaliciousSources());
        assertEquals(List.of("scanner"), record.getCategories());
        assertEquals("DE", record.getCountryCode());
        assertEquals("DE", record.getLocation());

        // the action survives loading the build from disk
        String job = run.getParent().getFullName();
        int number = run.getNumber();
        r.jenkins.reload();
        WorkflowRun loaded = r.jenkins.getItemByFullName(job, WorkflowJob.class).getBuildByNumber(number);
        IocLookupAction reloaded = loaded.getAction(IocLookupAction.class);
        assertNotNull(reloaded);
        assertEquals(2, reloaded.getIndicatorCount());
        assertEquals(loaded, reloaded.getRun());
        assertEquals("UNSTABLE", reloaded.getVerdict());
        assertEquals(List.of("scanner"), reloaded.getResults().get(1).getCategories());
        assertEquals(60.0, reloaded.getResults().get(1).getScore());
    }

    @Test
    void parallelBranchesAddToOneAction() throws Exception {
        datadog.found("203.0.113.66", 10).found("evil.example.net", 20).found("198.51.100.7", 30);
        WorkflowRun run = build(Result.SUCCESS, """
                parallel a: {
                    iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                }, b: {
                    iocLookup indicators: ['evil.example.net', '198.51.100.7'], apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                }
                """);
        List<IocLookupAction> actions = run.getActions(IocLookupAction.class);
        assertThat(actions, hasSize(1));
        assertThat(actions.get(0).getResults().stream().map(IndicatorRecord::getIndicator).toList(),
                containsInAnyOrder("203.0.113.66", "evil.example.net", "198.51.100.7"));
        assertEquals(30.0, actions.get(0).getWorstScore());
    }

    /**
     * What Datadog knows of the organization's own hosts, services and users is not kept unless an
     * administrator opts in: everyone who may read the job would see it on the build.
     */
    @Test
    void organizationDataIsKeptOnlyWhenAnAdministratorOptsIn() throws Exception {
        // service names that no page or file has anyway ("checkout" is in every build.xml)
        datadog.answer("203.0.113.66", 200, fullBody().replace("\"checkout\"", "\"svc-payments\""));
        List<String> organizationData = List.of("web-01", "svc-payments", "alice@example.com", "payments-db", "secops@example.com", "by system");

        WorkflowRun run = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'\n");
        IndicatorRecord record = run.getAction(IocLookupAction.class).getResults().get(0);
        assertThat(record.getHosts(), empty());
        assertThat(record.getServices(), empty());
        assertThat(record.getUsers(), empty());
        assertThat(record.getCriticalAssets(), empty());
        assertEquals(null, record.getTriagedBy());
        assertThat(record.getTriageHistory(), contains("2024-05-20T09:00:00Z new", "2024-05-21T09:15:00Z under_review"));
        assertEquals(List.of("nginx", "cloudtrail"), record.getLogSources());
        assertEquals("AS64500", record.getAsNumber());
        String buildXml = Files.readString(new File(run.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            String page = wc.getPage(run, "datadog-ioc/indicator/0/").getWebResponse().getContentAsString();
            String api = wc.getJSON(run.getUrl() + "datadog-ioc/api/json?depth=2").getContentAsString();
            String report = wc.goTo(run.getUrl() + "datadog-ioc/report", null).getWebResponse().getContentAsString();
            String records = Files.readString(new File(run.getRootDir(), RecordFile.NAME).toPath(), StandardCharsets.UTF_8);
            for (String value : organizationData) {
                assertThat(buildXml, not(containsString(value)));
                assertThat(report, not(containsString(value)));
                assertThat(records, not(containsString(value)));
                assertThat(page, not(containsString(value)));
                assertThat(api, not(containsString(value)));
            }
            assertThat(page, containsString("AS64500"));
        }

        DatadogIocConfiguration.get().setRecordOrganizationData(true);
        WorkflowRun optedIn = build(Result.SUCCESS, "iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'\n");
        IndicatorRecord full = optedIn.getAction(IocLookupAction.class).getResults().get(0);
        assertEquals(List.of("web-01", "web-02"), full.getHosts());
        assertEquals(List.of("svc-payments", "login"), full.getServices());
        assertEquals(List.of("aws_iam: alice@example.com, bob", "okta: carol"), full.getUsers());
        assertEquals(List.of("payments-db"), full.getCriticalAssets());
        assertEquals("secops@example.com", full.getTriagedBy());
        assertThat(full.getTriageHistory(), contains("2024-05-20T09:00:00Z new by system", "2024-05-21T09:15:00Z under_review by secops@example.com"));
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            String page = wc.getPage(optedIn, "datadog-ioc/indicator/0/").getWebResponse().getContentAsString();
            for (String value : organizationData) {
                assertThat(page, containsString(value));
            }
        }
    }

    /**
     * A rule on the organization's own activity fires, with what matched as its reason; the indicator's page
     * explains the score in words and gives the triage state and day, while the critical asset's name and who
     * triaged stay behind the opt-in.
     */
    @Test
    void theDetailPageShowsARuleFiringAndTheScoreExplained() throws Exception {
        datadog.answer("203.0.113.66", 200, fullBody());
        WorkflowRun run = build(Result.UNSTABLE, "iocLookup indicator: '203.0.113.66', failThreshold: 90, onSignal: 'UNSTABLE', "
                + "minSignalSeverity: 'high', onCriticalAsset: 'PASS', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'\n");
        r.assertLogContains("Datadog IoC lookup marked the build unstable: 203.0.113.66: 2 high-severity signals in your organization", run);
        // the console explains the score under the result, in the words of every text report
        r.assertLogContains("score raised by signals, network type, trust score; lowered by sources; unaffected by persistence;"
                + " triaged as under_review on 2024-05-21", run);
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            String page = ((HtmlPage) wc.getPage(run, "datadog-ioc/indicator/0/")).asNormalizedText();
            assertThat(page, containsString("2 high-severity signals in your organization"));
            assertThat(page, containsString("Why this score"));
            assertThat(page, containsString("threat-intelligence sources: lowers the score"));
            assertThat(page, containsString("security signals in your organization: raises the score"));
            assertThat(page, containsString("under_review"));
            assertThat(page, containsString("2024-05-21T09:15:00Z"));
            assertThat(page, not(containsString("payments-db")));
            assertThat(page, not(containsString("secops@example.com")));
            String report = wc.goTo(run.getUrl() + "datadog-ioc/report", null).getWebResponse().getContentAsString();
            assertThat(report, containsString("\"score_factors\""));
            assertThat(report, containsString("triaged as under_review on 2024-05-21"));
        }
    }

    static String fullBody() throws Exception {
        try (InputStream in = IocLookupActionTest.class.getResourceAsStream("indicator-full.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void summaryOnTheBuildPage() throws Exception {
        datadog.found("203.0.113.66", 85);
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                """);
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            String text = wc.getPage(run).asNormalizedText();
            assertThat(text, containsString("Datadog IoC lookup: FAILURE"));
            assertThat(text, containsString("1 indicator(s): 1 failure, 0 unstable, 0 pass, 0 not found, 0 error(s)."));
            assertThat(text, containsString("Worst threat score: 85."));
        }
    }

    @Test
    void detailPageEscapesWhatTheApiReturns() throws Exception {
        datadog.found("203.0.113.66", 95, HOSTILE, List.of(HOSTILE, "scanner"), List.of(HOSTILE));
        datadog.found(HOSTILE_INDICATOR, 20);
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup indicators: ['203.0.113.66', '"><svg onload=alert(2)>'], apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                """);
        assertEquals(List.of(HOSTILE), run.getAction(IocLookupAction.class).getResults().get(0).getCategories().subList(0, 1));

        List<String> alerts = new ArrayList<>();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            wc.setAlertHandler((page, message) -> alerts.add(message));
            HtmlPage page = wc.getPage(run, "datadog-ioc/");
            String html = page.getWebResponse().getContentAsString();
            // Jelly's escape-by-default turns < and & into entities (> may stay as it is)
            assertThat(html, containsString("&lt;img src=x onerror=alert(1)"));
            assertThat(html, not(containsString("<img src=x")));
            assertThat(html, containsString("&lt;svg onload=alert(2)"));
            assertThat(html, not(containsString("<svg onload")));
            assertThat(page.asXml(), containsString("&lt;img"));
            for (DomElement img : page.getElementsByTagName("img")) {
                assertThat(img.getAttribute("src"), not(is("x")));
            }
            assertThat(page.getElementsByTagName("svg").stream().filter(e -> e.hasAttribute("onload")).toList(), empty());
            String text = page.asNormalizedText();
            assertThat(text, containsString("Datadog IoC lookup: FAILURE"));
            assertThat(text, containsString(HOSTILE));
            assertThat(text, containsString("203.0.113.66"));

            // the build page summary, too
            wc.getPage(run);
        }
        assertThat(alerts, empty());
    }

    /** The action's data, exported with the build's REST API. */
    @Test
    void exportedWithTheBuild() throws Exception {
        datadog.found("203.0.113.66", 85);
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                """);
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            JenkinsRule.JSONWebResponse response = wc.getJSON(run.getUrl()
                    + "api/json?tree=actions[_class,verdict,indicatorCount,worstScore,results[indicator,score,verdict,status,indicatorType]]");
            JSONObject action = null;
            for (Object candidate : response.getJSONObject().getJSONArray("actions")) {
                if (candidate instanceof JSONObject json
                        && IocLookupAction.class.getName().equals(json.optString("_class"))) {
                    action = json;
                }
            }
            assertNotNull(action, response.getContentAsString());
            assertExported(action);
            assertThat(response.getContentAsString(), not(containsString(FakeDatadog.API_KEY)));
            assertThat(response.getContentAsString(), not(containsString(FakeDatadog.APP_KEY)));
        }
    }

    /**
     * The action's own REST API at {@code datadog-ioc/api/json}. Needs {@code getApi()} on
     * {@link IocLookupAction}: without it, Stapler answers 404.
     */
    @Test
    void ownRestApi() throws Exception {
        datadog.found("203.0.113.66", 85);
        WorkflowRun run = build(Result.FAILURE, """
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                """);
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            JenkinsRule.JSONWebResponse response = wc.getJSON(run.getUrl() + "datadog-ioc/api/json?depth=2");
            assertEquals(200, response.getStatusCode(), response.getContentAsString());
            assertExported(response.getJSONObject());
            assertThat(response.getContentAsString(), not(containsString(FakeDatadog.API_KEY)));
            assertThat(response.getContentAsString(), not(containsString(FakeDatadog.APP_KEY)));
        }
    }

    private static void assertExported(JSONObject action) {
        assertEquals("FAILURE", action.getString("verdict"));
        assertEquals(1, action.getInt("indicatorCount"));
        assertEquals(85.0, action.getDouble("worstScore"));
        JSONArray results = action.getJSONArray("results");
        assertEquals(1, results.size());
        JSONObject result = results.getJSONObject(0);
        assertEquals("203.0.113.66", result.getString("indicator"));
        assertEquals(85.0, result.getDouble("score"));
        assertEquals("FAILURE", result.getString("verdict"));
        assertEquals("FOUND", result.getString("status"));
        assertEquals("IP Address", result.getString("indicatorType"));
    }

    private WorkflowRun build(Result expected, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, p.scheduleBuild2(0));
    }
}
