package io.jenkins.plugins.datadog.ioc.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.util.FormValidation;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.FakeDatadog;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.gate.LookupCache;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DatadogIocConfigurationTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void defaults() {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        assertEquals("datadoghq.com", config.getSite());
        assertNull(config.getBaseUrl());
        assertNull(config.getApiKeyCredentialsId());
        assertNull(config.getAppKeyCredentialsId());
        assertNull(config.getUnstableThreshold());
        assertNull(config.getFailThreshold());
        assertEquals(Verdict.PASS, config.getOnNotFound());
        assertEquals(Verdict.FAILURE, config.getOnError());
        assertEquals("datadoghq.com", config.getSite());
        assertEquals(60, config.getTimeoutSeconds());
        assertEquals(4, config.getConcurrency());
        assertEquals(5, config.getCacheMinutes());
        assertEquals(1000, config.getMaxIndicators());
        assertFalse(config.isRecordOrganizationData(), "organization data is opt-in");
        // no rule beyond the score unless an administrator sets one
        assertNull(config.getOnMaliciousSource());
        assertNull(config.getCategories());
        assertEquals(Verdict.FAILURE, config.getOnCategory());
        assertNull(config.getOnSignal());
        assertNull(config.getMinSignalSeverity());
        assertNull(config.getOnCriticalAsset());
    }

    @Test
    void configRoundtripKeepsEveryValue() throws Exception {
        FakeDatadog.addKeyCredentials();
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setSite("datadoghq.eu");
        config.setBaseUrl("https://dd-gateway.example.net/");
        config.setApiKeyCredentialsId(FakeDatadog.API_KEY_ID);
        config.setAppKeyCredentialsId(FakeDatadog.APP_KEY_ID);
        config.setUnstableThreshold(40);
        config.setFailThreshold(90);
        config.setOnNotFound(Verdict.UNSTABLE);
        config.setOnError(Verdict.PASS);
        config.setTimeoutSeconds(30);
        config.setConcurrency(2);
        config.setCacheMinutes(10);
        config.setMaxIndicators(250);
        config.setRecordOrganizationData(true);
        config.setOnMaliciousSource("UNSTABLE");
        config.setCategories("botnet\nmalware, ");
        config.setOnCategory(Verdict.UNSTABLE);
        config.setOnSignal("FAILURE");
        config.setMinSignalSeverity("HIGH");
        config.setOnCriticalAsset("UNSTABLE");

        r.configRoundtrip();

        assertSame(config, DatadogIocConfiguration.get());
        assertEquals("datadoghq.eu", config.getSite());
        assertEquals("https://dd-gateway.example.net/", config.getBaseUrl());
        assertEquals(FakeDatadog.API_KEY_ID, config.getApiKeyCredentialsId());
        assertEquals(FakeDatadog.APP_KEY_ID, config.getAppKeyCredentialsId());
        assertEquals(40, config.getUnstableThreshold());
        assertEquals(90, config.getFailThreshold());
        assertEquals(Verdict.UNSTABLE, config.getOnNotFound());
        assertEquals(Verdict.PASS, config.getOnError());
        assertEquals(30, config.getTimeoutSeconds());
        assertEquals(2, config.getConcurrency());
        assertEquals(10, config.getCacheMinutes());
        assertEquals(250, config.getMaxIndicators());
        assertTrue(config.isRecordOrganizationData());
        assertEquals("UNSTABLE", config.getOnMaliciousSource());
        assertEquals("botnet, malware", config.getCategories());
        assertEquals(Verdict.UNSTABLE, config.getOnCategory());
        assertEquals("FAILURE", config.getOnSignal());
        assertEquals("high", config.getMinSignalSeverity());
        assertEquals("UNSTABLE", config.getOnCriticalAsset());
    }

    @Test
    void aRuleVerdictOrSeverityThatDoesNotExistIsRefusedAndBlankMeansNoRule() {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        assertThrows(ConfigurationException.class, () -> config.setOnSignal("sometimes"));
        assertThrows(ConfigurationException.class, () -> config.setMinSignalSeverity("urgent"));
        config.setOnCriticalAsset("failure");
        assertEquals("FAILURE", config.getOnCriticalAsset());
        config.setOnCriticalAsset(" ");
        assertNull(config.getOnCriticalAsset());
        config.setCategories(" , ");
        assertNull(config.getCategories());
    }

    /** The page is checked whole before any of it applies: valid fields next to an invalid one stay as they were. */
    @Test
    void aRejectedPageChangesNothing() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        File file = new File(r.jenkins.getRootDir(), DatadogIocConfiguration.class.getName() + ".xml");
        config.save();
        String saved = Files.readString(file.toPath(), StandardCharsets.UTF_8);

        assertRejected(Map.of("_.timeoutSeconds", "30", "_.concurrency", "2", "_.cacheMinutes", "10", "_.maxIndicators", "50",
                "_.baseUrl", "ftp://dd-gateway.example.net/"), "ftp://dd-gateway.example.net/");
        assertRejected(Map.of("_.timeoutSeconds", "30", "_.unstableThreshold", "90", "_.failThreshold", "50"),
                "The unstable threshold (90) may not be above the failure threshold (50).");
        assertRejected(Map.of("_.timeoutSeconds", "30", "_.maxIndicators", "0"), "between 1 and 100,000, not 0");

        assertEquals("datadoghq.com", config.getSite());
        assertEquals(60, config.getTimeoutSeconds());
        assertEquals(4, config.getConcurrency());
        assertEquals(5, config.getCacheMinutes());
        assertEquals(1000, config.getMaxIndicators());
        assertNull(config.getBaseUrl());
        assertNull(config.getUnstableThreshold());
        assertEquals(saved, Files.readString(file.toPath(), StandardCharsets.UTF_8), "nothing saved");
    }

    private void assertRejected(Map<String, String> fields, String message) throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            wc.setThrowExceptionOnFailingStatusCode(false);
            HtmlPage page = wc.goTo("configure");
            HtmlForm form = page.getFormByName("config");
            // the advanced fields join the form once their section is opened
            for (DomElement button : form.getElementsByTagName("button")) {
                if (button.getAttribute("class").contains("advanced-button")) {
                    button.click();
                }
            }
            fields.forEach((name, value) -> form.getInputByName(name).setValue(value));
            // a valid change to the first field, which the form binds before any other
            wc.waitForBackgroundJavaScript(10_000);
            HtmlSelect site = form.getSelectByName("_.site");
            site.setSelectedAttribute("datadoghq.eu", true);
            HtmlPage result = r.submit(form);
            assertThat(result.getWebResponse().getStatusCode(), greaterThanOrEqualTo(400));
            assertThat(result.asNormalizedText(), containsString(message));
        }
    }

    @Test
    void configRoundtripKeepsDefaultsAndBlanks() throws Exception {
        r.configRoundtrip();

        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        assertEquals("datadoghq.com", config.getSite());
        assertNull(config.getBaseUrl());
        assertNull(config.getApiKeyCredentialsId());
        assertNull(config.getAppKeyCredentialsId());
        assertNull(config.getUnstableThreshold(), "a blank threshold stays blank, not 0");
        assertNull(config.getFailThreshold(), "a blank threshold stays blank, not 0");
        assertEquals(Verdict.PASS, config.getOnNotFound());
        assertEquals(Verdict.FAILURE, config.getOnError());
        assertEquals("datadoghq.com", config.getSite());
        assertEquals(60, config.getTimeoutSeconds());
        assertEquals(4, config.getConcurrency());
        assertEquals(5, config.getCacheMinutes());
    }

    @Test
    void savedToDisk() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setSite("ap1.datadoghq.com");
        config.setFailThreshold(80);
        config.setOnError(Verdict.UNSTABLE);
        File file = new File(r.jenkins.getRootDir(), DatadogIocConfiguration.class.getName() + ".xml");
        String xml = Files.readString(file.toPath(), StandardCharsets.UTF_8);
        assertThat(xml, containsString("<site>ap1.datadoghq.com</site>"));
        assertThat(xml, containsString("<failThreshold>80</failThreshold>"));
        assertThat(xml, containsString("<onError>UNSTABLE</onError>"));

        config.load();
        assertEquals("ap1.datadoghq.com", config.getSite());
        assertEquals(80, config.getFailThreshold());
        assertEquals(Verdict.UNSTABLE, config.getOnError());
    }

    @Test
    void sitesAreForgivingButValidated() {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setSite(" https://api.datadoghq.eu/ ");
        assertEquals("datadoghq.eu", config.getSite());
        config.setSite("US5.datadoghq.com");
        assertEquals("us5.datadoghq.com", config.getSite());
        config.setSite("");
        assertEquals("datadoghq.com", config.getSite());

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> config.setSite("datadoghq.invalid"));
        assertThat(e.getMessage(), containsString("Unknown Datadog site 'datadoghq.invalid'"));
        assertEquals("datadoghq.com", config.getSite(), "a rejected value changes nothing");
    }

    @Test
    void settersRejectBadValues() {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setBaseUrl("https://dd-gateway.example.net/");
        config.setTimeoutSeconds(30);
        config.setUnstableThreshold(40);
        config.setFailThreshold(80);
        config.setConcurrency(2);
        config.setCacheMinutes(10);

        assertThrows(ConfigurationException.class, () -> config.setBaseUrl("ftp://dd-gateway.example.net/"));
        assertThrows(ConfigurationException.class, () -> config.setBaseUrl("not a url"));
        assertThrows(ConfigurationException.class, () -> config.setBaseUrl("https://user:secret@dd-gateway.example.net/"));
        assertThrows(ConfigurationException.class, () -> config.setTimeoutSeconds(0));
        assertThrows(ConfigurationException.class, () -> config.setTimeoutSeconds(3601));
        assertThrows(ConfigurationException.class, () -> config.setFailThreshold(150));
        assertThrows(ConfigurationException.class, () -> config.setUnstableThreshold(-1));
        assertThrows(ConfigurationException.class, () -> config.setConcurrency(0));
        assertThrows(ConfigurationException.class, () -> config.setConcurrency(65));
        assertThrows(ConfigurationException.class, () -> config.setCacheMinutes(-1));
        assertThrows(ConfigurationException.class, () -> config.setCacheMinutes(1441));

        assertEquals("https://dd-gateway.example.net/", config.getBaseUrl());
        assertEquals(30, config.getTimeoutSeconds());
        assertEquals(40, config.getUnstableThreshold());
        assertEquals(80, config.getFailThreshold());
        assertEquals(2, config.getConcurrency());
        assertEquals(10, config.getCacheMinutes());
        assertThrows(ConfigurationException.class, () -> config.setMaxIndicators(0));
        assertThrows(ConfigurationException.class, () -> config.setMaxIndicators(100_001));
        assertEquals(1000, config.getMaxIndicators());

        config.setBaseUrl("  ");
        assertNull(config.getBaseUrl(), "a blank base URL means the site's");
        config.setFailThreshold(null);
        assertNull(config.getFailThreshold());
        config.setOnError(null);
        assertEquals(Verdict.FAILURE, config.getOnError());
        config.setOnNotFound(null);
        assertEquals(Verdict.PASS, config.getOnNotFound());
    }

    @Test
    void cacheFollowsItsSetting() {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        LookupCache cache = config.cache();
        assertNotNull(cache);
        assertSame(cache, config.cache());
        config.setCacheMinutes(10);
        assertNotSame(cache, config.cache());
        config.setCacheMinutes(0);
        assertNull(config.cache());
    }

    @Test
    void savingThePageWithoutChangingTheCacheTimeKeepsTheCachedAnswers() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        LookupCache cache = config.cache();
        cache.put("scope", LookupOptions.DEFAULT, LookupResult.notFound("203.0.113.9", 1, Duration.ZERO));

        r.configRoundtrip();
        config.setCacheMinutes(config.getCacheMinutes());

        assertSame(cache, config.cache());
        assertEquals(1, config.cache().size());
    }

    @Test
    void formValidation() {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        assertEquals(FormValidation.Kind.OK, config.doCheckBaseUrl("").kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckBaseUrl("https://dd-gateway.example.net/").kind);
        assertEquals(FormValidation.Kind.WARNING, config.doCheckBaseUrl("http://dd-gateway.example.net/").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckBaseUrl("ftp://dd-gateway.example.net/").kind);

        assertEquals(FormValidation.Kind.OK, config.doCheckUnstableThreshold("40", "80").kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckUnstableThreshold("", "").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckUnstableThreshold("90", "80").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckFailThreshold("150", "").kind);
        FormValidation notANumber = config.doCheckFailThreshold("high", "");
        assertEquals(FormValidation.Kind.ERROR, notANumber.kind);
        // FormValidation holds HTML: the quotes around the value are escaped
        assertThat(notANumber.getMessage(), containsString("The failure threshold must be a whole score from 0 to 100, not &#039;high&#039;."));

        assertEquals(FormValidation.Kind.OK, config.doCheckTimeoutSeconds("30").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckTimeoutSeconds("0").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckTimeoutSeconds("soon").kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckConcurrency("8").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckConcurrency("65").kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckMaxIndicators("5000").kind);
        assertEquals(FormValidation.Kind.ERROR, config.doCheckMaxIndicators("0").kind);
    }

    @Test
    void testConnectionSaysWhatCameOfOneHarmlessLookup() throws Exception {
        try (FakeDatadog datadog = new FakeDatadog()) {
            FakeDatadog.addKeyCredentials();
            DatadogIocConfiguration config = DatadogIocConfiguration.get();
            String url = datadog.baseUrl();

            FormValidation answered = config.doTestConnection("", url, FakeDatadog.API_KEY_ID, FakeDatadog.APP_KEY_ID, "10");
            assertEquals(FormValidation.Kind.OK, answered.kind, answered.getMessage());
            assertThat(answered.getMessage(), containsString("Connected: Datadog at " + url));
            assertEquals(List.of("192.0.2.1"), datadog.requestedIndicators());
            assertEquals(FakeDatadog.API_KEY, datadog.requests().get(0).getHeaders().get("DD-API-KEY"));
            assertNull(config.getBaseUrl(), "the test uses the form's values without saving them");

            datadog.answer("192.0.2.1", 403, "{\"errors\":[\"Forbidden\"]}");
            FormValidation refused = config.doTestConnection("", url, FakeDatadog.API_KEY_ID, FakeDatadog.APP_KEY_ID, "10");
            assertEquals(FormValidation.Kind.ERROR, refused.kind);
            assertThat(refused.getMessage(), containsString("security_monitoring_signals_read"));

            datadog.answer("192.0.2.1", () -> new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                    .body("<html><title>Welcome to nginx!</title></html>").build());
            FormValidation notDatadog = config.doTestConnection("", url, FakeDatadog.API_KEY_ID, FakeDatadog.APP_KEY_ID, "10");
            assertEquals(FormValidation.Kind.ERROR, notDatadog.kind);
            assertThat(notDatadog.getMessage(), containsString("which is not an answer of Datadog"));

            FormValidation missing = config.doTestConnection("", url, "no-such-credentials", FakeDatadog.APP_KEY_ID, "10");
            assertEquals(FormValidation.Kind.ERROR, missing.kind);
            assertThat(missing.getMessage(), containsString("no-such-credentials"));
            assertEquals(3, datadog.requests().size(), "no request without keys");
            for (FormValidation shown : List.of(answered, refused, notDatadog, missing)) {
                assertFalse(shown.renderHtml().contains(FakeDatadog.API_KEY));
                assertFalse(shown.renderHtml().contains(FakeDatadog.APP_KEY));
            }
        }
    }

    @Test
    void theTestConnectionButtonIsOnTheGlobalPageWithoutInlineScript() throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlPage page = wc.goTo("configure");
            DomElement button = page.getFirstByXPath("//button[@data-validate-button-method='testConnection']");
            assertNotNull(button, "the Test connection button");
            assertEquals("site,baseUrl,apiKeyCredentialsId,appKeyCredentialsId,timeoutSeconds",
                    button.getAttribute("data-validate-button-with"));
            assertEquals("", button.getAttribute("onclick"));
        }
    }

    @Test
    void suppressionsSurviveTheFormAndTheDisk() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        SuppressionEntry scanner = new SuppressionEntry("203.0.113.7", "Our own scanner, SEC-123");
        scanner.setExpires("2031-03-31");
        scanner.setMaxVerdict("UNSTABLE");
        config.setSuppressions(List.of(scanner, new SuppressionEntry("*.cdn.example.com", "CDN edge names")));

        r.configRoundtrip();

        List<SuppressionEntry> entries = config.getSuppressions();
        assertEquals(2, entries.size());
        assertEquals("203.0.113.7", entries.get(0).getIndicator());
        assertEquals("Our own scanner, SEC-123", entries.get(0).getReason());
        assertEquals("2031-03-31", entries.get(0).getExpires());
        assertEquals("UNSTABLE", entries.get(0).getMaxVerdict());
        assertEquals("*.cdn.example.com", entries.get(1).getIndicator());
        assertNull(entries.get(1).getExpires());
        assertNull(entries.get(1).getMaxVerdict(), "PASS is the default, kept as nothing");
        assertEquals("global suppression 2", config.suppressionList().get(1).source());

        config.load();
        assertEquals(2, config.getSuppressions().size());
    }

    @Test
    void deletingEveryEntryOnThePageEmptiesTheList() throws Exception {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        config.setSuppressions(List.of(new SuppressionEntry("203.0.113.7", "Our own scanner")));
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            HtmlForm form = wc.goTo("configure").getFormByName("config");
            for (DomElement button : form.getElementsByTagName("button")) {
                if (button.getAttribute("class").contains("repeatable-delete")) {
                    button.click();
                }
            }
            wc.waitForBackgroundJavaScript(10_000);
            r.submit(form);
        }
        assertTrue(config.getSuppressions().isEmpty());
    }

    @Test
    void aBadSuppressionIsRefusedWithItsPlaceAndChangesNothing() {
        DatadogIocConfiguration config = DatadogIocConfiguration.get();
        SuppressionEntry fine = new SuppressionEntry("203.0.113.7", "Our own scanner");
        config.setSuppressions(List.of(fine));
        SuppressionEntry noReason = new SuppressionEntry("198.51.100.0/24", " ");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> config.setSuppressions(List.of(fine, noReason)));
        assertThat(e.getMessage(), containsString("global suppression 2"));
        assertThat(e.getMessage(), containsString("reason"));
        SuppressionEntry badDate = new SuppressionEntry("198.51.100.0/24", "Partner");
        badDate.setExpires("31/03/2027");
        e = assertThrows(ConfigurationException.class, () -> config.setSuppressions(List.of(badDate)));
        assertThat(e.getMessage(), containsString("31/03/2027"));
        assertEquals(1, config.getSuppressions().size(), "a rejected list changes nothing");
    }

    @Test
    void suppressionFieldsAreCheckedAsTheyAreTyped() {
        SuppressionEntry.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(SuppressionEntry.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckIndicator("198.51.100.0/24").kind);
        FormValidation hostBits = descriptor.doCheckIndicator("198.51.100.1/24");
        assertEquals(FormValidation.Kind.ERROR, hostBits.kind);
        assertThat(hostBits.getMessage(), containsString("198.51.100.0/24"));
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckIndicator("").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckReason("").kind);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckExpires("").kind);
        assertEquals(FormValidation.Kind.OK, descriptor.doCheckExpires("2031-12-31").kind);
        assertEquals(FormValidation.Kind.ERROR, descriptor.doCheckExpires("next year").kind);
    }
}
