package io.jenkins.plugins.datadog.ioc.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import java.util.List;
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

    private static String secret(Run<?, ?> run, String id, String what) throws AbortException {
        if (id == null || id.isBlank()) {
            throw new AbortException(Messages.DatadogKeyCredentials_NotConfigured(what));
        }
        StringCredentials credentials = CredentialsProvider.findCredentialById(id, StringCredentials.class, run, List.of());
        if (credentials == null) {
            throw new AbortException(Messages.DatadogKeyCredentials_NotFound(what, id));
        }
        // findCredentialById tracks credentials parameters only, not a plain id: record the use here.
        CredentialsProvider.track(run, credentials);
        return credentials.getSecret().getPlainText();
    }
}
