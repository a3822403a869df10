package io.jenkins.plugins.datadog.ioc.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.ConnectionCheck;
import io.jenkins.plugins.datadog.ioc.client.DatadogSite;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.credentials.DatadogKeyCredentials;
import io.jenkins.plugins.datadog.ioc.gate.GateRequest;
import io.jenkins.plugins.datadog.ioc.gate.LookupCache;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.SignalSeverity;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Controller-wide defaults for every {@code iocLookup}, under Manage Jenkins » System and in JCasC as
 * {@code unclassified: datadogIocLookup:}. Only here can the API base URL be changed (for a corporate
 * proxy or gateway): the page needs Overall/Administer, while steps only choose among Datadog's sites.
 */
@Extension
@Symbol("datadogIocLookup")
public final class DatadogIocConfiguration extends GlobalConfiguration {
    /** A 16 MiB file can hold a million indicators: a million requests and a huge build.xml. */
    public static final int DEFAULT_MAX_INDICATORS = 1000;
    static final int MAX_INDICATORS_LIMIT = 100_000;
    /** The connection test waits no longer than this, whatever the lookup timeout. */
    static final int MAX_TEST_SECONDS = 20;

    private String site = DatadogSite.DEFAULT.domain();
    private String baseUrl;
    private String apiKeyCredentialsId;
    private String appKeyCredentialsId;
    private Integer unstableThreshold;
    private Integer failThreshold;
    private Verdict onNotFound = GatePolicy.DEFAULT_ON_NOT_FOUND;
    private Verdict onError = GatePolicy.DEFAULT_ON_ERROR;
    /** {@code null}: no such rule unless a step sets one. */
    private Verdict onMaliciousSource;
    /** Separated by commas or line breaks; {@code null} for none. */
    private String categories;
    private Verdict onCategory = Verdict.FAILURE;
    private Verdict onSignal;
    /** {@code null}: signals of any severity. */
    private SignalSeverity minSignalSeverity;
    private Verdict onCriticalAsset;
    private int timeoutSeconds = (int) IocClientConfig.DEFAULT_TIMEOUT.toSeconds();
    private int concurrency = 4;
    private int cacheMinutes = (int) LookupCache.DEFAULT_TTL.toMinutes();
    private int maxIndicators = DEFAULT_MAX_INDICATORS;
    private boolean recordOrganizationData;
    private List<SuppressionEntry> suppressions;

    private transient volatile LookupCache cache;
    /** Guards {@link #snapshot} and {@link #apply}: a snapshot never holds half of a change. */
    private final transient Object wholeLock = new Object();
    private final transient boolean scratch;

    public DatadogIocConfiguration() {
        scratch = false;
        load();
    }

    /** A scratch copy for checking a submitted form: never loaded, never saved. */
    private DatadogIocConfiguration(boolean scratch) {
        this.scratch = scratch;
    }

    @NonNull
    public static DatadogIocConfiguration get() {
        return ExtensionList.lookupSingleton(DatadogIocConfiguration.class);
    }

    public String getSite() {
        return site;
    }

    @DataBoundSetter
    public void setSite(String site) {
        String value = Util.fixEmptyAndTrim(site);
        this.site = value == null ? DatadogSite.DEFAULT.domain() : DatadogSite.fromDomain(value).domain();
        save();
    }

    @CheckForNull
    public String getBaseUrl() {
        return baseUrl;
    }

    @DataBoundSetter
    public void setBaseUrl(String baseUrl) {
        String value = Util.fixEmptyAndTrim(baseUrl);
        if (value != null) {
            IocClientConfig.checkBaseUrl(value);
        }
        this.baseUrl = value;
        save();
    }

    @CheckForNull
    public String getApiKeyCredentialsId() {
        return apiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setApiKeyCredentialsId(String apiKeyCredentialsId) {
        this.apiKeyCredentialsId = Util.fixEmptyAndTrim(apiKeyCredentialsId);
        save();
    }

    @CheckForNull
    public String getAppKeyCredentialsId() {
        return appKeyCredentialsId;
    }

    @DataBoundSetter
    public void setAppKeyCredentialsId(String appKeyCredentialsId) {
        this.appKeyCredentialsId = Util.fixEmptyAndTrim(appKeyCredentialsId);
        save();
    }

    @CheckForNull
    public Integer getUnstableThreshold() {
        return unstableThreshold;
    }

    @DataBoundSetter
    public void setUnstableThreshold(Integer unstableThreshold) {
        GateRequest.checkThresholds(FormOptions.toScore(unstableThreshold), null);
        this.unstableThreshold = unstableThreshold;
        save();
    }

    @CheckForNull
    public Integer getFailThreshold() {
        return failThreshold;
    }

    @DataBoundSetter
    public void setFailThreshold(Integer failThreshold) {
        GateRequest.checkThresholds(null, FormOptions.toScore(failThreshold));
        this.failThreshold = failThreshold;
        save();
    }

    @NonNull
    public Verdict getOnNotFound() {
        return onNotFound;
    }

    @DataBoundSetter
    public void setOnNotFound(Verdict onNotFound) {
        this.onNotFound = onNotFound == null ? GatePolicy.DEFAULT_ON_NOT_FOUND : onNotFound;
        save();
    }

    @NonNull
    public Verdict getOnError() {
        return onError;
    }

    @DataBoundSetter
    public void setOnError(Verdict onError) {
        this.onError = onError == null ? GatePolicy.DEFAULT_ON_ERROR : onError;
        save();
    }

    /**
     * The rules beyond the score (see core's GateRequest): the verdicts as their names, blank for no rule, so
     * that the form's "(no rule)" and a JCasC file without the key mean the same.
     */
    @CheckForNull
    public String getOnMaliciousSource() {
        return name(onMaliciousSource);
    }

    @DataBoundSetter
    public void setOnMaliciousSource(String onMaliciousSource) {
        this.onMaliciousSource = ruleVerdict(onMaliciousSource, "onMaliciousSource");
        save();
    }

    @CheckForNull
    public String getCategories() {
        return categories;
    }

    /** Threat categories that flag an indicator with {@link #getOnCategory()}, separated by commas or line breaks. */
    @DataBoundSetter
    public void setCategories(String categories) {
        List<String> list = GateRequest.categoryList(categories);
        this.categories = list.isEmpty() ? null : String.join(", ", list);
        save();
    }

    /** The categories as a list, empty for none. */
    public List<String> categoryList() {
        return GateRequest.categoryList(categories);
    }

    @NonNull
    public Verdict getOnCategory() {
        return onCategory;
    }

    @DataBoundSetter
    public void setOnCategory(Verdict onCategory) {
        this.onCategory = onCategory == null ? Verdict.FAILURE : onCategory;
        save();
    }

    @CheckForNull
    public String getOnSignal() {
        return name(onSignal);
    }

    @DataBoundSetter
    public void setOnSignal(String onSignal) {
        this.onSignal = ruleVerdict(onSignal, "onSignal");
        save();
    }

    /** {@code info} to {@code critical}, or {@code null} for signals of any severity. */
    @CheckForNull
    public String getMinSignalSeverity() {
        return minSignalSeverity == null ? null : minSignalSeverity.label();
    }

    @DataBoundSetter
    public void setMinSignalSeverity(String minSignalSeverity) {
        String value = Util.fixEmptyAndTrim(minSignalSeverity);
        this.minSignalSeverity = value == null ? null : SignalSeverity.parse(value, "minSignalSeverity");
        save();
    }

    @CheckForNull
    public String getOnCriticalAsset() {
        return name(onCriticalAsset);
    }

    @DataBoundSetter
    public void setOnCriticalAsset(String onCriticalAsset) {
        this.onCriticalAsset = ruleVerdict(onCriticalAsset, "onCriticalAsset");
        save();
    }

    @CheckForNull
    private static Verdict ruleVerdict(@CheckForNull String value, String setting) {
        String text = Util.fixEmptyAndTrim(value);
        return text == null ? null : Verdict.parse(text, setting);
    }

    @CheckForNull
    private static String name(@CheckForNull Verdict verdict) {
        return verdict == null ? null : verdict.name();
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        IocClientConfig.checkTimeout(Duration.ofSeconds(timeoutSeconds));
        this.timeoutSeconds = timeoutSeconds;
        save();
    }

    public int getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        IocClientConfig.checkConcurrency(concurrency);
        this.concurrency = concurrency;
        save();
    }

    public int getCacheMinutes() {
        return cacheMinutes;
    }

    /** How long answers are reused across builds; 0 turns the cache off. A new time empties the cache. */
    @DataBoundSetter
    public void setCacheMinutes(int cacheMinutes) {
        if (cacheMinutes < 0 || cacheMinutes > 24 * 60) {
            throw new ConfigurationException("The cache time must be between 0 and 1440 minutes, not " + cacheMinutes + '.');
        }
        if (cacheMinutes != this.cacheMinutes) {
            // Only a new time to live makes a new cache: saving the page as it was keeps the answers.
            this.cache = null;
        }
        this.cacheMinutes = cacheMinutes;
        save();
    }

    public int getMaxIndicators() {
        return maxIndicators;
    }

    /** The most indicators one step may look up; more is refused before any lookup. */
    @DataBoundSetter
    public void setMaxIndicators(int maxIndicators) {
        checkMaxIndicators(maxIndicators);
        this.maxIndicators = maxIndicators;
        save();
    }

    static void checkMaxIndicators(int maxIndicators) {
        if (maxIndicators < 1 || maxIndicators > MAX_INDICATORS_LIMIT) {
            throw new ConfigurationException(Messages.DatadogIocConfiguration_MaxIndicatorsRange(MAX_INDICATORS_LIMIT, maxIndicators));
        }
    }

    /**
     * Whether builds keep what Datadog knows about the organization's own assets (hosts, services,
     * users, critical assets, who triaged): internal context that everyone who may read a job would
     * see on its builds and in the REST API. Off unless an administrator turns it on.
     */
    public boolean isRecordOrganizationData() {
        return recordOrganizationData;
    }

    @DataBoundSetter
    public void setRecordOrganizationData(boolean recordOrganizationData) {
        this.recordOrganizationData = recordOrganizationData;
        save();
    }

    /** The global suppression list, applied to every build before a step's own file. */
    public List<SuppressionEntry> getSuppressions() {
        return suppressions == null ? List.of() : Collections.unmodifiableList(suppressions);
    }

    /** @throws ConfigurationException naming the first entry that is not valid; then nothing changes */
    @DataBoundSetter
    public void setSuppressions(List<SuppressionEntry> suppressions) {
        List<SuppressionEntry> entries = suppressions == null ? List.of() : List.copyOf(suppressions);
        toSuppressions(entries);
        this.suppressions = entries.isEmpty() ? null : new ArrayList<>(entries);
        save();
    }

    /** The global list as core suppressions, in order. */
    public List<Suppression> suppressionList() {
        return toSuppressions(getSuppressions());
    }

    private static List<Suppression> toSuppressions(List<SuppressionEntry> entries) {
        List<Suppression> list = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            list.add(entries.get(i).toSuppression(i + 1));
        }
        return list;
    }

    /** @throws ConfigurationException when the unstable threshold is above the failure threshold */
    void checkThresholds() {
        FormOptions.checkThresholdPair(text(unstableThreshold), text(failThreshold));
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }

    /** The controller-wide cache of recent answers, shared by all builds; {@code null} when turned off. */
    @CheckForNull
    public LookupCache cache() {
        if (cacheMinutes == 0) {
            return null;
        }
        LookupCache current = cache;
        if (current == null) {
            synchronized (this) {
                current = cache;
                if (current == null) {
                    current = new LookupCache(Duration.ofMinutes(cacheMinutes), LookupCache.DEFAULT_MAX_ENTRIES);
                    cache = current;
                }
            }
        }
        return current;
    }

    /**
     * A copy of the whole configuration as it is now, taken under the same lock as {@link #apply}, so that
     * a step never sees a change half applied. It shares this configuration's cache, and is never saved.
     */
    public DatadogIocConfiguration snapshot() {
        synchronized (wholeLock) {
            DatadogIocConfiguration copy = new DatadogIocConfiguration(true);
            copy.copyFrom(this);
            copy.cache = cache();
            return copy;
        }
    }

    /** Takes every field of a checked scratch copy at once, and saves once. */
    void apply(DatadogIocConfiguration candidate) {
        synchronized (wholeLock) {
            boolean cacheChanged = candidate.cacheMinutes != cacheMinutes;
            copyFrom(candidate);
            if (cacheChanged) {
                cache = null;
            }
            save();
        }
    }

    private void copyFrom(DatadogIocConfiguration other) {
        site = other.site;
        baseUrl = other.baseUrl;
        apiKeyCredentialsId = other.apiKeyCredentialsId;
        appKeyCredentialsId = other.appKeyCredentialsId;
        unstableThreshold = other.unstableThreshold;
        failThreshold = other.failThreshold;
        onNotFound = other.onNotFound;
        onError = other.onError;
        onMaliciousSource = other.onMaliciousSource;
        categories = other.categories;
        onCategory = other.onCategory;
        onSignal = other.onSignal;
        minSignalSeverity = other.minSignalSeverity;
        onCriticalAsset = other.onCriticalAsset;
        timeoutSeconds = other.timeoutSeconds;
        concurrency = other.concurrency;
        cacheMinutes = other.cacheMinutes;
        maxIndicators = other.maxIndicators;
        recordOrganizationData = other.recordOrganizationData;
        suppressions = other.suppressions == null ? null : new ArrayList<>(other.suppressions);
    }

    /**
     * Checks the whole page before applying any of it: the setters, called one by one, would leave the
     * fields before an invalid one changed, and cannot check the thresholds as a pair. So the form is
     * bound to a scratch copy, which is applied whole only when it took all of it.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            DatadogIocConfiguration candidate = snapshot();
            // A list whose entries were all deleted is not in the form at all.
            candidate.suppressions = null;
            req.bindJSON(candidate, json);
            candidate.checkThresholds();
            apply(candidate);
        } catch (ConfigurationException e) {
            throw new FormException(e.getMessage(), null);
        } catch (RuntimeException e) {
            // Stapler wraps what a setter throws.
            ConfigurationException cause = configurationProblem(e);
            if (cause == null) {
                throw e;
            }
            throw new FormException(cause.getMessage(), null);
        }
        return true;
    }

    @Override
    public synchronized void save() {
        if (!scratch) {
            super.save();
        }
    }

    @CheckForNull
    private static ConfigurationException configurationProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException problem) {
                return problem;
            }
        }
        return null;
    }

    @POST
    public ListBoxModel doFillSiteItems() {
        return FormOptions.sites(null, null);
    }

    @POST
    public ListBoxModel doFillApiKeyCredentialsIdItems(@QueryParameter String apiKeyCredentialsId) {
        return FormOptions.secretTextCredentials(null, apiKeyCredentialsId);
    }

    @POST
    public ListBoxModel doFillAppKeyCredentialsIdItems(@QueryParameter String appKeyCredentialsId) {
        return FormOptions.secretTextCredentials(null, appKeyCredentialsId);
    }

    @POST
    public ListBoxModel doFillOnMaliciousSourceItems() {
        return FormOptions.verdicts(null, Messages.FormOptions_NoRule());
    }

    @POST
    public ListBoxModel doFillOnSignalItems() {
        return FormOptions.verdicts(null, Messages.FormOptions_NoRule());
    }

    @POST
    public ListBoxModel doFillMinSignalSeverityItems() {
        return FormOptions.signalSeverities(null, Messages.FormOptions_AnySeverity());
    }

    @POST
    public ListBoxModel doFillOnCriticalAssetItems() {
        return FormOptions.verdicts(null, Messages.FormOptions_NoRule());
    }

    @POST
    public FormValidation doCheckCategories(@QueryParameter String value) {
        return FormOptions.checkCategories(null, value);
    }

    @POST
    public FormValidation doCheckBaseUrl(@QueryParameter String value) {
        if (!FormOptions.maySee(null) || Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        try {
            IocClientConfig.checkBaseUrl(value);
        } catch (ConfigurationException e) {
            return FormValidation.error(e.getMessage());
        }
        return value.trim().startsWith("https://") ? FormValidation.ok()
                : FormValidation.warning(Messages.DatadogIocConfiguration_PlainHttp());
    }

    @POST
    public FormValidation doCheckUnstableThreshold(@QueryParameter String value, @QueryParameter String failThreshold) {
        return FormOptions.checkThresholds(null, value, failThreshold);
    }

    @POST
    public FormValidation doCheckFailThreshold(@QueryParameter String value, @QueryParameter String unstableThreshold) {
        return FormOptions.checkThresholds(null, unstableThreshold, value);
    }

    @POST
    public FormValidation doCheckConcurrency(@QueryParameter String value) {
        return FormOptions.checkWholeNumber(null, value, IocClientConfig::checkConcurrency);
    }

    @POST
    public FormValidation doCheckTimeoutSeconds(@QueryParameter String value) {
        return FormOptions.checkTimeout(null, value);
    }

    /**
     * The "Test connection" button: looks one harmless indicator up with the keys, site or base URL and
     * timeout as they stand in the form (saved or not), through Jenkins' proxy, and shows what
     * {@link ConnectionCheck} made of it. Administrators only: it sends the keys wherever the base URL
     * points.
     */
    @POST
    public FormValidation doTestConnection(@QueryParameter String site, @QueryParameter String baseUrl,
            @QueryParameter String apiKeyCredentialsId, @QueryParameter String appKeyCredentialsId,
            @QueryParameter String timeoutSeconds) throws InterruptedException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ConnectionCheck.Result result;
        try {
            ApiKeys keys = DatadogKeyCredentials.resolveDefaults(Util.fixEmptyAndTrim(apiKeyCredentialsId),
                    Util.fixEmptyAndTrim(appKeyCredentialsId));
            String chosenSite = Util.fixEmptyAndTrim(site);
            IocClientConfig.Builder config = IocClientConfig.builder(keys)
                    .site(chosenSite == null ? DatadogSite.DEFAULT : DatadogSite.fromDomain(chosenSite))
                    .timeout(testTimeout(timeoutSeconds))
                    .maxAttempts(1)
                    // The organization's cap on requests under way follows the newest client: keep the saved one.
                    .maxConcurrentRequests(getConcurrency())
                    .userAgentComment("Jenkins " + Jenkins.VERSION)
                    .httpClient(HttpClients.withJenkinsProxy());
            String url = Util.fixEmptyAndTrim(baseUrl);
            if (url != null) {
                config.baseUrl(url);
            }
            result = ConnectionCheck.run(config.build());
        } catch (ConfigurationException e) {
            return FormValidation.error(e.getMessage());
        }
        return result.ok() ? FormValidation.ok(result.message()) : FormValidation.error(result.message());
    }

    /** The form's timeout, at most {@link #MAX_TEST_SECONDS}: an administrator waits for the answer. */
    private static Duration testTimeout(@CheckForNull String timeoutSeconds) {
        int seconds;
        try {
            seconds = Integer.parseInt(Util.fixNull(timeoutSeconds).trim());
        } catch (NumberFormatException e) {
            seconds = MAX_TEST_SECONDS; // the field's own check says what is wrong with it
        }
        return Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_TEST_SECONDS)));
    }

    @POST
    public FormValidation doCheckMaxIndicators(@QueryParameter String value) {
        return FormOptions.checkWholeNumber(null, value, DatadogIocConfiguration::checkMaxIndicators);
    }
}
