package io.jenkins.plugins.datadog.ioc.config;

import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import okhttp3.OkHttpClient;

/**
 * One connection pool for all lookups on this controller, used through Jenkins' proxy settings
 * (Manage Jenkins » System » HTTP Proxy, no-proxy hosts included), which okhttp-api applies.
 */
public final class HttpClients {
    private static final OkHttpClient SHARED = new OkHttpClient();

    private HttpClients() {}

    /** A client with the current proxy settings, sharing the controller-wide connection pool. */
    public static OkHttpClient withJenkinsProxy() {
        return JenkinsOkHttpClient.newClientBuilder(SHARED).build();
    }
}
