package io.jenkins.plugins.datadog.ioc.steps;

import hudson.Util;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.DatadogSite;
import io.jenkins.plugins.datadog.ioc.record.LookupSummary;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.config.FormOptions;
import io.jenkins.plugins.datadog.ioc.config.HttpClients;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.Duration;
import jenkins.model.Jenkins;

/**
 * A step's settings merged with the global defaults: what the step sets wins. The two thresholds go
 * together: a step that sets either owns the pair, so that a step's {@code failThreshold: 50} is never
 * paired with a global unstable threshold of 60.
 */
final class GateSettings {
    final String apiKeyCredentialsId;
    final String appKeyCredentialsId;
    final GatePolicy policy;
    final int maxIndicators;
    final boolean recordOrganizationData;
    private final DatadogIocConfiguration global;
    private final DatadogSite site;
    private final Duration timeout;

    /** @throws ConfigurationException for a setting that cannot be used */
    GateSettings(LookupParameters step, DatadogIocConfiguration global) {
        this.global = global;
        apiKeyCredentialsId = first(step.getApiKeyCredentialsId(), global.getApiKeyCredentialsId());
        appKeyCredentialsId = first(step.getAppKeyCredentialsId(), global.getAppKeyCredentialsId());
        site = DatadogSite.fromDomain(first(step.getSite(), global.getSite()));
        Integer seconds = step.getTimeout();
        timeout = IocClientConfig.checkTimeout(Duration.ofSeconds(seconds != null ? seconds : global.getTimeoutSeconds()));
        Integer unstable = step.getUnstableThreshold();
        Integer fail = step.getFailThreshold();
        if (unstable == null && fail == null) {
            unstable = global.getUnstableThreshold();
            fail = global.getFailThreshold();
        }
        maxIndicators = global.getMaxIndicators();
        recordOrganizationData = global.isRecordOrganizationData();
        policy = GatePolicy.builder()
                .unstableThreshold(FormOptions.toScore(unstable))
                .failThreshold(FormOptions.toScore(fail))
                .onNotFound(verdict(step.getOnNotFound(), global.getOnNotFound(), "onNotFound"))
                .onError(verdict(step.getOnError(), global.getOnError(), "onError"))
                .build();
    }

    /** The client settings; an administrator's base URL, if any, overrides the site. */
    IocClientConfig clientConfig(ApiKeys keys) {
        IocClientConfig.Builder builder = IocClientConfig.builder(keys)
                .site(site)
                .timeout(timeout)
                .maxConcurrentRequests(global.getConcurrency())
                .userAgentComment("Jenkins " + Jenkins.VERSION)
                .httpClient(HttpClients.withJenkinsProxy());
        if (global.getBaseUrl() != null) {
            builder.baseUrl(global.getBaseUrl());
        }
        return builder.build();
    }

    /** The site as the build's summary keeps it: its domain, or that an administrator's base URL replaced it. */
    String siteName() {
        return global.getBaseUrl() != null ? LookupSummary.CUSTOM_SITE : site.domain();
    }

    int concurrency() {
        return global.getConcurrency();
    }

    private static Verdict verdict(String stepValue, Verdict globalValue, String name) {
        String value = Util.fixEmptyAndTrim(stepValue);
        return value == null ? globalValue : Verdict.parse(value, name);
    }

    private static String first(String stepValue, String globalValue) {
        String value = Util.fixEmptyAndTrim(stepValue);
        return value != null ? value : globalValue;
    }
}
