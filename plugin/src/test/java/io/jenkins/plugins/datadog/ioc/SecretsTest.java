package io.jenkins.plugins.datadog.ioc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Datadog keys go to Datadog in two request headers and nowhere else: not to the build log, the
 * build's or job's files, the global configuration file, the REST API or the pages; not even when
 * Datadog (or a proxy) echoes a key back in an error.
 */
@WithJenkins
class SecretsTest {
    private static final String FOUND = "203.0.113.66";
    private static final String ECHO_JSON = "198.51.100.1";
    private static final String ECHO_JSON_ESCAPED = "198.51.100.2";
    private static final String ECHO_HTML = "198.51.100.3";
    private static final String ECHO_REDIRECT = "198.51.100.4";
    private static final String ECHO_TEXT = "198.51.100.5";
    private static final List<String> INDICATORS = List.of(FOUND, ECHO_JSON, ECHO_JSON_ESCAPED, ECHO_HTML, ECHO_REDIRECT, ECHO_TEXT);

    private JenkinsRule r;
    private FakeDatadog datadog;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        datadog = new FakeDatadog().install();
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        config.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        config.setOnError(Verdict.UNSTABLE);

        String api = FakeDatadog.API_KEY;
        String app = FakeDatadog.APP_KEY;
        datadog.found(FOUND, 20);
        datadog.answer(ECHO_JSON, 400, "{\"errors\":[\"Invalid API key " + api + " or application key " + app + "\"]}");
        // a JSON escape hides the key from a search of the raw body
        String escaped = "\\" + "u0064" + api.substring(1);
        datadog.answer(ECHO_JSON_ESCAPED, 400, "{\"errors\":[{\"title\":\"Bad Request\",\"detail\":\"key " + escaped + "\"}]}");
        datadog.answer(ECHO_HTML, () -> new MockResponse.Builder().code(400).addHeader("Content-Type", "text/html")
                .body("<html><head><title>Rejected " + api + "</title></head><body>" + app + "</body></html>").build());
        datadog.answer(ECHO_REDIRECT, () -> new MockResponse.Builder().code(302)
                .addHeader("Location", "https://elsewhere.example.net/login?api_key=" + api + "&app_key=" + app).build());
        datadog.answer(ECHO_TEXT, () -> new MockResponse.Builder().code(418).addHeader("Content-Type", "text/plain")
                .body("teapot " + api + " " + app).build());
    }

    @AfterEach
    void tearDown() {
        datadog.close();
    }

    @Test
    void keysStayOutOfEverythingButTheRequestHeaders() throws Exception {
        try (LogRecorder logging = new LogRecorder().record("", Level.INFO)
                .record("io.jenkins.plugins.datadog", Level.ALL).record("okhttp3", Level.ALL).capture(10_000)) {
            WorkflowJob pipeline = r.createProject(WorkflowJob.class, "pipeline");
            pipeline.setDefinition(new CpsFlowDefinition("""
                    def r = iocLookup indicators: ['%s'], apiKeyCredentialsId: 'dd-api', appKeyCredentialsId: 'dd-app'
                    for (int i = 0; i < r.results.size(); i++) {
                        echo "result ${r.results.get(i).indicator}: ${r.results.get(i).status} ${r.results.get(i).error}"
                    }
                    """.formatted(String.join("', '", INDICATORS)), true));
            pipeline.save();
            WorkflowRun pipelineRun = r.assertBuildStatus(Result.UNSTABLE, pipeline.scheduleBuild2(0));

            FreeStyleProject freestyle = r.createFreeStyleProject("freestyle");
            IocLookupBuilder builder = new IocLookupBuilder();
            builder.setIndicators(String.join("\n", INDICATORS));
            // the global default credentials: only their ids are anywhere in the configuration
            freestyle.getBuildersList().add(builder);
            FreeStyleBuild freestyleRun = r.assertBuildStatus(Result.UNSTABLE, freestyle.scheduleBuild2(0));

            // The test means something only if the keys were sent, and the echoes came back and were masked.
            List<RecordedRequest> requests = datadog.requests();
            assertThat(requests, hasSize(2 * INDICATORS.size()));
            for (RecordedRequest request : requests) {
                assertEquals(FakeDatadog.API_KEY, request.getHeaders().get("DD-API-KEY"));
                assertEquals(FakeDatadog.APP_KEY, request.getHeaders().get("DD-APPLICATION-KEY"));
            }
            String log = JenkinsRule.getLog(pipelineRun);
            assertThat(log, containsString("result " + ECHO_JSON + ": ERROR Datadog rejected the request (HTTP 400: Invalid API key **** or application key ****)."));
            assertThat(log, containsString("result " + ECHO_JSON_ESCAPED + ": ERROR Datadog rejected the request (HTTP 400: Bad Request: key ****)."));
            assertThat(log, containsString("result " + ECHO_HTML + ": ERROR Datadog rejected the request (HTTP 400: an HTML page, probably from a proxy or load balancer: Rejected ****)."));
            assertThat(log, containsString("result " + ECHO_REDIRECT + ": ERROR Datadog answered with a redirect (HTTP 302)"));
            assertThat(log, containsString("result " + ECHO_TEXT + ": ERROR Datadog answered HTTP 418: teapot **** ****"));

            for (Run<?, ?> run : List.<Run<?, ?>>of(pipelineRun, freestyleRun)) {
                assertNoKey("console log of " + run, JenkinsRule.getLog(run));
                // the results, errors included, are in the record file beside build.xml (build.xml keeps a summary)
                assertThat(read(run.getRootDir().toPath().resolve(RecordFile.NAME)), containsString(ECHO_JSON));
                assertNoKeyIn(run.getRootDir().toPath()); // build.xml, log, flow nodes
                Job<?, ?> job = run.getParent();
                String config = read(job.getConfigFile().getFile().toPath());
                assertNoKey("config.xml of " + job, config);
            }
            assertThat(read(freestyle.getConfigFile().getFile().toPath()), containsString(IocLookupBuilder.class.getName()));

            Path global = new File(r.jenkins.getRootDir(), DatadogIocConfiguration.class.getName() + ".xml").toPath();
            assertThat(read(global), containsString(FakeDatadog.API_KEY_ID));
            assertNoKey(global.toString(), read(global));
            try (Stream<Path> files = Files.list(r.jenkins.getRootDir().toPath())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                    assertNoKey(file.toString(), read(file)); // credentials.xml included: Secret encrypts
                }
            }

            try (JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false)) {
                for (Run<?, ?> run : List.<Run<?, ?>>of(pipelineRun, freestyleRun)) {
                    for (String path : List.of("api/json?depth=2", "api/xml?depth=2", "datadog-ioc/api/json?depth=2",
                            "datadog-ioc/", "", "consoleText", "consoleFull")) {
                        String content = wc.goTo(run.getUrl() + path, null).getWebResponse().getContentAsString();
                        assertNoKey(run.getUrl() + path, content);
                    }
                    String json = wc.goTo(run.getUrl() + "api/json?tree=actions[results[indicator,status,error]]", null)
                            .getWebResponse().getContentAsString();
                    assertThat(json, containsString(ECHO_JSON)); // the results, errors included, are exported
                    assertNoKey(run.getUrl() + "api/json?tree=...", json);
                }
                assertNoKey("job page", wc.goTo(pipeline.getUrl(), null).getWebResponse().getContentAsString());
                assertNoKey("global configuration page", wc.goTo("manage/configure", null).getWebResponse().getContentAsString());
            }

            List<String> records = new ArrayList<>();
            SimpleFormatter formatter = new SimpleFormatter();
            for (LogRecord record : logging.getRecords()) {
                records.add(formatter.format(record));
            }
            assertNoKey("the system log", String.join("\n", records));
        }
    }

    @Test
    void keysAreNotInTheGlobalConfigurationFileOrPage() throws Exception {
        DatadogIocConfiguration.get().save();
        Path global = new File(r.jenkins.getRootDir(), DatadogIocConfiguration.class.getName() + ".xml").toPath();
        assertTrue(Files.exists(global));
        assertNoKey(global.toString(), read(global));
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            assertNoKey("global configuration page", wc.goTo("manage/configure").getWebResponse().getContentAsString());
        }
    }

    private static void assertNoKeyIn(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files.size(), greaterThanOrEqualTo(2));
        for (Path file : files) {
            assertNoKey(file.toString(), read(file));
        }
    }

    private static void assertNoKey(String where, String text) {
        assertThat(where + " shows the API key", text, not(containsString(FakeDatadog.API_KEY)));
        assertThat(where + " shows the application key", text, not(containsString(FakeDatadog.APP_KEY)));
        // nor a long piece of one (a key cut short by a length limit)
        assertThat(where + " shows part of the API key", text, not(containsString(FakeDatadog.API_KEY.substring(0, 16))));
        assertThat(where + " shows part of the application key", text, not(containsString(FakeDatadog.APP_KEY.substring(0, 16))));
    }

    private static String read(Path file) throws IOException {
        // ISO-8859-1 reads any bytes; the keys are ASCII
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
