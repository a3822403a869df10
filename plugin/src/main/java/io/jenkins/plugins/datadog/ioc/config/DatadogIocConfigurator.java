package io.jenkins.plugins.datadog.ioc.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.BulkChange;
import hudson.Extension;
import io.jenkins.plugins.casc.BaseConfigurator;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import java.io.IOException;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * {@code unclassified: datadogIocLookup:} in Configuration as Code. JCasC sets the fields one by one,
 * which cannot check the thresholds as a pair: this checks the pair as the YAML leaves it before
 * anything is applied, so that an inverted pair is refused at import instead of breaking every build,
 * and saves once at the end.
 */
@Extension(optional = true)
@Restricted(NoExternalUse.class)
public final class DatadogIocConfigurator extends BaseConfigurator<DatadogIocConfiguration> {
    @Override
    public Class<DatadogIocConfiguration> getTarget() {
        return DatadogIocConfiguration.class;
    }

    @Override
    protected DatadogIocConfiguration instance(Mapping mapping, ConfigurationContext context) {
        return DatadogIocConfiguration.get();
    }

    @Override
    protected void configure(Mapping config, DatadogIocConfiguration instance, boolean dryrun, ConfigurationContext context)
            throws ConfiguratorException {
        String unstable = scalar(config, "unstableThreshold", instance.getUnstableThreshold());
        String fail = scalar(config, "failThreshold", instance.getFailThreshold());
        try {
            FormOptions.checkThresholdPair(unstable, fail);
        } catch (ConfigurationException e) {
            throw new ConfiguratorException(this, e.getMessage());
        }
        if (dryrun) {
            super.configure(config, instance, true, context);
            return;
        }
        try (BulkChange change = new BulkChange(instance)) {
            super.configure(config, instance, false, context);
            change.commit();
        } catch (IOException e) {
            throw new ConfiguratorException(this, "Could not save the Datadog IoC Lookup configuration", e);
        }
    }

    /** The value the YAML gives, else the current one. */
    @CheckForNull
    private static String scalar(Mapping config, String key, @CheckForNull Integer current) throws ConfiguratorException {
        CNode node = config.get(key);
        if (node == null) {
            return current == null ? null : current.toString();
        }
        return node.asScalar().getValue();
    }
}
