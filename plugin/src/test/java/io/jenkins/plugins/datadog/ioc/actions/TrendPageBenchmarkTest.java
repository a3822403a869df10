package io.jenkins.plugins.datadog.ioc.actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.FreeStyleProject;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.steps.IocLookupBuilder;
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
 * The job page's server time with a trend, for docs/performance.md: a freestyle job of 100 builds of
 * 1,000 indicators each (one in ten found with a score, the rest not known to Datadog), looked up through
 * the real step against the local stand-in. A harness, not a test of behaviour: it runs only when asked,
 *
 * <pre>mvn -pl plugin verify -Dtest=TrendPageBenchmarkTest -Ddatadog.ioc.trendBenchmark=true</pre>
 *
 * and prints the time of a plain HTTP GET (no browser): right after Jenkins loaded the job from disk
 * (no build in memory), then the best of 5. It asserts only a generous bound.
 */
@WithJenkins
@EnabledIfSystemProperty(named = "datadog.ioc.trendBenchmark", matches = "true")
class TrendPageBenchmarkTest {
    private static final int BUILDS = 100;
    private static final int INDICATORS = 1_000;

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
    void jobPageWithATrendOfLargeBuilds() throws Exception {
        List<String> indicators = new ArrayList<>();
        for (int i = 0; i < INDICATORS; i++) {
            String indicator = String.format("host-%04d.example.org", i);
            indicators.add(indicator);
            if (i % 10 == 0) {
                datadog.found(indicator, i % 70);
            }
        }
        IocLookupBuilder lookup = new IocLookupBuilder();
        lookup.setIndicators(String.join("\n", indicators));
        lookup.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        lookup.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        FreeStyleProject created = r.createFreeStyleProject("large");
        created.getBuildersList().add(lookup);
        for (int i = 0; i < BUILDS; i++) {
            r.buildAndAssertSuccess(created);
        }

        HttpClient http = HttpClient.newHttpClient();
        for (String page : List.of("job/large/", "job/large/datadog-ioc-trend/?builds=100")) {
            r.jenkins.reload();
            long[] cold = get(http, page);
            long best = Long.MAX_VALUE;
            long bytes = 0;
            for (int i = 0; i < 5; i++) {
                long[] warm = get(http, page);
                best = Math.min(best, warm[0]);
                bytes = warm[1];
            }
            System.out.printf("%s: %d ms after loading the job from disk, best of 5 then %d ms, %d bytes of HTML%n",
                    page, cold[0] / 1_000_000, best / 1_000_000, bytes);
            assertThat(cold[0] / 1_000_000, lessThan(60_000L));
        }
    }

    /** Nanoseconds and bytes of one GET, which must show the chart. */
    private long[] get(HttpClient http, String page) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.getURL() + page)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        assertEquals(200, response.statusCode());
        assertThat(response.body(), containsString("class=\"ioc-trend\""));
        return new long[] {nanos, response.body().length()};
    }
}
