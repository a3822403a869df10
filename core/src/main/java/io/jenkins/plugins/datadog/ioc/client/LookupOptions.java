package io.jenkins.plugins.datadog.ioc.client;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;

/**
 * The API's optional query parameters. {@code null} leaves a parameter out, so the API's own default
 * applies.
 *
 * @param ocsf ask for the OCSF representation
 * @param includeTriageHistory include {@code triage_history}
 * @param triageHistoryLimit at most this many triage entries
 * @param triageHistoryOffset skip this many triage entries
 */
public record LookupOptions(Boolean ocsf, Boolean includeTriageHistory, Integer triageHistoryLimit,
        Integer triageHistoryOffset) {

    public static final LookupOptions DEFAULT = new LookupOptions(null, null, null, null);

    public LookupOptions {
        if (triageHistoryLimit != null && triageHistoryLimit < 1) {
            throw new ConfigurationException("triage_history_limit must be at least 1, not " + triageHistoryLimit + '.');
        }
        if (triageHistoryOffset != null && triageHistoryOffset < 0) {
            throw new ConfigurationException("triage_history_offset must not be negative, not " + triageHistoryOffset + '.');
        }
    }
}
