package io.jenkins.plugins.datadog.ioc.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.extract.IndicatorLines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorInputTest {
    @TempDir
    Path dir;

    @Test
    void dashReadsStdin() {
        InputStream stdin = new ByteArrayInputStream("evil.com\nbücher.example\n".getBytes(UTF_8));

        assertThat(IndicatorInput.readText("-", stdin)).isEqualTo("evil.com\nbücher.example\n");
    }

    @Test
    void readsAFileAsUtf8() throws IOException {
        Path file = dir.resolve("iocs.txt");
        Files.writeString(file, "bücher.example\nевил.рф\n", UTF_8);

        String text = IndicatorInput.readText(file.toString(), InputStream.nullInputStream());

        assertThat(IndicatorLines.parse(text)).containsExactly("bücher.example", "евил.рф");
    }

    @Test
    void aFileIsNotStdin() throws IOException {
        Path file = dir.resolve("iocs.txt");
        Files.writeString(file, "from-file.com\n", UTF_8);
        InputStream stdin = new ByteArrayInputStream("from-stdin.com\n".getBytes(UTF_8));

        assertThat(IndicatorInput.readText(file.toString(), stdin)).isEqualTo("from-file.com\n");
    }

    @Test
    void missingFile() {
        String missing = dir.resolve("missing.txt").toString();

        assertThatThrownBy(() -> IndicatorInput.readText(missing, InputStream.nullInputStream()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--file: no such file: " + missing);
    }

    @Test
    void directoryInsteadOfAFile() {
        assertThatThrownBy(() -> IndicatorInput.readText(dir.toString(), InputStream.nullInputStream()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--file: cannot read " + dir);
    }

    @Test
    void stdinThatFails() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("stream closed");
            }
        };

        assertThatThrownBy(() -> IndicatorInput.readText("-", broken))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot read -")
                .hasMessageContaining("stream closed");
    }
}
