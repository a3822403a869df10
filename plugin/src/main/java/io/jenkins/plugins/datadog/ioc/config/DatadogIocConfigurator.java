package io.jenkins.plugins.datadog.ioc.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.casc.BaseConfigurator;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * {@code unclassified: datadogIocLookup:} in Configuration as Code. JCasC sets the fields one by one, so
 * an import that fails half way ({@code site: datadoghq.eu} then {@code timeoutSeconds: 0}) would leave
 * the live configuration half changed. The YAML is applied to a scratch copy instead, with every setter's
 * check, even in a dry run, after the thresholds were checked as a pair; the copy is then applied at
 * once, as the global page does, and saved once.
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
        // Before the setters, which take the values out of the mapping and check each threshold alone.
        String unstable = scalar(config, "unstableThreshold", instance.getUnstableThreshold());
        String fail = scalar(config, "failThreshold", instance.getFailThreshold());
        try {
            FormOptions.checkThresholdPair(unstable, fail);
        } catch (ConfigurationException e) {
            throw new ConfiguratorException(this, e.getMessage());
        }
        DatadogIocConfiguration candidate = instance.snapshot();
        super.configure(config, candidate, false, context);
        if (!dryrun) {
            instance.apply(candidate);
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
