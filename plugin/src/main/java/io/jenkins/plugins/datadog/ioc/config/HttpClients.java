package io.jenkins.plugins.datadog.ioc.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import jenkins.model.Jenkins;
import okhttp3.OkHttpClient;

/**
 * One connection pool for all lookups on this controller, used through Jenkins' proxy settings
 * (Manage Jenkins » System » HTTP Proxy, no-proxy hosts included), which okhttp-api applies.
 *
 * <p>okhttp-api installs a new proxy selector and authenticator on every client it builds, and OkHttp
 * reuses a pooled connection only for the same selector and authenticator (by identity). So the proxied
 * client is built once, and again only when Jenkins' proxy configuration changes.
 */
public final class HttpClients {
    private static final OkHttpClient SHARED = new OkHttpClient();
    private static volatile Proxied current;

    /** Jenkins replaces its {@link ProxyConfiguration} whenever the proxy page or JCasC changes it. */
    private record Proxied(@CheckForNull ProxyConfiguration proxy, OkHttpClient client) {}

    private HttpClients() {}

    /** A client with the current proxy settings, sharing the controller-wide connection pool. */
    public static OkHttpClient withJenkinsProxy() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        Proxied proxied = current;
        if (proxied == null || proxied.proxy() != proxy) {
            synchronized (HttpClients.class) {
                proxied = current;
                if (proxied == null || proxied.proxy() != proxy) {
                    proxied = new Proxied(proxy, JenkinsOkHttpClient.newClientBuilder(SHARED).build());
                    current = proxied;
                }
            }
        }
        return proxied.client();
    }
}
