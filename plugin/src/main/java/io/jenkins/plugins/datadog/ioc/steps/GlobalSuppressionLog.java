package io.jenkins.plugins.datadog.ioc.steps;

import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.Suppressions;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Global suppressions that matched nothing in a build are the administrator's business, not the build's
 * readers': they go to the controller's log (FINE, this class's logger), never onto the build. Expired
 * global entries are flagged on the global configuration page.
 */
final class GlobalSuppressionLog {
    private static final Logger LOGGER = Logger.getLogger(GlobalSuppressionLog.class.getName());

    private GlobalSuppressionLog() {}

    static void unused(Run<?, ?> run, Suppressions suppressions, Collection<String> indicators) {
        if (!LOGGER.isLoggable(Level.FINE)) {
            return;
        }
        List<Suppression> unused = suppressions.unusedGlobal(indicators);
        if (!unused.isEmpty()) {
            LOGGER.fine(() -> run.getExternalizableId() + ": global suppressions that matched none of its indicators: "
                    + unused.stream().map(Suppression::source).collect(Collectors.joining(", ")));
        }
    }
}
