package io.jenkins.plugins.datadog.ioc.steps;

import hudson.Util;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.DatadogSite;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.config.FormOptions;
import io.jenkins.plugins.datadog.ioc.config.HttpClients;
import io.jenkins.plugins.datadog.ioc.gate.GateRequest;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.record.LookupSummary;
import java.time.Duration;
import jenkins.model.Jenkins;

/**
 * A step's settings merged with the global defaults, as core's one gate request: what the step sets wins.
 * The two thresholds go together: a step that sets either owns the pair, so that a step's {@code
 * failThreshold: 50} is never paired with a global unstable threshold of 60. Core checks the whole request.
 */
final class GateSettings {
    /** How core's messages tell a Jenkins user to give indicators and where the limit is set. */
    private static GateRequest.Wording wording() {
        return new GateRequest.Wording(Messages.GateExecution_GiveIndicators(), Messages.GateExecution_RaiseLimit());
    }

    final String apiKeyCredentialsId;
    final String appKeyCredentialsId;
    final boolean recordOrganizationData;
    private final DatadogIocConfiguration global;
    private final DatadogSite site;

    /** @throws ConfigurationException for a site that does not exist */
    GateSettings(LookupParameters step, DatadogIocConfiguration global) {
        this.global = global;
        apiKeyCredentialsId = first(step.getApiKeyCredentialsId(), global.getApiKeyCredentialsId());
        appKeyCredentialsId = first(step.getAppKeyCredentialsId(), global.getAppKeyCredentialsId());
        site = DatadogSite.fromDomain(first(step.getSite(), global.getSite()));
        recordOrganizationData = global.isRecordOrganizationData();
    }

    /**
     * The request with every setting but the indicators and the suppressions, which the caller adds.
     *
     * @throws ConfigurationException for a verdict that does not exist
     */
    GateRequest.Builder request(LookupParameters step) {
        Integer unstable = step.getUnstableThreshold();
        Integer fail = step.getFailThreshold();
        if (unstable == null && fail == null) {
            unstable = global.getUnstableThreshold();
            fail = global.getFailThreshold();
        }
        Integer seconds = step.getTimeout();
        String categories = step.getCategories();
        return GateRequest.builder(wording())
                .maxIndicators(global.getMaxIndicators())
                .unstableThreshold(FormOptions.toScore(unstable))
                .failThreshold(FormOptions.toScore(fail))
                .onNotFound(verdict(step.getOnNotFound(), global.getOnNotFound(), "onNotFound"))
                .onError(verdict(step.getOnError(), global.getOnError(), "onError"))
                .onMaliciousSource(verdict(step.getOnMaliciousSource(), global.getOnMaliciousSource(), "onMaliciousSource"))
                .categories(categories != null ? GateRequest.categoryList(categories) : global.categoryList())
                .onCategory(verdict(step.getOnCategory(), global.getOnCategory(), "onCategory"))
                .onSignal(verdict(step.getOnSignal(), global.getOnSignal(), "onSignal"))
                .minSignalSeverity(first(step.getMinSignalSeverity(), global.getMinSignalSeverity()))
                .onCriticalAsset(verdict(step.getOnCriticalAsset(), global.getOnCriticalAsset(), "onCriticalAsset"))
                .timeout(Duration.ofSeconds(seconds != null ? seconds : global.getTimeoutSeconds()))
                .concurrency(global.getConcurrency());
    }

    /**
     * The client settings; the request adds the timeout and the concurrency. An administrator's base URL,
     * if any, overrides the site.
     */
    IocClientConfig.Builder clientConfig(ApiKeys keys) {
        IocClientConfig.Builder builder = IocClientConfig.builder(keys)
                .site(site)
                .userAgentComment("Jenkins " + Jenkins.VERSION)
                .httpClient(HttpClients.withJenkinsProxy());
        if (global.getBaseUrl() != null) {
            builder.baseUrl(global.getBaseUrl());
        }
        return builder;
    }

    /** The site as the build's summary keeps it: its domain, or that an administrator's base URL replaced it. */
    String siteName() {
        return global.getBaseUrl() != null ? LookupSummary.CUSTOM_SITE : site.domain();
    }

    private static Verdict verdict(String stepValue, Verdict globalValue, String name) {
        String value = Util.fixEmptyAndTrim(stepValue);
        return value == null ? globalValue : Verdict.parse(value, name);
    }

    /** A rule's verdict: the step's, else the global one, which may be none. */
    private static Verdict verdict(String stepValue, String globalValue, String name) {
        String value = first(stepValue, globalValue);
        return value == null ? null : Verdict.parse(value, name);
    }

    private static String first(String stepValue, String globalValue) {
        String value = Util.fixEmptyAndTrim(stepValue);
        return value != null ? value : globalValue;
    }
}
