package io.jenkins.plugins.datadog.ioc.actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The figures in docs/performance.md: build.xml bytes, and the detail page's and an indicator page's server
 * time and bytes, for 1,000 and 10,000 indicators. Times are taken by a plain HTTP client (no HTML parsing),
 * the first request (records read from the file) and the best of 3 after it. The bounds are generous, to
 * catch a page that renders every result again, not to time the machine. A harness, not a test of behaviour
 * (DetailPageTest has that): timed, and 11,000 lookups long, it runs only when asked,
 *
 * <pre>mvn -pl plugin verify -Dtest=DetailPageBenchmarkTest -Ddatadog.ioc.detailBenchmark=true</pre>
 */
@WithJenkins
@EnabledIfSystemProperty(named = "datadog.ioc.detailBenchmark", matches = "true")
class DetailPageBenchmarkTest {
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
    void thousandAndTenThousandIndicators() throws Exception {
        for (int n : new int[] {1_000, 10_000}) {
            measure(n);
        }
    }

    private void measure(int n) throws Exception {
        List<String> indicators = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String indicator = String.format("host-%05d.example.org", i);
            indicators.add(indicator);
            if (i % 10 != 3) {
                datadog.found(indicator, i % 100);
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
        FreeStyleBuild build = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        assertEquals(n, build.getAction(IocLookupAction.class).getIndicatorCount());

        long buildXml = new File(build.getRootDir(), "build.xml").length();
        long recordFile = new File(build.getRootDir(), RecordFile.NAME).length();
        // Drop what recording held, as after a restart: the first request reads the file.
        r.jenkins.reload();
        String base = r.getURL() + build.getUrl() + "datadog-ioc/";
        Timed cold = get(base);
        Timed page = best(base);
        Timed filtered = best(base + "?verdict=UNSTABLE&q=host-0");
        Timed one = best(base + "indicator/" + (n / 2) + "/");
        System.out.printf("%,d indicators: build.xml %,d bytes, record file %,d bytes; detail page first %d ms, then %d ms,"
                + " %,d bytes; filtered %d ms; indicator page %d ms, %,d bytes%n", n, buildXml, recordFile, cold.millis,
                page.millis, page.bytes, filtered.millis, one.millis, one.bytes);

        assertThat(buildXml, lessThan(16_000L));
        assertThat(page.bytes, lessThan(200_000));
        assertThat(one.bytes, lessThan(100_000));
        assertThat(page.millis, lessThan(3_000L));
        assertThat(cold.millis, lessThan(15_000L));
    }

    private record Timed(long millis, int bytes) {}

    private static Timed best(String url) throws Exception {
        Timed best = null;
        for (int i = 0; i < 3; i++) {
            Timed t = get(url);
            best = best == null || t.millis < best.millis ? t : best;
        }
        return best;
    }

    private static Timed get(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, response.statusCode(), url);
        return new Timed(millis, response.body().length);
    }
}
