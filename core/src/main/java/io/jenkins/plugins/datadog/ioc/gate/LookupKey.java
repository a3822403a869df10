package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.client.LookupOptions;

/**
 * What an answer depends on: whose answer it is ({@link
 * io.jenkins.plugins.datadog.ioc.client.IocClientConfig#answerScope()}), the indicator and the options.
 */
record LookupKey(String scope, String indicator, LookupOptions options) {}
