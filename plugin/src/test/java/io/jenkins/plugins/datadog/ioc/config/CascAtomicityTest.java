package io.jenkins.plugins.datadog.ioc.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A JCasC import that fails changes nothing, in memory or on disk, even for the fields the YAML names
 * before the bad one; and what a step reads is one snapshot, which a later import does not change.
 */
@WithJenkinsConfiguredWithCode
class CascAtomicityTest {

    @Test
    void aFailingImportLeavesEveryFieldAsItWas(JenkinsConfiguredWithCodeRule r) throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setApiKeyCredentialsId("dd-api");
        File file = new File(r.jenkins.getRootDir(), DatadogIocConfiguration.class.getName() + ".xml");
        String saved = Files.readString(file.toPath(), StandardCharsets.UTF_8);

        URL yaml = getClass().getResource("good-site-bad-timeout.yml");
        assertNotNull(yaml);
        Exception e = assertThrows(Exception.class, () -> ConfigurationAsCode.get().configure(yaml.toExternalForm()));
        assertThat(messages(e), containsString("timeout"));

        // site and apiKeyCredentialsId come before timeoutSeconds: set one by one, they would have changed
        assertEquals("datadoghq.com", config.getSite());
        assertEquals("dd-api", config.getApiKeyCredentialsId());
        assertEquals(60, config.getTimeoutSeconds());
        assertEquals(saved, Files.readString(file.toPath(), StandardCharsets.UTF_8));
        assertThat(saved, not(containsString("datadoghq.eu")));
    }

    @Test
    void aSnapshotKeepsItsValuesAndSharesTheCache(JenkinsConfiguredWithCodeRule r) throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        DatadogIocConfiguration snapshot = config.snapshot();

        URL yaml = getClass().getResource("configuration-as-code.yml");
        assertNotNull(yaml);
        ConfigurationAsCode.get().configure(yaml.toExternalForm());

        assertEquals("datadoghq.eu", config.getSite());
        assertEquals("datadoghq.com", snapshot.getSite());
        assertNull(snapshot.getFailThreshold());
        assertEquals(80, config.getFailThreshold());
        // one cache per controller, whichever snapshot a step holds (cacheMinutes changed, so a new one)
        assertSame(config.cache(), config.snapshot().cache());
    }

    private static String messages(Throwable e) {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(t.getMessage()).append('\n');
        }
        return causes.toString();
    }
}
