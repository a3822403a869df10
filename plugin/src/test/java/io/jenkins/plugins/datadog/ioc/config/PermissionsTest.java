package io.jenkins.plugins.datadog.ioc.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
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
                .grant(Jenkins.READ).everywhere().to("dev", "reader")
                .grant(Item.READ, Item.CONFIGURE).onItems(job).to("dev")
                .grant(Item.READ).onItems(job).to("reader"));
    }

    @Test
    void jobCredentialsListedOnlyToThoseWhoMayConfigureTheJob() throws Exception {
        for (Class<?> describable : List.of(IocLookupStep.class, IocLookupBuilder.class)) {
            String base = job.getUrl() + "descriptorByName/" + describable.getName() + "/";
            for (String field : List.of("apiKeyCredentialsId", "appKeyCredentialsId")) {
                String method = "fill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
                try (JenkinsRule.WebClient wc = webClient("dev")) {
                    WebResponse rsp = post(wc, base + method, field, "dd-api");
                    assertEquals(200, rsp.getStatusCode(), describable + " " + method);
                    assertThat(values(rsp), hasItems("", FakeDatadog.API_KEY_ID, FakeDatadog.APP_KEY_ID, OTHER_ID));
                }
                try (JenkinsRule.WebClient wc = webClient("reader")) {
                    WebResponse rsp = post(wc, base + method, field, "dd-api");
                    assertEquals(200, rsp.getStatusCode(), describable + " " + method);
                    assertThat(describable + " " + method + " for reader", values(rsp), contains("dd-api"));
                }
            }
        }
    }

    @Test
    void globalCredentialsListedOnlyToAdministrators() throws Exception {
        String base = "descriptorByName/" + DatadogIocConfiguration.class.getName() + "/";
        for (String field : List.of("apiKeyCredentialsId", "appKeyCredentialsId")) {
            String method = "fill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
            try (JenkinsRule.WebClient wc = webClient("admin")) {
                WebResponse rsp = post(wc, base + method, field, "dd-app");
                assertEquals(200, rsp.getStatusCode());
                assertThat(values(rsp), hasItems("", FakeDatadog.API_KEY_ID, FakeDatadog.APP_KEY_ID, OTHER_ID));
            }
            for (String user : List.of("dev", "reader")) {
                try (JenkinsRule.WebClient wc = webClient(user)) {
                    WebResponse rsp = post(wc, base + method, field, "dd-app");
                    assertEquals(200, rsp.getStatusCode());
                    assertThat(user + " " + method, values(rsp), contains("dd-app"));
                }
            }
        }
    }

    @Test
    void jobFormMethodsNeedConfigure() throws Exception {
        for (Class<?> describable : List.of(IocLookupStep.class, IocLookupBuilder.class)) {
            String base = job.getUrl() + "descriptorByName/" + describable.getName() + "/";
            for (String method : List.of("fillSiteItems", "fillOnNotFoundItems", "fillOnErrorItems")) {
                assertStatus("dev", base + method, null, null, 200);
                assertStatus("reader", base + method, null, null, 403);
            }
            assertStatus("dev", base + "checkTimeout", "value", "30", 200);
            assertStatus("reader", base + "checkTimeout", "value", "30", 403);
            assertStatus("dev", base + "checkFailThreshold", "value", "80", 200);
            assertStatus("reader", base + "checkFailThreshold", "value", "80", 403);
            assertStatus("dev", base + "checkUnstableThreshold", "value", "50", 200);
            assertStatus("reader", base + "checkUnstableThreshold", "value", "50", 403);
        }
        // outside a job, the same methods need Overall/Administer
        String root = "descriptorByName/" + IocLookupStep.class.getName() + "/";
        assertStatus("admin", root + "fillSiteItems", null, null, 200);
        assertStatus("dev", root + "fillSiteItems", null, null, 403);
        assertStatus("dev", root + "checkTimeout", "value", "30", 403);
    }

    @Test
    void globalFormMethodsNeedAdminister() throws Exception {
        String base = "descriptorByName/" + DatadogIocConfiguration.class.getName() + "/";
        for (String method : List.of("checkBaseUrl", "checkTimeoutSeconds", "checkConcurrency", "checkFailThreshold",
                "checkUnstableThreshold")) {
            assertStatus("admin", base + method, "value", "1", 200);
            assertStatus("dev", base + method, "value", "1", 403);
            assertStatus("reader", base + method, "value", "1", 403);
        }
        assertStatus("admin", base + "fillSiteItems", null, null, 200);
        assertStatus("dev", base + "fillSiteItems", null, null, 403);
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
        }
        String global = "descriptorByName/" + DatadogIocConfiguration.class.getName() + "/";
        urls.add(global + "fillApiKeyCredentialsIdItems?apiKeyCredentialsId=dd-api");
        urls.add(global + "checkBaseUrl?value=https://dd-gateway.example.net/");
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
        wc.login(user);
        return wc;
    }

    private WebResponse post(JenkinsRule.WebClient wc, String url, String parameter, String value) throws Exception {
        WebRequest request = new WebRequest(URI.create(r.getURL() + url).toURL(), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        if (parameter != null) {
            parameters.add(new NameValuePair(parameter, value));
        }
        request.setRequestParameters(parameters);
        return wc.loadWebResponse(wc.addCrumb(request));
    }

    private void assertStatus(String user, String url, String parameter, String value, int expected) throws Exception {
        try (JenkinsRule.WebClient wc = webClient(user)) {
            WebResponse rsp = post(wc, url, parameter, value);
            assertEquals(expected, rsp.getStatusCode(), user + " POST " + url + ": " + rsp.getContentAsString());
        }
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
