package io.jenkins.plugins.datadog.ioc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.cli.IocLookupCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every end-to-end test of {@link CliProcessIT} again through {@code target/ioc-lookup}, the launcher, plus
 * what only the launcher does: finding Java, passing JAVA_OPTS on, and its class-data archive.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "target/ioc-lookup is a POSIX shell script; on Windows the CLI is run"
        + " as java -jar, which CliProcessIT tests")
class LauncherProcessIT extends CliProcessIT {
    private static Path launcher;

    /** Shared by the tests of this class: the first run makes the archive, the others use it. */
    @TempDir
    static Path cache;

    @BeforeAll
    static void findLauncher() {
        String property = System.getProperty("cli.launcher");
        assertThat(property).as("system property cli.launcher (set by failsafe)").isNotBlank();
        launcher = Path.of(property);
        assertThat(launcher).as("the launcher").isExecutable();
    }

    @Override
    List<String> command() {
        return List.of(launcher.toString());
    }

    @Override
    void environment(Map<String, String> environment) {
        super.environment(environment);
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("XDG_CACHE_HOME", cache.toString());
    }

    @Test
    void theClassDataArchiveIsMadeOnceAndLeavesTheOutputAlone() throws Exception {
        datadog.score("evil.com", 85);
        Path archives = cache.resolve("ioc-lookup");
        for (int i = 0; i < 2; i++) {
            Run result = lookup("--fail-threshold", "80", "--format", "json", "evil.com");
            assertThat(result.exit()).as("%s", result).isEqualTo(1);
            assertThat(result.json().path("verdict").asText()).isEqualTo("FAILURE");
            assertThat(result.err()).as("%s", result).isEmpty();
        }
        try (Stream<Path> files = Files.list(archives)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().startsWith("ioc-lookup-").endsWith(".jsa").doesNotContain(".jsa.");
        }
    }

    @Test
    void javaOptsReachTheJvm() throws Exception {
        Run result = run(Map.of("JAVA_OPTS", "-XX:+UnlockDiagnosticVMOptions -XX:NoSuchOptionAnywhere"), "", "--version");
        assertThat(result.exit()).as("%s", result).isNotZero();
        assertThat(result.err()).contains("NoSuchOptionAnywhere");
    }

    @Test
    void aJavaHomeWithoutJavaIsAClearError() throws Exception {
        Run result = run(Map.of("JAVA_HOME", dir.toString()), "", "--version");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("ioc-lookup: JAVA_HOME is " + dir + ", but " + dir.resolve("bin/java")
                + " is not there; set JAVA_HOME to a JDK or JRE 17 or later.\n");
    }

    @Test
    void worksWithoutACacheDirectory() throws Exception {
        datadog.score("good.com", 10);
        Path file = Files.writeString(dir.resolve("not-a-directory"), "");
        Run result = run(Map.of("XDG_CACHE_HOME", file.toString(), "DD_API_KEY", FakeDatadog.API_KEY,
                "DD_APP_KEY", FakeDatadog.APP_KEY), "", "--base-url", datadog.baseUrl(), "good.com");
        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.out()).contains("Datadog IoC lookup: PASS");
    }

}
