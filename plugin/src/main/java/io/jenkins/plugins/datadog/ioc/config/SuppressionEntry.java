package io.jenkins.plugins.datadog.ioc.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionFile;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One entry of the global suppression list, as the form and JCasC write it: strings only, checked by
 * the same rules as a suppression file's entries (docs/suppressions.md).
 */
public final class SuppressionEntry implements Describable<SuppressionEntry> {
    private final String indicator;
    private final String reason;
    private String expires;
    private String maxVerdict;

    @DataBoundConstructor
    public SuppressionEntry(String indicator, String reason) {
        this.indicator = Util.fixEmptyAndTrim(indicator);
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    public String getIndicator() {
        return indicator;
    }

    public String getReason() {
        return reason;
    }

    /** The last day the entry applies, {@code 2027-03-31}; {@code null} for no expiry. */
    @CheckForNull
    public String getExpires() {
        return expires;
    }

    @DataBoundSetter
    public void setExpires(String expires) {
        this.expires = Util.fixEmptyAndTrim(expires);
    }

    /** The worst verdict a matching indicator keeps; {@code null} for PASS. */
    @CheckForNull
    public String getMaxVerdict() {
        return maxVerdict;
    }

    @DataBoundSetter
    public void setMaxVerdict(String maxVerdict) {
        String value = Util.fixEmptyAndTrim(maxVerdict);
        this.maxVerdict = value == null || value.equalsIgnoreCase(Verdict.PASS.name()) ? null : value;
    }

    /**
     * @param number the entry's 1-based place in the list, to name it in messages
     * @throws ConfigurationException saying what is wrong with the entry
     */
    Suppression toSuppression(int number) {
        return SuppressionFile.entry(indicator, reason, expires, maxVerdict, Messages.SuppressionEntry_Source(number));
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<SuppressionEntry> {
        private static final String VALID_INDICATOR = "203.0.113.1";
        private static final String VALID_REASON = "checked";

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SuppressionEntry_DisplayName();
        }

        @POST
        public ListBoxModel doFillMaxVerdictItems() {
            ListBoxModel model = new ListBoxModel();
            if (FormOptions.maySee(null)) {
                model.add(Verdict.PASS.name(), "");
                model.add(Verdict.UNSTABLE.name(), Verdict.UNSTABLE.name());
            }
            return model;
        }

        @POST
        public FormValidation doCheckIndicator(@QueryParameter String value) {
            return check(value, VALID_REASON, null);
        }

        @POST
        public FormValidation doCheckReason(@QueryParameter String value) {
            return check(VALID_INDICATOR, value, null);
        }

        /**
         * Also flags an entry that has expired: it suppresses nothing, and builds no longer list it unless
         * it matches one of their indicators, so this page is where the administrator sees it.
         */
        @POST
        public FormValidation doCheckExpires(@QueryParameter String value) {
            FormValidation valid = check(VALID_INDICATOR, VALID_REASON, value);
            if (valid.kind != FormValidation.Kind.OK || Util.fixEmptyAndTrim(value) == null || !FormOptions.maySee(null)) {
                return valid;
            }
            Suppression entry = SuppressionFile.entry(VALID_INDICATOR, VALID_REASON, value, null, Messages.SuppressionEntry_ThisEntry());
            return entry.expiredOn(LocalDate.now(ZoneOffset.UTC))
                    ? FormValidation.warning(Messages.SuppressionEntry_Expired(entry.expires())) : valid;
        }

        /** Checks one field by checking an entry in which only that field may be wrong. */
        private static FormValidation check(String indicator, String reason, String expires) {
            if (!FormOptions.maySee(null)) {
                return FormValidation.ok();
            }
            try {
                SuppressionFile.entry(indicator, reason, expires, null, Messages.SuppressionEntry_ThisEntry());
                return FormValidation.ok();
            } catch (ConfigurationException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
