package io.jenkins.plugins.datadog.ioc.actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build's records beside build.xml, the paged detail page, each indicator's page, the downloads and
 * the REST API; and a build recorded the old way, with every result inline in build.xml.
 */
@WithJenkins
class DetailPageTest {
    private static final String ACTION = "io.jenkins.plugins.datadog.ioc.actions.IocLookupAction";

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

    /**
     * 250 indicators: failures (score 80 and up), unstables (50 to 79), passes, and every tenth not found
     * (FakeDatadog answers 404 for any indicator it was not told about).
     */
    private FreeStyleBuild bigBuild() throws Exception {
        List<String> indicators = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String indicator = String.format("host-%03d.example.org", i);
            indicators.add(indicator);
            if (i % 10 != 7) {
                datadog.found(indicator, i % 100, "Domain", List.of(i % 2 == 0 ? "scanner" : "botnet"), List.of("abuse.ch"));
            }
        }
        IocLookupBuilder lookup = new IocLookupBuilder();
        lookup.setIndicators(String.join("\n", indicators));
        lookup.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        lookup.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        lookup.setUnstableThreshold(50);
        lookup.setFailThreshold(80);
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(lookup);
        return r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
    }

    @Test
    void buildXmlKeepsOnlyTheSummaryAndTheRecordsAreTheJsonReport() throws Exception {
        FreeStyleBuild build = bigBuild();
        String buildXml = Files.readString(new File(build.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertThat(buildXml, containsString("<failure>"));
        assertThat(buildXml, not(containsString("host-123.example.org")));
        assertThat(buildXml, not(containsString("datadogIocRecord")));
        assertThat(buildXml.length(), lessThan(16_000));

        Path file = build.getRootDir().toPath().resolve(RecordFile.NAME);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json, containsString("\"format_version\" : 1"));
        assertThat(json, containsString("host-123.example.org"));

        IocLookupAction action = build.getAction(IocLookupAction.class);
        assertEquals(250, action.getIndicatorCount());
        assertEquals(25, action.getNotFoundCount());
        assertEquals("FAILURE", action.getVerdict());
        assertEquals(99.0, action.getWorstScore());

        // After a reload the summary comes from build.xml, the results from the file, read when asked for.
        r.jenkins.reload();
        FreeStyleBuild loaded = r.jenkins.getItemByFullName(build.getParent().getFullName(), FreeStyleProject.class)
                .getBuildByNumber(build.getNumber());
        IocLookupAction reloaded = loaded.getAction(IocLookupAction.class);
        assertEquals(250, reloaded.getIndicatorCount());
        assertEquals(250, reloaded.getResults().size());
        assertEquals("host-000.example.org", reloaded.getResults().get(0).getIndicator());
    }

    @Test
    void theDetailPageIsPagedAndFilteredByQueryParameters() throws Exception {
        FreeStyleBuild build = bigBuild();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage first = wc.getPage(build, "datadog-ioc/");
            List<HtmlElement> rows = rows(first);
            assertThat(rows, hasSize(100));
            assertThat(rows.get(0).asNormalizedText(), containsString("FAILURE"));
            assertThat(first.asNormalizedText(), containsString("Page 1 of 3"));
            assertThat(first.asNormalizedText(), containsString("Showing 1 to 100 of 250 matching result(s), 250 in all"));
            HtmlAnchor next = first.getFirstByXPath("//a[@rel='next']");
            assertEquals("?page=2", next.getHrefAttribute());
            HtmlPage third = wc.getPage(build, "datadog-ioc/?page=3");
            assertThat(rows(third), hasSize(50));
            assertThat(third.getFirstByXPath("//a[@rel='next']"), is((Object) null));

            HtmlPage failures = wc.getPage(build, "datadog-ioc/?verdict=FAILURE");
            List<HtmlElement> failureRows = rows(failures);
            assertThat(failureRows.stream().map(HtmlElement::asNormalizedText).toList(), everyItem(containsString("FAILURE")));
            assertEquals(build.getAction(IocLookupAction.class).getFailureCount(), failureRows.size());

            HtmlPage unknown = wc.getPage(build, "datadog-ioc/?status=NOT_FOUND&verdict=PASS");
            assertThat(rows(unknown), hasSize(25));

            HtmlPage search = wc.getPage(build, "datadog-ioc/?q=HOST-12");
            assertThat(rows(search), hasSize(10)); // host-120 to host-129, case aside

            // Nonsense is no filter and the first page, never an error.
            HtmlPage nonsense = wc.getPage(build, "datadog-ioc/?verdict=%3Cb%3E&page=-3&status=x");
            assertThat(rows(nonsense), hasSize(100));
            HtmlPage past = wc.getPage(build, "datadog-ioc/?page=99");
            assertThat(past.asNormalizedText(), containsString("Page 3 of 3"));

            // The form is a plain GET form: no script on the page.
            assertEquals("get", ((HtmlElement) first.getFirstByXPath("//form[select[@name='verdict']]")).getAttribute("method"));
        }
    }

    @Test
    void eachIndicatorHasItsOwnPage() throws Exception {
        FreeStyleBuild build = bigBuild();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage list = wc.getPage(build, "datadog-ioc/?q=host-099");
            HtmlAnchor link = list.getFirstByXPath("//table[contains(@class,'jenkins-table')]/tbody/tr/td/a");
            assertEquals("indicator/99/", link.getHrefAttribute());
            HtmlPage page = link.click();
            String text = page.asNormalizedText();
            assertThat(text, containsString("host-099.example.org"));
            assertThat(text, containsString("Malicious sources"));
            assertThat(text, containsString("abuse.ch"));
            assertThat(text, containsString("botnet"));
            assertThat(text, containsString("threat score 99 is at or above the failure threshold 80"));
            assertThat(text, containsString("custom base URL")); // FakeDatadog stands in through a base URL: no link

            wc.assertFails(build.getUrl() + "datadog-ioc/indicator/250/", 404);
            wc.assertFails(build.getUrl() + "datadog-ioc/indicator/abc/", 404);
        }
    }

    @Test
    void theReportsCanBeDownloaded() throws Exception {
        FreeStyleBuild build = bigBuild();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            Page json = wc.goTo(build.getUrl() + "datadog-ioc/report", null);
            assertEquals(Files.readString(build.getRootDir().toPath().resolve(RecordFile.NAME), StandardCharsets.UTF_8),
                    json.getWebResponse().getContentAsString(StandardCharsets.UTF_8));
            Page sarif = wc.goTo(build.getUrl() + "datadog-ioc/sarif", null);
            assertThat(sarif.getWebResponse().getContentAsString(), containsString("\"version\" : \"2.1.0\""));
        }
    }

    @Test
    void restApiSummaryByDefaultRecordsPaged() throws Exception {
        FreeStyleBuild build = bigBuild();
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            JSONObject summary = wc.getJSON(build.getUrl() + "datadog-ioc/api/json").getJSONObject();
            assertEquals("FAILURE", summary.getString("verdict"));
            assertEquals(250, summary.getInt("indicatorCount"));
            assertEquals(25, summary.getInt("notFoundCount"));
            assertFalse(summary.has("results"), "no results at the default depth");

            JSONObject page2 = wc.getJSON(build.getUrl() + "datadog-ioc/records/api/json?page=2").getJSONObject();
            assertEquals(2, page2.getInt("page"));
            assertEquals(3, page2.getInt("pageCount"));
            assertEquals(250, page2.getInt("matching"));
            JSONArray results = page2.getJSONArray("results");
            assertEquals(100, results.size());
            assertTrue(results.getJSONObject(0).has("indicator"));

            JSONObject unknown = wc.getJSON(build.getUrl() + "datadog-ioc/records/api/json?status=NOT_FOUND").getJSONObject();
            assertEquals(25, unknown.getInt("matching"));

            JSONObject one = wc.getJSON(build.getUrl() + "datadog-ioc/indicator/99/api/json").getJSONObject();
            assertEquals("host-099.example.org", one.getJSONObject("result").getString("indicator"));
            assertEquals(99, one.getJSONObject("result").getInt("index"));
        }
    }

    /** A build recorded before the record file: its results inline in build.xml, as that version wrote them. */
    @Test
    void anOldBuildStillShowsItsSummaryPagesAndApi() throws Exception {
        datadog.found("203.0.113.66", 10);
        FreeStyleProject p = r.createFreeStyleProject();
        IocLookupBuilder lookup = new IocLookupBuilder();
        lookup.setIndicators("203.0.113.66");
        lookup.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        lookup.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        p.getBuildersList().add(lookup);
        FreeStyleBuild build = r.buildAndAssertSuccess(p);
        Path dir = build.getRootDir().toPath();
        Path buildXml = dir.resolve("build.xml");
        String xml = Files.readString(buildXml, StandardCharsets.UTF_8);
        String oldAction = """
                <%1$s>
                  <records>
                    <datadogIocRecord>
                      <indicator>203.0.113.66</indicator>
                      <status>FOUND</status>
                      <score>85.0</score>
                      <verdict>FAILURE</verdict>
                      <reason>threat score 85 is at or above the failure threshold 80</reason>
                      <cached>false</cached>
                      <durationMillis>12</durationMillis>
                      <indicatorType>IP Address</indicatorType>
                      <maliciousSources>
                        <string>abuse.ch</string>
                      </maliciousSources>
                      <categories>
                        <string>scanner</string>
                      </categories>
                      <countryCode>DE</countryCode>
                      <suppressionExpired>false</suppressionExpired>
                      <foundAt>deploy/hosts.txt:3:1</foundAt>
                      <occurrences>2</occurrences>
                    </datadogIocRecord>
                    <datadogIocRecord>
                      <indicator>unknown.example</indicator>
                      <status>NOT_FOUND</status>
                      <verdict>PASS</verdict>
                      <reason>not known to Datadog's IoC Explorer</reason>
                      <cached>false</cached>
                      <durationMillis>7</durationMillis>
                      <suppressionExpired>false</suppressionExpired>
                      <occurrences>0</occurrences>
                    </datadogIocRecord>
                  </records>
                  <skipped>3</skipped>
                  <unusedSuppressions>
                    <string>*.cdn.example.com (suppressions.json entry 1): CDN edge names</string>
                  </unusedSuppressions>
                </%1$s>""".formatted(ACTION);
        String old = xml.replaceFirst("(?s)<" + ACTION + "[^>]*>.*</" + ACTION + ">", java.util.regex.Matcher.quoteReplacement(oldAction));
        assertThat(old, containsString("datadogIocRecord"));
        Files.writeString(buildXml, old, StandardCharsets.UTF_8);
        Files.delete(dir.resolve(RecordFile.NAME));

        r.jenkins.reload();
        FreeStyleBuild loaded = r.jenkins.getItemByFullName(p.getFullName(), FreeStyleProject.class).getBuildByNumber(build.getNumber());
        IocLookupAction action = loaded.getAction(IocLookupAction.class);
        assertNotNull(action);
        assertEquals("FAILURE", action.getVerdict());
        assertEquals(2, action.getIndicatorCount());
        assertEquals(1L, action.getFailureCount());
        assertEquals(1, action.getNotFoundCount());
        assertEquals(0, action.getKnownPassCount(), "the indicator Datadog did not know is no pass");
        assertEquals(85.0, action.getWorstScore());
        assertEquals(3, action.getSkipped());
        assertEquals(List.of("*.cdn.example.com (suppressions.json entry 1): CDN edge names"), action.getUnusedSuppressions());
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            assertThat(wc.getPage(loaded).asNormalizedText(), containsString("2 indicator(s): 1 failure, 0 unstable, 0 pass, 1 not found, 0 error(s)."));
            HtmlPage page = wc.getPage(loaded, "datadog-ioc/");
            assertThat(rows(page), hasSize(2));
            assertThat(rows(page).get(0).asNormalizedText(), containsString("203.0.113.66"));
            String one = ((HtmlPage) wc.getPage(loaded, "datadog-ioc/indicator/0/")).asNormalizedText();
            assertThat(one, containsString("abuse.ch"));
            assertThat(one, containsString("deploy/hosts.txt:3:1 (2 occurrence(s))"));
            JSONObject summary = wc.getJSON(loaded.getUrl() + "datadog-ioc/api/json").getJSONObject();
            assertEquals("FAILURE", summary.getString("verdict"));
            JSONObject records = wc.getJSON(loaded.getUrl() + "datadog-ioc/records/api/json").getJSONObject();
            assertEquals(2, records.getJSONArray("results").size());
            Page json = wc.goTo(loaded.getUrl() + "datadog-ioc/report", null);
            assertThat(json.getWebResponse().getContentAsString(), containsString("unknown.example"));
        }
        assertFalse(Files.exists(dir.resolve(RecordFile.NAME)), "an old build is read, not rewritten");
    }

    private static List<HtmlElement> rows(HtmlPage page) {
        return page.getByXPath("//table[contains(@class,'jenkins-table')]/tbody/tr");
    }
}
