package io.jenkins.plugins.datadog.ioc.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.datadog.ioc.config.FormOptions;
import java.io.IOException;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of {@link IocLookupStep}, with the same settings. Needs a workspace only to read
 * {@code file}. FAILURE fails the build, UNSTABLE marks it unstable.
 */
public class IocLookupBuilder extends Builder implements SimpleBuildStep, LookupParameters {
    private String indicator;
    private String indicators;
    private String file;
    private boolean extract;
    private String suppressions;
    private boolean failOnExpiredSuppressions;
    private String apiKeyCredentialsId;
    private String appKeyCredentialsId;
    private String site;
    private Integer unstableThreshold;
    private Integer failThreshold;
    private String onNotFound;
    private String onError;
    private String onMaliciousSource;
    private String categories;
    private String onCategory;
    private String onSignal;
    private String minSignalSeverity;
    private String onCriticalAsset;
    private Integer timeout;

    @DataBoundConstructor
    public IocLookupBuilder() {
        // every parameter is optional on its own; at least one indicator source is checked at run time
    }

    @Override
    public String getIndicator() {
        return indicator;
    }

    @DataBoundSetter
    public void setIndicator(String indicator) {
        this.indicator = Util.fixEmptyAndTrim(indicator);
    }

    /** More indicators, one per line; blank lines and {@code #} comments are ignored. */
    public String getIndicators() {
        return indicators;
    }

    @DataBoundSetter
    public void setIndicators(String indicators) {
        this.indicators = Util.fixEmptyAndTrim(indicators);
    }

    @Override
    public String moreIndicators() {
        return indicators;
    }

    @Override
    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    @Override
    public boolean isExtract() {
        return extract;
    }

    @DataBoundSetter
    public void setExtract(boolean extract) {
        this.extract = extract;
    }

    @Override
    public String getSuppressions() {
        return suppressions;
    }

    @DataBoundSetter
    public void setSuppressions(String suppressions) {
        this.suppressions = Util.fixEmptyAndTrim(suppressions);
    }

    @Override
    public boolean isFailOnExpiredSuppressions() {
        return failOnExpiredSuppressions;
    }

    @DataBoundSetter
    public void setFailOnExpiredSuppressions(boolean failOnExpiredSuppressions) {
        this.failOnExpiredSuppressions = failOnExpiredSuppressions;
    }

    @Override
    public String getApiKeyCredentialsId() {
        return apiKeyCredentialsId;
    }

    @DataBoundSetter
    public void setApiKeyCredentialsId(String apiKeyCredentialsId) {
        this.apiKeyCredentialsId = Util.fixEmptyAndTrim(apiKeyCredentialsId);
    }

    @Override
    public String getAppKeyCredentialsId() {
        return appKeyCredentialsId;
    }

    @DataBoundSetter
    public void setAppKeyCredentialsId(String appKeyCredentialsId) {
        this.appKeyCredentialsId = Util.fixEmptyAndTrim(appKeyCredentialsId);
    }

    @Override
    public String getSite() {
        return site;
    }

    @DataBoundSetter
    public void setSite(String site) {
        this.site = Util.fixEmptyAndTrim(site);
    }

    @Override
    public Integer getUnstableThreshold() {
        return unstableThreshold;
    }

    @DataBoundSetter
    public void setUnstableThreshold(Integer unstableThreshold) {
        this.unstableThreshold = unstableThreshold;
    }

    @Override
    public Integer getFailThreshold() {
        return failThreshold;
    }

    @DataBoundSetter
    public void setFailThreshold(Integer failThreshold) {
        this.failThreshold = failThreshold;
    }

    @Override
    public String getOnNotFound() {
        return onNotFound;
    }

    @DataBoundSetter
    public void setOnNotFound(String onNotFound) {
        this.onNotFound = Util.fixEmptyAndTrim(onNotFound);
    }

    @Override
    public String getOnError() {
        return onError;
    }

    @DataBoundSetter
    public void setOnError(String onError) {
        this.onError = Util.fixEmptyAndTrim(onError);
    }

    @Override
    public String getOnMaliciousSource() {
        return onMaliciousSource;
    }

    @DataBoundSetter
    public void setOnMaliciousSource(String onMaliciousSource) {
        this.onMaliciousSource = Util.fixEmptyAndTrim(onMaliciousSource);
    }

    @Override
    public String getCategories() {
        return categories;
    }

    @DataBoundSetter
    public void setCategories(String categories) {
        this.categories = Util.fixEmptyAndTrim(categories);
    }

    @Override
    public String getOnCategory() {
        return onCategory;
    }

    @DataBoundSetter
    public void setOnCategory(String onCategory) {
        this.onCategory = Util.fixEmptyAndTrim(onCategory);
    }

    @Override
    public String getOnSignal() {
        return onSignal;
    }

    @DataBoundSetter
    public void setOnSignal(String onSignal) {
        this.onSignal = Util.fixEmptyAndTrim(onSignal);
    }

    @Override
    public String getMinSignalSeverity() {
        return minSignalSeverity;
    }

    @DataBoundSetter
    public void setMinSignalSeverity(String minSignalSeverity) {
        this.minSignalSeverity = Util.fixEmptyAndTrim(minSignalSeverity);
    }

    @Override
    public String getOnCriticalAsset() {
        return onCriticalAsset;
    }

    @DataBoundSetter
    public void setOnCriticalAsset(String onCriticalAsset) {
        this.onCriticalAsset = Util.fixEmptyAndTrim(onCriticalAsset);
    }

    @Override
    public Integer getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        this.timeout = timeout;
    }

    @Override
    public boolean requiresWorkspace() {
        return file != null || suppressions != null;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        gate(run, null, env, listener);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        gate(run, workspace, env, listener);
    }

    private void gate(Run<?, ?> run, @CheckForNull FilePath workspace, EnvVars env, TaskListener listener)
            throws IOException, InterruptedException {
        GateExecution.run(this, run, workspace, env, listener).applyTo(run, listener, false, (result, message) -> {});
    }

    // No @Symbol: in Pipeline, iocLookup is the step; a second name for a weaker one would only mislead.
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<hudson.tasks.Builder> {
        public DescriptorImpl() {
            // One set of help files, next to the Pipeline step.
            for (String field : List.of("indicator", "file", "extract", "suppressions", "failOnExpiredSuppressions", "apiKeyCredentialsId",
                    "appKeyCredentialsId", "site", "unstableThreshold", "failThreshold", "onNotFound", "onError",
                    "onMaliciousSource", "categories", "onCategory", "onSignal", "minSignalSeverity", "onCriticalAsset",
                    "timeout")) {
                addHelpFileRedirect(field, IocLookupStep.class, field);
            }
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IocLookupBuilder_DisplayName();
        }

        @POST
        public ListBoxModel doFillApiKeyCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String apiKeyCredentialsId) {
            return FormOptions.secretTextCredentials(item, apiKeyCredentialsId);
        }

        @POST
        public ListBoxModel doFillAppKeyCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String appKeyCredentialsId) {
            return FormOptions.secretTextCredentials(item, appKeyCredentialsId);
        }

        @POST
        public ListBoxModel doFillSiteItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.sites(item, FormOptions.globalDefaultSiteLabel());
        }

        @POST
        public ListBoxModel doFillOnNotFoundItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.verdicts(item, FormOptions.globalDefaultLabel());
        }

        @POST
        public ListBoxModel doFillOnErrorItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.verdicts(item, FormOptions.globalDefaultLabel());
        }

        @POST
        public FormValidation doCheckUnstableThreshold(@AncestorInPath @CheckForNull Item item,
                @QueryParameter String value, @QueryParameter String failThreshold) {
            return FormOptions.checkThresholds(item, value, failThreshold);
        }

        @POST
        public FormValidation doCheckFailThreshold(@AncestorInPath @CheckForNull Item item,
                @QueryParameter String value, @QueryParameter String unstableThreshold) {
            return FormOptions.checkThresholds(item, unstableThreshold, value);
        }

        @POST
        public ListBoxModel doFillOnMaliciousSourceItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.verdicts(item, FormOptions.globalDefaultLabel());
        }

        @POST
        public ListBoxModel doFillOnCategoryItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.verdicts(item, FormOptions.globalDefaultLabel());
        }

        @POST
        public ListBoxModel doFillOnSignalItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.verdicts(item, FormOptions.globalDefaultLabel());
        }

        @POST
        public ListBoxModel doFillMinSignalSeverityItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.signalSeverities(item, FormOptions.globalDefaultLabel());
        }

        @POST
        public ListBoxModel doFillOnCriticalAssetItems(@AncestorInPath @CheckForNull Item item) {
            return FormOptions.verdicts(item, FormOptions.globalDefaultLabel());
        }

        @POST
        public FormValidation doCheckCategories(@AncestorInPath @CheckForNull Item item, @QueryParameter String value) {
            return FormOptions.checkCategories(item, value);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath @CheckForNull Item item, @QueryParameter String value) {
            return FormOptions.checkTimeout(item, value);
        }
    }
}
