package io.jenkins.plugins.datadog.ioc.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import hudson.ProxyConfiguration;
import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Lookups use Manage Jenkins » System » HTTP Proxy, no-proxy hosts included. */
@WithJenkins
class ProxyTest {
    /** A name no resolver knows: only the proxy can reach it. */
    private static final String UNRESOLVABLE = "ioc-api.datadog.invalid";

    private JenkinsRule r;
    private FakeDatadog direct;
    private MockWebServer proxy;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        direct = new FakeDatadog().install();
        proxy = new MockWebServer();
        proxy.start();
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        direct.close();
    }

    @Test
    void lookupsGoThroughTheJenkinsProxy() throws Exception {
        r.jenkins.setProxy(new ProxyConfiguration(proxy.getHostName(), proxy.getPort(), null, null, "localhost"));
        DatadogIocConfiguration.get().setBaseUrl("http://" + UNRESOLVABLE + "/");
        proxy.enqueue(FakeDatadog.json(200, FakeDatadog.foundBody("203.0.113.66", 85, "IP Address", List.of(), List.of())));

        WorkflowRun run = lookup(Result.FAILURE);
        r.assertLogContains("threat score 85 is at or above the failure threshold 80", run);

        RecordedRequest request = proxy.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(request, "the proxy got no request");
        assertThat(request.getRequestLine(),
                startsWith("GET http://" + UNRESOLVABLE + FakeDatadog.PATH + "?indicator=203.0.113.66 "));
        assertEquals(FakeDatadog.API_KEY, request.getHeaders().get("DD-API-KEY"));
        assertEquals(0, direct.server().getRequestCount());
    }

    @Test
    void noProxyHostsGoDirect() throws Exception {
        r.jenkins.setProxy(new ProxyConfiguration(proxy.getHostName(), proxy.getPort(), null, null, "localhost|*.internal.example.net"));
        DatadogIocConfiguration.get().setBaseUrl("http://localhost:" + direct.server().getPort() + "/");
        direct.found("203.0.113.66", 85);

        WorkflowRun run = lookup(Result.FAILURE);
        r.assertLogContains("threat score 85 is at or above the failure threshold 80", run);

        assertEquals(List.of("203.0.113.66"), direct.requestedIndicators());
        assertEquals(0, proxy.getRequestCount());
    }

    @Test
    void noProxyConfiguredGoesDirect() throws Exception {
        r.jenkins.setProxy(null);
        direct.found("203.0.113.66", 10);
        lookup(Result.SUCCESS);
        assertEquals(List.of("203.0.113.66"), direct.requestedIndicators());
        assertEquals(0, proxy.getRequestCount());
    }

    /** The client is built once per proxy configuration: a changed proxy applies to the next build. */
    @Test
    void aChangedProxyAppliesToTheNextBuild() throws Exception {
        r.jenkins.setProxy(null);
        direct.found("203.0.113.66", 10);
        DatadogIocConfiguration.get().setBaseUrl("http://" + proxy.getHostName() + ":" + direct.server().getPort() + "/");
        lookup(Result.SUCCESS);
        lookup(Result.SUCCESS);
        assertEquals(2, direct.server().getRequestCount());

        r.jenkins.setProxy(new ProxyConfiguration(proxy.getHostName(), proxy.getPort(), null, null, "*.internal.example.net"));
        proxy.enqueue(FakeDatadog.json(200, FakeDatadog.foundBody("203.0.113.66", 85, "IP Address", List.of(), List.of())));
        lookup(Result.FAILURE);
        assertEquals(1, proxy.getRequestCount());
        assertEquals(2, direct.server().getRequestCount());
    }

    private WorkflowRun lookup(Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("""
                iocLookup indicator: '203.0.113.66', apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app', failThreshold: 80
                """, true));
        return r.assertBuildStatus(expected, p.scheduleBuild2(0));
    }
}
