package io.jenkins.plugins.datadog.ioc.actions;

import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.trend.TrendBuild;

/**
 * The one place that turns a build into what the job page's trend needs: its lookup action's summary
 * (verdict, counts, worst score), or a gap when the build has no lookup.
 */
final class TrendBuilds {
    private TrendBuilds() {}

    static TrendBuild of(Run<?, ?> run) {
        IocLookupAction action = run.getAction(IocLookupAction.class);
        if (action == null) {
            return TrendBuild.missing(run.getNumber(), run.getDisplayName(), run.getUrl());
        }
        return new TrendBuild(run.getNumber(), run.getDisplayName(), run.getUrl() + IocLookupAction.URL_NAME + '/',
                Verdict.valueOf(action.getVerdict()), action.getKnownFailureCount(), action.getKnownUnstableCount(),
                action.getKnownPassCount(), action.getNotFoundCount(), action.getErrorCount(), action.getWorstScore());
    }
}
