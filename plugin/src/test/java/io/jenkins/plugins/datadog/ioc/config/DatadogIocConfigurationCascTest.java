package io.jenkins.plugins.datadog.ioc.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.yaml.YamlSource;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code unclassified: datadogIocLookup:} in Configuration as Code: import, export and their round trip. */
@WithJenkinsConfiguredWithCode
class DatadogIocConfigurationCascTest {
    private static final String SYMBOL = "datadogIocLookup";

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void configuredFromYaml(JenkinsConfiguredWithCodeRule r) {
        assertConfigured(DatadogIocConfiguration.get());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsWhatWasConfigured(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get(SYMBOL);
        assertNotNull(node, "no " + SYMBOL + " under unclassified");
        // before the checks below, which take the values out of the mapping
        String exported = Util.toYamlString(node);
        Mapping mapping = node.asMapping();
        assertEquals("datadoghq.eu", mapping.getScalarValue("site"));
        assertEquals("https://dd-gateway.example.net/", mapping.getScalarValue("baseUrl"));
        assertEquals("dd-api", mapping.getScalarValue("apiKeyCredentialsId"));
        assertEquals("dd-app", mapping.getScalarValue("appKeyCredentialsId"));
        assertEquals("50", mapping.getScalarValue("unstableThreshold"));
        assertEquals("80", mapping.getScalarValue("failThreshold"));
        assertEquals("FAILURE", mapping.getScalarValue("onNotFound"));
        assertEquals("UNSTABLE", mapping.getScalarValue("onError"));
        assertEquals("FAILURE", mapping.getScalarValue("onMaliciousSource"));
        assertEquals("botnet, malware", mapping.getScalarValue("categories"));
        assertEquals("UNSTABLE", mapping.getScalarValue("onCategory"));
        assertEquals("FAILURE", mapping.getScalarValue("onSignal"));
        assertEquals("high", mapping.getScalarValue("minSignalSeverity"));
        assertEquals("UNSTABLE", mapping.getScalarValue("onCriticalAsset"));
        assertEquals("30", mapping.getScalarValue("timeoutSeconds"));
        assertEquals("2", mapping.getScalarValue("concurrency"));
        assertEquals("10", mapping.getScalarValue("cacheMinutes"));
        assertEquals("250", mapping.getScalarValue("maxIndicators"));
        assertEquals("true", mapping.getScalarValue("recordOrganizationData"));
        Mapping scanner = mapping.get("suppressions").asSequence().get(0).asMapping();
        assertEquals("203.0.113.7", scanner.getScalarValue("indicator"));
        assertEquals("Our own scanner, SEC-123", scanner.getScalarValue("reason"));
        assertEquals("2031-03-31", scanner.getScalarValue("expires"));
        assertEquals("UNSTABLE", scanner.getScalarValue("maxVerdict"));
        Mapping cdn = mapping.get("suppressions").asSequence().get(1).asMapping();
        assertEquals("*.cdn.example.com", cdn.getScalarValue("indicator"));
        assertNull(cdn.get("expires"), "an entry without expiry exports none");

        String expected = Util.toStringFromYamlFile(this, "expected-export.yml");
        Map<String, String> exportedValues = scalars(exported);
        Map<String, String> expectedValues = scalars(expected);
        assertThat(exportedValues.keySet(), hasItems(expectedValues.keySet().toArray(new String[0])));
        for (Map.Entry<String, String> entry : expectedValues.entrySet()) {
            assertEquals(entry.getValue(), exportedValues.get(entry.getKey()), entry.getKey() + " in\n" + exported);
        }
    }

    /** What the export writes configures the same again. */
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportedYamlConfiguresTheSame(JenkinsConfiguredWithCodeRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get(SYMBOL);
        Mapping unclassified = new Mapping();
        unclassified.put(SYMBOL, node);
        Mapping root = new Mapping();
        root.put("unclassified", unclassified);
        String yaml = Util.toYamlString(root);

        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setSite(null);
        config.setBaseUrl(null);
        config.setApiKeyCredentialsId(null);
        config.setAppKeyCredentialsId(null);
        config.setUnstableThreshold(null);
        config.setFailThreshold(null);
        config.setOnNotFound(null);
        config.setOnError(null);
        config.setOnMaliciousSource(null);
        config.setCategories(null);
        config.setOnCategory(null);
        config.setOnSignal(null);
        config.setMinSignalSeverity(null);
        config.setOnCriticalAsset(null);
        config.setTimeoutSeconds(60);
        config.setConcurrency(4);
        config.setCacheMinutes(5);
        config.setMaxIndicators(1000);
        config.setRecordOrganizationData(false);
        config.setSuppressions(null);
        assertNull(config.getFailThreshold());

        ConfigurationAsCode.get().configureWith(YamlSource.of(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        assertConfigured(config);
    }

    @Test
    void badThresholdIsRejected(JenkinsConfiguredWithCodeRule r) {
        assertRejected("bad-threshold.yml", "The failure threshold must be a score from 0 to 100");
        assertNull(DatadogIocConfiguration.get().getFailThreshold());
    }

    /** An inverted pair would abort every build that uses the defaults: refused at import, nothing applied. */
    @Test
    void invertedThresholdsAreRejected(JenkinsConfiguredWithCodeRule r) {
        assertRejected("inverted-thresholds.yml", "The unstable threshold (90) may not be above the failure threshold (50).");
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        assertNull(config.getUnstableThreshold());
        assertNull(config.getFailThreshold());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void aThresholdIsCheckedAgainstTheOtherAlreadyConfigured(JenkinsConfiguredWithCodeRule r) {
        assertRejected("unstable-above-current-fail.yml", "The unstable threshold (85) may not be above the failure threshold (80).");
        assertEquals(50, DatadogIocConfiguration.get().getUnstableThreshold());
    }

    @Test
    void aBadSuppressionIsRejectedWithItsPlace(JenkinsConfiguredWithCodeRule r) {
        assertRejected("bad-suppression.yml", "global suppression 2");
        assertTrue(DatadogIocConfiguration.get().getSuppressions().isEmpty(), "no entry applied");
    }

    @Test
    void unknownSignalSeverityIsRejected(JenkinsConfiguredWithCodeRule r) {
        assertRejected("bad-signal-severity.yml", "minSignalSeverity must be one of info, low, medium, high, critical, not 'urgent'.");
        assertNull(DatadogIocConfiguration.get().getOnSignal(), "nothing applied");
    }

    @Test
    void unknownSiteIsRejected(JenkinsConfiguredWithCodeRule r) {
        assertRejected("bad-site.yml", "Unknown Datadog site 'datadoghq.invalid'");
        assertEquals("datadoghq.com", DatadogIocConfiguration.get().getSite());
    }

    private void assertRejected(String resource, String message) {
        URL yaml = getClass().getResource(resource);
        assertNotNull(yaml, resource);
        Exception e = assertThrows(Exception.class, () -> ConfigurationAsCode.get().configure(yaml.toExternalForm()));
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        assertThat(causes.toString(), containsString(message));
    }

    private static void assertConfigured(DatadogIocConfiguration config) {
        assertEquals("datadoghq.eu", config.getSite());
        assertEquals("https://dd-gateway.example.net/", config.getBaseUrl());
        assertEquals("dd-api", config.getApiKeyCredentialsId());
        assertEquals("dd-app", config.getAppKeyCredentialsId());
        assertEquals(50, config.getUnstableThreshold());
        assertEquals(80, config.getFailThreshold());
        assertEquals(Verdict.FAILURE, config.getOnNotFound());
        assertEquals(Verdict.UNSTABLE, config.getOnError());
        assertEquals("FAILURE", config.getOnMaliciousSource());
        assertEquals(List.of("botnet", "malware"), config.categoryList());
        assertEquals(Verdict.UNSTABLE, config.getOnCategory());
        assertEquals("FAILURE", config.getOnSignal());
        assertEquals("high", config.getMinSignalSeverity());
        assertEquals("UNSTABLE", config.getOnCriticalAsset());
        assertEquals(30, config.getTimeoutSeconds());
        assertEquals(2, config.getConcurrency());
        assertEquals(10, config.getCacheMinutes());
        assertEquals(250, config.getMaxIndicators());
        assertTrue(config.isRecordOrganizationData());
        assertEquals(2, config.getSuppressions().size());
        SuppressionEntry scanner = config.getSuppressions().get(0);
        assertEquals("203.0.113.7", scanner.getIndicator());
        assertEquals("Our own scanner, SEC-123", scanner.getReason());
        assertEquals("2031-03-31", scanner.getExpires());
        assertEquals("UNSTABLE", scanner.getMaxVerdict());
        assertEquals("CDN edge names", config.getSuppressions().get(1).getReason());
    }

    /** A flat YAML mapping with every value as a string, so that quoting styles do not matter. */
    private static Map<String, String> scalars(String yaml) {
        Map<String, Object> parsed = new Yaml().load(yaml);
        Map<String, String> values = new LinkedHashMap<>();
        parsed.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }
}
