package io.jenkins.plugins.datadog.ioc.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.util.Secret;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupStep;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who may see which credentials ids in the drop-downs, and who may call the form methods: admin
 * administers Jenkins; dev may configure the one job; reader may only read it.
 */
@WithJenkins
class PermissionsTest {
    private static final String OTHER_ID = "unrelated-secret";

    private JenkinsRule r;
    private FreeStyleProject job;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        FakeDatadog.addKeyCredentials();
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, OTHER_ID, "unrelated", Secret.fromString("unrelated-0123456789")));
        job = r.createFreeStyleProject("job");
        r.createFreeStyleProject("other");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("dev", "viewer", "reader")
                .grant(Item.READ, Item.CONFIGURE).onItems(job).to("dev")
                // read-only job configuration, as the extended-read-permission plugin grants it
                .grant(Item.READ, Item.EXTENDED_READ).onItems(job).to("viewer")
                .grant(Item.READ).onItems(job).to("reader"));
    }

    /** Users who may see the job's configuration, read-only or not, and those who may not. */
    private static final List<String> SEE_JOB_CONFIGURATION = List.of("admin", "dev", "viewer");

    @Test
    void jobCredentialsListedOnlyToThoseWhoMaySeeTheJobConfiguration() throws Exception {
        for (Class<?> describable : List.of(IocLookupStep.class, IocLookupBuilder.class)) {
            String base = job.getUrl() + "descriptorByName/" + describable.getName() + "/";
            for (String field : List.of("apiKeyCredentialsId", "appKeyCredentialsId")) {
                String method = "fill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
                for (String user : SEE_JOB_CONFIGURATION) {
                    WebResponse rsp = post(user, base + method, field, "dd-api");
                    assertEquals(200, rsp.getStatusCode(), user + " " + describable + " " + method);
                    assertThat(user + " " + method, values(rsp), hasItems("", FakeDatadog.API_KEY_ID, FakeDatadog.APP_KEY_ID, OTHER_ID));
                }
                WebResponse rsp = post("reader", base + method, field, "dd-api");
                assertEquals(200, rsp.getStatusCode(), describable + " " + method);
                assertThat(describable + " " + method + " for reader", values(rsp), contains("dd-api"));
                assertNoData(null, base + method, field, "dd-api");
            }
        }
    }

    @Test
    void globalCredentialsListedOnlyToAdministrators() throws Exception {
        String base = "descriptorByName/" + DatadogIocConfiguration.class.getName() + "/";
        for (String field : List.of("apiKeyCredentialsId", "appKeyCredentialsId")) {
            String method = "fill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
            WebResponse admin = post("admin", base + method, field, "dd-app");
            assertEquals(200, admin.getStatusCode());
            assertThat(values(admin), hasItems("", FakeDatadog.API_KEY_ID, FakeDatadog.APP_KEY_ID, OTHER_ID));
            for (String user : List.of("dev", "viewer", "reader")) {
                WebResponse rsp = post(user, base + method, field, "dd-app");
                assertEquals(200, rsp.getStatusCode());
                assertThat(user + " " + method, values(rsp), contains("dd-app"));
            }
            assertNoData(null, base + method, field, "dd-app");
        }
    }

    /**
     * The job's drop-downs and checks answer everyone who may see the job's configuration, read-only
     * users included (a 403 would break their view of the form); others get an empty list or no
     * message, never an error page.
     */
    @Test
    void jobFormMethodsServeEveryoneWhoMaySeeTheConfiguration() throws Exception {
        for (Class<?> describable : List.of(IocLookupStep.class, IocLookupBuilder.class)) {
            String base = job.getUrl() + "descriptorByName/" + describable.getName() + "/";
            for (String method : List.of("fillSiteItems", "fillOnNotFoundItems", "fillOnErrorItems", "fillOnMaliciousSourceItems",
                    "fillOnCategoryItems", "fillOnSignalItems", "fillMinSignalSeverityItems", "fillOnCriticalAssetItems")) {
                for (String user : SEE_JOB_CONFIGURATION) {
                    WebResponse rsp = post(user, base + method, null, null);
                    assertEquals(200, rsp.getStatusCode(), user + " " + method);
                    assertThat(user + " " + method, values(rsp), hasSize(greaterThan(2)));
                }
                WebResponse reader = post("reader", base + method, null, null);
                assertEquals(200, reader.getStatusCode(), "reader " + method);
                assertThat("reader " + method, values(reader), is(empty()));
                assertNoData(null, base + method, null, null);
            }
            for (String method : List.of("checkTimeout", "checkFailThreshold", "checkUnstableThreshold")) {
                for (String user : SEE_JOB_CONFIGURATION) {
                    assertValidation(user, base + method, "high", true);
                    assertValidation(user, base + method, "30", false);
                }
                assertValidation("reader", base + method, "high", false);
                assertNoData(null, base + method, "value", "high");
            }
            // categories: separators alone are the mistake
            for (String user : SEE_JOB_CONFIGURATION) {
                assertValidation(user, base + "checkCategories", " , ", true);
                assertValidation(user, base + "checkCategories", "botnet, malware", false);
            }
            assertValidation("reader", base + "checkCategories", " , ", false);
            assertNoData(null, base + "checkCategories", "value", " , ");
        }
        // outside a job (the root Pipeline Syntax page), the same methods serve administrators
        String root = "descriptorByName/" + IocLookupStep.class.getName() + "/";
        assertThat(values(post("admin", root + "fillSiteItems", null, null)), hasSize(greaterThan(2)));
        assertThat(values(post("dev", root + "fillSiteItems", null, null)), is(empty()));
        assertValidation("admin", root + "checkTimeout", "soon", true);
        assertValidation("dev", root + "checkTimeout", "soon", false);
    }

    @Test
    void globalFormMethodsServeAdministrators() throws Exception {
        String base = "descriptorByName/" + DatadogIocConfiguration.class.getName() + "/";
        for (String method : List.of("checkBaseUrl", "checkTimeoutSeconds", "checkConcurrency", "checkFailThreshold",
                "checkUnstableThreshold", "checkMaxIndicators")) {
            String bad = method.equals("checkBaseUrl") ? "ftp://dd-gateway.example.net/" : "high";
            assertValidation("admin", base + method, bad, true);
            for (String user : List.of("dev", "viewer", "reader")) {
                assertValidation(user, base + method, bad, false);
            }
            assertNoData(null, base + method, "value", bad);
        }
        assertValidation("admin", base + "checkCategories", ",", true);
        for (String user : List.of("dev", "viewer", "reader")) {
            assertValidation(user, base + "checkCategories", ",", false);
        }
        for (String method : List.of("fillSiteItems", "fillOnMaliciousSourceItems", "fillOnSignalItems",
                "fillMinSignalSeverityItems", "fillOnCriticalAssetItems")) {
            assertThat(method, values(post("admin", base + method, null, null)), hasSize(greaterThan(2)));
            for (String user : List.of("dev", "viewer", "reader")) {
                WebResponse rsp = post(user, base + method, null, null);
                assertEquals(200, rsp.getStatusCode());
                assertThat(user + " " + method, values(rsp), is(empty()));
            }
        }
        // the rules' drop-downs start with "no rule" and "any severity", which blank means
        assertThat(values(post("admin", base + "fillOnSignalItems", null, null)), contains("", "PASS", "UNSTABLE", "FAILURE"));
        assertThat(values(post("admin", base + "fillMinSignalSeverityItems", null, null)),
                contains("", "info", "low", "medium", "high", "critical"));
        // the global suppression list's entries
        String entry = "descriptorByName/" + SuppressionEntry.class.getName() + "/";
        for (String method : List.of("checkIndicator", "checkReason", "checkExpires")) {
            String bad = method.equals("checkReason") ? " " : "198.51.100.1/24";
            assertValidation("admin", entry + method, bad, true);
            for (String user : List.of("dev", "viewer", "reader")) {
                assertValidation(user, entry + method, bad, false);
            }
            assertNoData(null, entry + method, "value", bad);
        }
        assertThat(values(post("admin", entry + "fillMaxVerdictItems", null, null)), contains("", "UNSTABLE"));
        assertThat(values(post("reader", entry + "fillMaxVerdictItems", null, null)), is(empty()));
    }

    /** The connection test sends the keys wherever the base URL points: administrators only. */
    @Test
    void testConnectionIsForAdministratorsOnly() throws Exception {
        String url = "descriptorByName/" + DatadogIocConfiguration.class.getName() + "/testConnection";
        try (FakeDatadog datadog = new FakeDatadog()) {
            List<NameValuePair> form = List.of(new NameValuePair("baseUrl", datadog.baseUrl()),
                    new NameValuePair("apiKeyCredentialsId", FakeDatadog.API_KEY_ID),
                    new NameValuePair("appKeyCredentialsId", FakeDatadog.APP_KEY_ID), new NameValuePair("timeoutSeconds", "10"));
            try (JenkinsRule.WebClient wc = webClient("admin")) {
                WebResponse admin = post(wc, url, form);
                assertEquals(200, admin.getStatusCode());
                assertThat(admin.getContentAsString(), containsString("Connected: Datadog at"));
            }
            for (String user : new String[] {"dev", "viewer", "reader", null}) {
                try (JenkinsRule.WebClient wc = webClient(user)) {
                    WebResponse rsp = post(wc, url, form);
                    assertEquals(403, rsp.getStatusCode(), String.valueOf(user));
                    assertThat(rsp.getContentAsString(), not(containsString("Connected")));
                }
            }
            assertEquals(1, datadog.requests().size(), "only the administrator's test sent the keys");
        }
    }

    @Test
    void formMethodsRefuseGet() throws Exception {
        List<String> urls = new ArrayList<>();
        for (Class<?> describable : List.of(IocLookupStep.class, IocLookupBuilder.class)) {
            String base = job.getUrl() + "descriptorByName/" + describable.getName() + "/";
            urls.add(base + "fillApiKeyCredentialsIdItems?apiKeyCredentialsId=dd-api");
            urls.add(base + "fillAppKeyCredentialsIdItems?appKeyCredentialsId=dd-app");
            urls.add(base + "fillSiteItems");
            urls.add(base + "checkTimeout?value=30");
            urls.add(base + "fillOnSignalItems");
            urls.add(base + "checkCategories?value=botnet");
        }
        String global = "descriptorByName/" + DatadogIocConfiguration.class.getName() + "/";
        urls.add(global + "fillApiKeyCredentialsIdItems?apiKeyCredentialsId=dd-api");
        urls.add(global + "checkBaseUrl?value=https://dd-gateway.example.net/");
        urls.add(global + "testConnection?apiKeyCredentialsId=dd-api&appKeyCredentialsId=dd-app&baseUrl=http://127.0.0.1:9/");
        urls.add("descriptorByName/" + SuppressionEntry.class.getName() + "/checkIndicator?value=203.0.113.7");
        for (String url : urls) {
            try (JenkinsRule.WebClient wc = webClient("admin")) {
                WebResponse rsp = wc.loadWebResponse(new WebRequest(URI.create(r.getURL() + url).toURL(), HttpMethod.GET));
                // org.kohsuke.stapler.verb.POST makes Stapler skip the method for other verbs: 404 (405 with @RequirePOST)
                assertThat(url, rsp.getStatusCode(), anyOf(is(404), is(405)));
                assertThat(url, rsp.getContentAsString(), not(containsString(OTHER_ID)));
            }
        }
    }

    @Test
    void postWithoutCrumbIsRefused() throws Exception {
        String url = job.getUrl() + "descriptorByName/" + IocLookupStep.class.getName() + "/fillApiKeyCredentialsIdItems";
        try (JenkinsRule.WebClient wc = webClient("admin")) {
            WebRequest request = new WebRequest(URI.create(r.getURL() + url).toURL(), HttpMethod.POST);
            request.setRequestParameters(List.of(new NameValuePair("apiKeyCredentialsId", "dd-api")));
            WebResponse rsp = wc.loadWebResponse(request);
            assertEquals(403, rsp.getStatusCode());
            assertThat(rsp.getContentAsString(), not(containsString(OTHER_ID)));
        }
    }

    private JenkinsRule.WebClient webClient(String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.setThrowExceptionOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        return wc;
    }

    /** A form method's answer to {@code user} ({@code null}: anonymous). */
    private WebResponse post(String user, String url, String parameter, String value) throws Exception {
        try (JenkinsRule.WebClient wc = webClient(user)) {
            return post(wc, url, parameter, value);
        }
    }

    /** Whether a check answered with an error message or with nothing (200 either way). */
    private void assertValidation(String user, String url, String value, boolean error) throws Exception {
        WebResponse rsp = post(user, url, "value", value);
        assertEquals(200, rsp.getStatusCode(), user + " POST " + url + ": " + rsp.getContentAsString());
        assertEquals(error, rsp.getContentAsString().contains("error"),
                user + " POST " + url + "?value=" + value + ": " + rsp.getContentAsString());
    }

    /** Anonymous users, who may not even read Jenkins, get Jenkins' refusal and nothing of ours. */
    private void assertNoData(String user, String url, String parameter, String value) throws Exception {
        WebResponse rsp = post(user, url, parameter, value);
        assertThat(url, rsp.getStatusCode(), anyOf(is(403), is(404)));
        assertThat(url, rsp.getContentAsString(), not(containsString(OTHER_ID)));
        assertThat(url, rsp.getContentAsString(), not(containsString("datadoghq.eu")));
    }

    private WebResponse post(JenkinsRule.WebClient wc, String url, String parameter, String value) throws Exception {
        return post(wc, url, parameter == null ? List.of() : List.of(new NameValuePair(parameter, value)));
    }

    private WebResponse post(JenkinsRule.WebClient wc, String url, List<NameValuePair> parameters) throws Exception {
        WebRequest request = new WebRequest(URI.create(r.getURL() + url).toURL(), HttpMethod.POST);
        request.setRequestParameters(new ArrayList<>(parameters));
        return wc.loadWebResponse(wc.addCrumb(request));
    }

    /** The option values of a ListBoxModel answer. */
    private static List<String> values(WebResponse rsp) {
        JSONArray options = JSONObject.fromObject(rsp.getContentAsString()).getJSONArray("values");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            values.add(options.getJSONObject(i).getString("value"));
        }
        return values;
    }
}
