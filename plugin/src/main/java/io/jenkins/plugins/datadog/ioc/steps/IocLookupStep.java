package io.jenkins.plugins.datadog.ioc.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.datadog.ioc.config.FormOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code iocLookup}: looks indicators up in Datadog's IoC Explorer and gates the build on the verdict.
 * Needs no {@code node}: the lookup runs on the controller, except reading {@code file}, which needs a
 * workspace.
 */
public class IocLookupStep extends Step implements LookupParameters {
    private String indicator;
    private List<String> indicators;
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
    private boolean returnOnFailure;

    @DataBoundConstructor
    public IocLookupStep() {
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

    public List<String> getIndicators() {
        return indicators;
    }

    @Override
    public String moreIndicators() {
        return null;
    }

    @Override
    public List<String> listedIndicators() {
        return indicators == null ? List.of() : List.copyOf(indicators);
    }

    @DataBoundSetter
    public void setIndicators(List<String> indicators) {
        this.indicators = indicators == null || indicators.isEmpty() ? null : new ArrayList<>(indicators);
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

    /**
     * Whether a FAILURE verdict marks the build FAILURE and returns the results, as {@code sh returnStatus:
     * true} returns the exit code, instead of throwing, which leaves even {@code try}/{@code catch} without
     * them. Off by default: a gate fails closed.
     */
    public boolean isReturnOnFailure() {
        return returnOnFailure;
    }

    @DataBoundSetter
    public void setReturnOnFailure(boolean returnOnFailure) {
        this.returnOnFailure = returnOnFailure;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Runs on a separate thread, so that aborting the build interrupts the lookup at once. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "Only read by run(), which never runs after a restart: SynchronousNonBlockingStepExecution fails the step on resume.")
        private final transient IocLookupStep step;

        Execution(IocLookupStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            FilePath workspace = context.get(FilePath.class);
            GateExecution.Outcome outcome = GateExecution.run(step, run, workspace, null, listener);
            outcome.applyTo(run, listener, step.isReturnOnFailure(), (result, message) -> {
                FlowNode node = getNodeOrNull(context);
                if (node != null) {
                    node.addOrReplaceAction(new WarningAction(result).withMessage(message));
                }
            });
            return ResultMaps.of(outcome.report(), outcome.action());
        }

        /** The lookup died with the controller; say so in words rather than the generic message. */
        @Override
        public void onResume() {
            getContext().onFailure(new AbortException(Messages.IocLookupStep_Restarted()));
        }
    }

    private static FlowNode getNodeOrNull(StepContext context) {
        try {
            return context.get(FlowNode.class);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "iocLookup";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IocLookupStep_DisplayName();
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
