package io.jenkins.plugins.datadog.ioc.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.DatadogSite;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.gate.GateRequest;
import io.jenkins.plugins.datadog.ioc.policy.SignalSeverity;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Drop-down contents and field checks shared by the global configuration, the Pipeline step and the
 * freestyle builder. Callers annotate their web methods with {@code @POST}; the permission checks that
 * depend on the context are made here.
 */
public final class FormOptions {
    private FormOptions() {}

    /**
     * Whether the user may see the form a method serves: the item's configuration, which read-only
     * users (Item/Extended Read) see too, or, where there is no item, the global configuration. Form
     * methods answer others with an empty list or {@link FormValidation#ok()}, never with an error:
     * read-only views and the Snippet Generator call them too (credentials-plugin docs/consumer.adoc).
     */
    public static boolean maySee(@CheckForNull Item item) {
        return item != null ? item.hasPermission(Item.EXTENDED_READ) : Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    public static String globalDefaultLabel() {
        return Messages.FormOptions_GlobalDefault();
    }

    public static String globalDefaultSiteLabel() {
        return Messages.FormOptions_GlobalDefaultValue(DatadogIocConfiguration.get().getSite());
    }

    /** The Datadog sites; with {@code defaultLabel}, a first empty entry that means "the global default". */
    public static ListBoxModel sites(@CheckForNull Item item, @CheckForNull String defaultLabel) {
        ListBoxModel model = new ListBoxModel();
        if (!maySee(item)) {
            return model;
        }
        if (defaultLabel != null) {
            model.add(defaultLabel, "");
        }
        for (DatadogSite site : DatadogSite.values()) {
            model.add(site.domain(), site.domain());
        }
        return model;
    }

    /** The verdicts, after a first empty entry that means "the global default". */
    public static ListBoxModel verdicts(@CheckForNull Item item, String defaultLabel) {
        ListBoxModel model = new ListBoxModel();
        if (!maySee(item)) {
            return model;
        }
        model.add(defaultLabel, "");
        for (Verdict verdict : Verdict.values()) {
            model.add(verdict.name(), verdict.name());
        }
        return model;
    }

    /** The signal severities, least severe first, after a first empty entry labelled {@code defaultLabel}. */
    public static ListBoxModel signalSeverities(@CheckForNull Item item, String defaultLabel) {
        ListBoxModel model = new ListBoxModel();
        if (!maySee(item)) {
            return model;
        }
        model.add(defaultLabel, "");
        for (SignalSeverity severity : SignalSeverity.values()) {
            model.add(severity.label(), severity.label());
        }
        return model;
    }

    /** Checks threat categories as typed in a form: blank is none, but separators alone are a mistake. */
    public static FormValidation checkCategories(@CheckForNull Item item, @CheckForNull String value) {
        if (!maySee(item) || Util.fixEmptyAndTrim(value) == null || !GateRequest.categoryList(value).isEmpty()) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.FormOptions_NoCategory());
    }

    /**
     * Secret text credentials for a drop-down, as the credentials consumer guide prescribes: only
     * users who may configure the item (or, globally, administer Jenkins) see the list; others see
     * just the current value.
     *
     * @param item the job being configured, or {@code null} on the global configuration page
     */
    public static ListBoxModel secretTextCredentials(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = Util.fixNull(current);
        if (!maySee(item) && (item == null || !item.hasPermission(CredentialsProvider.USE_ITEM))) {
            return result.includeCurrentValue(value);
        }
        if (item == null) {
            // SYSTEM-scoped credentials are not visible to builds, so they are no use as defaults.
            result.includeEmptyValue().includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class,
                    List.of(), CredentialsMatchers.withScope(CredentialsScope.GLOBAL));
        } else {
            result.includeEmptyValue().includeMatchingAs(
                    item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                    item, StringCredentials.class, List.of(), CredentialsMatchers.always());
        }
        return result.includeCurrentValue(value);
    }

    /** Checks a pair of thresholds as typed in a form (blank means none). */
    public static FormValidation checkThresholds(@CheckForNull Item item, String unstable, String fail) {
        if (!maySee(item)) {
            return FormValidation.ok();
        }
        try {
            checkThresholdPair(unstable, fail);
            return FormValidation.ok();
        } catch (ConfigurationException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** @throws ConfigurationException unless both are blank or whole scores, the unstable one not above the other */
    public static void checkThresholdPair(@CheckForNull String unstable, @CheckForNull String fail) {
        GateRequest.checkThresholds(score(unstable, "The unstable threshold"), score(fail, "The failure threshold"));
    }

    public static FormValidation checkTimeout(@CheckForNull Item item, String value) {
        return checkWholeNumber(item, value, seconds -> IocClientConfig.checkTimeout(Duration.ofSeconds(seconds)));
    }

    /** Checks a whole-number field with the check its setter makes; only for those who {@link #maySee} the form. */
    public static FormValidation checkWholeNumber(@CheckForNull Item item, String value, IntConsumer check) {
        if (!maySee(item)) {
            return FormValidation.ok();
        }
        try {
            if (Util.fixEmptyAndTrim(value) != null) {
                check.accept(Integer.parseInt(value.trim()));
            }
            return FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.FormOptions_NotANumber(value));
        } catch (ConfigurationException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** A whole-number threshold as the plugin stores it, as core takes it. */
    public static Double toScore(Integer threshold) {
        return threshold == null ? null : threshold.doubleValue();
    }

    private static Double score(String value, String name) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole score from 0 to 100, not '" + text + "'.");
        }
    }
}
