package io.jenkins.plugins.datadog.ioc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.datadog.ioc.cli.IocLookupCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defanged indicators, in lists and with {@code --extract}, are looked up plainly, reported with how they were
 * written and suppressed by their plain value; extraction leaves files, packages and keys alone.
 */
class DefangedAndPreciseExtractionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private FakeDatadog datadog;

    @BeforeEach
    void startDatadog() throws IOException {
        datadog = new FakeDatadog();
    }

    @AfterEach
    void stopDatadog() {
        datadog.close();
    }

    @Test
    void aDefangedListIsLookedUpPlainlyAndSuppressedByThePlainValue() throws IOException {
        datadog.score("evil.com", 95).score("91.215.85.147", 90);
        Path list = write("iocs.txt", "# from the write-up\nevil[.]com\n91.215.85[.]147\nhxxps://c2[.]evil[.]net/x\n");
        Path suppressions = write("s.json",
                "{\"suppressions\": [{\"indicator\": \"evil.com\", \"reason\": \"sinkholed\"}]}");

        Run run = lookup("--fail-threshold", "80", "--format", "json", "--suppressions", suppressions.toString(),
                "-f", list.toString());

        assertThat(run.exit()).as("%s", run).isEqualTo(IocLookupCommand.EXIT_FAILURE);
        assertThat(datadog.lookedUp()).containsExactlyInAnyOrder("evil.com", "91.215.85.147", "https://c2.evil.net/x");
        JsonNode results = JSON.readTree(run.out()).path("results");
        assertThat(results.get(0).path("indicator").asText()).isEqualTo("evil.com");
        assertThat(results.get(0).path("suppressed").asBoolean()).isTrue();
        assertThat(results.get(0).path("location").path("written").asText()).isEqualTo("evil[.]com");
        assertThat(results.get(1).path("verdict").asText()).isEqualTo("FAILURE");
        assertThat(results.get(1).path("location").path("written").asText()).isEqualTo("91.215.85[.]147");
    }

    @Test
    void extractionReadsDefangedIndicatorsAndTheTextSummaryShowsBothForms() throws IOException {
        Path report = write("incident.md", "Stage 2 came from hxxps://cdn-update[.]net/pkg/stage2.js and beaconed to 91.215.85[.]147.\n");

        Run run = lookup("--extract", "-f", report.toString());

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(datadog.lookedUp()).containsExactlyInAnyOrder("cdn-update.net", "91.215.85.147");
        assertThat(run.out()).contains(report + ":1:27, written hxxps://cdn-update[.]net")
                .contains(report + ":1:74, written 91.215.85[.]147");
    }

    @Test
    void filesPackagesAndKeysAreNotLookedUpButAProxyPassUpstreamIs() throws IOException {
        Path file = write("mixed.txt", String.join("\n",
                "GET /wp-login.php and /upload.aspx from 185.220.101.4",
                "helm upgrade app ./chart --set image.tag=1.4.2",
                "zope.interface==6.2",
                "backports.zoneinfo==0.2.1 ; python_version < \"3.9\"",
                "location /static/ { proxy_pass https://static.cdn-edge77.net; }",
                ""));

        Run run = lookup("--extract", "--format", "json", "-f", file.toString());

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(datadog.lookedUp()).containsExactlyInAnyOrder("185.220.101.4", "static.cdn-edge77.net");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, UTF_8);
        return file;
    }

    private Run lookup(String... args) {
        List<String> all = new ArrayList<>(List.of("--base-url", datadog.baseUrl()));
        all.addAll(List.of(args));
        return IocLookupCommandTest.run(IocLookupCommandTest.keys(), "", all.toArray(String[]::new));
    }
}
