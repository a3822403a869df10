package io.jenkins.plugins.datadog.ioc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command's small parts: key sources, the verdict converter and the progress line. */
class CommandPartsTest {
    private static final String API = FakeDatadog.API_KEY;
    private static final String APP = FakeDatadog.APP_KEY;

    @TempDir
    Path dir;

    /** ApiKeys keeps its keys to itself; redact() shows which ones it holds. */
    private static void assertKeys(ApiKeys keys, String api, String app) {
        assertThat(keys.redact(api + "|" + app)).isEqualTo("****|****");
        assertThat(keys.toString()).doesNotContain(api).doesNotContain(app);
    }

    @Test
    void keysFromTheEnvironment() {
        assertKeys(KeySource.load(null, null, Map.of("DD_API_KEY", API, "DD_APP_KEY", APP)), API, APP);
    }

    @Test
    void ddAppKeyWinsOverDdApplicationKey() {
        ApiKeys keys = KeySource.load(null, null,
                Map.of("DD_API_KEY", API, "DD_APP_KEY", APP, "DD_APPLICATION_KEY", "other-app-key"));

        assertKeys(keys, API, APP);
        assertThat(keys.redact("other-app-key")).isEqualTo("other-app-key");
    }

    @Test
    void ddApplicationKeyWhenDdAppKeyIsBlank() {
        ApiKeys keys = KeySource.load(null, null, Map.of("DD_API_KEY", API, "DD_APP_KEY", " ",
                "DD_APPLICATION_KEY", APP));

        assertKeys(keys, API, APP);
    }

    @Test
    void keyFilesAreStrippedAndWinOverTheEnvironment() throws IOException {
        Path api = Files.writeString(dir.resolve("api"), "  " + API + "\n\n");
        Path app = Files.writeString(dir.resolve("app"), APP + "\r\n");

        ApiKeys keys = KeySource.load(api, app, Map.of("DD_API_KEY", "env-api", "DD_APP_KEY", "env-app"));

        assertKeys(keys, API, APP);
    }

    @Test
    void missingKeys() {
        assertThatThrownBy(() -> KeySource.load(null, null, Map.of("DD_APP_KEY", APP)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No Datadog API key: set DD_API_KEY or use --api-key-file.");
        assertThatThrownBy(() -> KeySource.load(null, null, Map.of("DD_API_KEY", API)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No Datadog application key: set DD_APP_KEY or use --app-key-file.");
    }

    @Test
    void missingKeyFileNamesTheOptionNotTheKey() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> KeySource.load(null, missing, Map.of("DD_API_KEY", API)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--app-key-file: no such file: " + missing);
    }

    @Test
    void unreadableKeyFile() {
        assertThatThrownBy(() -> KeySource.load(dir, null, Map.of("DD_APP_KEY", APP)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--api-key-file: cannot read " + dir);
    }

    @Test
    void badKeyInAFileIsNotQuoted() throws IOException {
        Path api = Files.writeString(dir.resolve("api"), "ddapi-secret\u00e9" + "0123456789abcdef\n");

        assertThatThrownBy(() -> KeySource.load(api, null, Map.of("DD_APP_KEY", APP)))
                .isInstanceOf(ConfigurationException.class)
                .message().doesNotContain("0123456789abcdef").doesNotContain("ddapi-secret");
    }

    @ParameterizedTest
    @CsvSource({"pass, PASS", "PASS, PASS", " Unstable , UNSTABLE", "failure, FAILURE", "fail, FAILURE", "Fail, FAILURE"})
    void verdicts(String text, Verdict verdict) {
        assertThat(new IocLookupCommand.VerdictConverter().convert(text)).isEqualTo(verdict);
    }

    @Test
    void unknownVerdictIsATypeConversionError() {
        assertThatThrownBy(() -> new IocLookupCommand.VerdictConverter().convert("warn"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("pass, unstable, failure")
                .hasMessageContaining("'warn'");
    }

    @Test
    void versionNamesTheProduct() {
        assertThat(new IocLookupCommand.Version().getVersion()).singleElement().asString()
                .startsWith("datadog-ioc-lookup ");
    }
}
