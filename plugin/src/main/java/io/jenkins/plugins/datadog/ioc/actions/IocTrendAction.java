package io.jenkins.plugins.datadog.ioc.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.trend.TrendBuild;
import io.jenkins.plugins.datadog.ioc.trend.TrendSeries;
import io.jenkins.plugins.datadog.ioc.trend.TrendView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The job page's view of its builds' lookups, for Pipeline and freestyle jobs alike: the latest verdict
 * and a trend in a box on the job page ({@code floatingBox.jelly}), and a page of its own at
 * {@code datadog-ioc-trend/?builds=N}. It reads only the completed builds it shows, and of each only its
 * lookup action's summary (see {@link TrendBuilds}); core computes and draws everything.
 */
public class IocTrendAction implements Action {
    public static final String URL_NAME = "datadog-ioc-trend";
    static final String BUILDS_PARAMETER = "builds";

    private final Job<?, ?> job;

    IocTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /**
     * Whether one of the last few completed builds looked something up. It reads those few builds (the job
     * page's build history has them loaded), so that a job that does not use the plugin never pays for a
     * trend; a job that does keeps its trend when a build or two fail before their lookup.
     */
    public boolean isShown() {
        int read = 0;
        for (Run<?, ?> run : job.getBuilds().completedOnly()) {
            if (run.getAction(IocLookupAction.class) != null) {
                return true;
            }
            if (++read == TrendSeries.RECENT_BUILDS) {
                break;
            }
        }
        return false;
    }

    /** The trend of the number of builds the request's {@code builds} parameter asks for (30 without one). */
    public TrendView getTrend() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        return trend(TrendSeries.buildsToShow(request == null ? null : request.getParameter(BUILDS_PARAMETER)));
    }

    TrendView trend(int builds) {
        List<TrendBuild> newestFirst = new ArrayList<>();
        // a break, not RunList.limit: limit reads one build past the last to see that it is one too many
        for (Run<?, ?> run : job.getBuilds().completedOnly()) {
            newestFirst.add(TrendBuilds.of(run));
            if (newestFirst.size() >= builds) {
                break;
            }
        }
        return new TrendView(TrendSeries.of(newestFirst, builds), Jenkins.get().getServletContext().getContextPath() + '/');
    }

    /** Jenkins' status symbol for a verdict, as on the build page. */
    public String iconFor(String verdict) {
        return IocLookupAction.iconFor(verdict);
    }

    /** A side-panel link only where there is a trend to see. */
    @Override
    public String getIconFileName() {
        return isShown() ? "symbol-shield-warning" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.IocTrendAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** One action per job, made when Jenkins lists the job's actions: it holds nothing but the job. */
    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Class<? extends Action> actionType() {
            return IocTrendAction.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            return List.of(new IocTrendAction(target));
        }
    }
}
