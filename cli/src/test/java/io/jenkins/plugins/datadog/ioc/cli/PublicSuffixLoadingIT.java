package io.jenkins.plugins.datadog.ioc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public suffix list (Guava's tables, built when its class is first used) is loaded only by a run that has
 * a name to judge: a list, or a text of addresses only, starts without it. Read from the JVM's class loading log
 * of the shaded jar.
 */
class PublicSuffixLoadingIT {
    private static final String GUAVA = "com.google.";

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
    void aListLoadsNoGuavaClass() throws Exception {
        assertThat(loaded("evil[.]com\n91.215.85.147\nhxxps://c2[.]evil[.]net/x\n")).noneMatch(c -> c.contains(GUAVA));
    }

    @Test
    void extractingAddressesOnlyLoadsNoGuavaClass() throws Exception {
        assertThat(loaded("upstream: 91.215.85.147\npeer: 2606:4700::6810:85e5\n", "--extract"))
                .noneMatch(c -> c.contains(GUAVA));
    }

    @Test
    void aNameToJudgeLoadsTheList() throws Exception {
        assertThat(loaded("upstream: cdn.evil-edge.net\n", "--extract"))
                .anyMatch(c -> c.contains("com.google.thirdparty.publicsuffix.PublicSuffixPatterns"));
    }

    /** The class loading log of a whole run over {@code text}. */
    private List<String> loaded(String text, String... options) throws IOException, InterruptedException {
        Path input = dir.resolve("input.txt");
        Files.writeString(input, text, UTF_8);
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-jar", System.getProperty("cli.jar"),
                "--base-url", datadog.baseUrl(), "-f", input.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DD_") || name.startsWith("JAVA_TOOL")
                || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("DD_API_KEY", FakeDatadog.API_KEY);
        builder.environment().put("DD_APP_KEY", FakeDatadog.APP_KEY);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        return Files.readAllLines(log);
    }
}
