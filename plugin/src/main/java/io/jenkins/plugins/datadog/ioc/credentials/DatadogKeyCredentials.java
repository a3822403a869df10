package io.jenkins.plugins.datadog.ioc.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.AbortException;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Reads the Datadog keys from two Secret text credentials, in the context of the run so that folder
 * credentials and the run's authentication apply, and records their use on the run.
 */
public final class DatadogKeyCredentials {
    private DatadogKeyCredentials() {}

    /** @throws AbortException naming the credentials that could not be used, never a secret */
    public static ApiKeys resolve(Run<?, ?> run, String apiKeyCredentialsId, String appKeyCredentialsId)
            throws AbortException {
        String apiKey = secret(run, apiKeyCredentialsId, Messages.DatadogKeyCredentials_ApiKey());
        String appKey = secret(run, appKeyCredentialsId, Messages.DatadogKeyCredentials_AppKey());
        try {
            return ApiKeys.of(apiKey, appKey);
        } catch (ConfigurationException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * The default keys of the global configuration, as builds would find them: Secret text credentials of
     * global scope on Jenkins itself (system-scoped ones are invisible to builds). For the connection test,
     * which runs outside any build, so no use is tracked.
     *
     * @throws ConfigurationException naming the credentials that could not be used, never a secret
     */
    public static ApiKeys resolveDefaults(String apiKeyCredentialsId, String appKeyCredentialsId) {
        return ApiKeys.of(globalSecret(apiKeyCredentialsId, Messages.DatadogKeyCredentials_ApiKey()),
                globalSecret(appKeyCredentialsId, Messages.DatadogKeyCredentials_AppKey()));
    }

    private static String globalSecret(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new ConfigurationException(Messages.DatadogKeyCredentials_NotConfigured(what));
        }
        StringCredentials credentials = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(id), CredentialsMatchers.withScope(CredentialsScope.GLOBAL)));
        if (credentials == null) {
            throw new ConfigurationException(Messages.DatadogKeyCredentials_NotFoundGlobally(what, id));
        }
        return credentials.getSecret().getPlainText();
    }

    private static String secret(Run<?, ?> run, String id, String what) throws AbortException {
        if (id == null || id.isBlank()) {
            throw new AbortException(Messages.DatadogKeyCredentials_NotConfigured(what));
        }
        StringCredentials credentials = CredentialsProvider.findCredentialById(id, StringCredentials.class, run, List.of());
        if (credentials == null) {
            throw new AbortException(Messages.DatadogKeyCredentials_NotFound(what, id));
        }
        // findCredentialById tracks the use only while the run's log is still being written; track it whatever the
        // run's state (tracking twice records nothing more).
        CredentialsProvider.track(run, credentials);
        return credentials.getSecret().getPlainText();
    }
}
