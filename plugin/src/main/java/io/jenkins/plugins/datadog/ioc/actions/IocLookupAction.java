package io.jenkins.plugins.datadog.ioc.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Api;
import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Every indicator looked up during one build, whichever step looked it up: a summary on the build
 * page, a detail page at {@code datadog-ioc/}, and the REST API. Several steps add to the one action
 * instead of replacing each other.
 */
@ExportedBean
public class IocLookupAction implements RunAction2 {
    public static final String URL_NAME = "datadog-ioc";
    private static final Object LOCK = new Object();

    /** Replaced, never changed, so that saving the build can read it while a parallel branch adds more. */
    private volatile List<IndicatorRecord> records = new ArrayList<>();
    private volatile int skipped;
    /** Expired and unused suppression entries, described; {@code null} when none, as in older builds. */
    private volatile List<String> expiredSuppressions;
    private volatile List<String> unusedSuppressions;
    /** What expired suppressions did to the build: {@code null} for nothing (PASS). */
    private volatile String suppressionVerdict;

    private transient Run<?, ?> run;

    /** A short element name for each of the possibly thousands of records in build.xml. */
    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void registerAliases() {
        Run.XSTREAM2.alias("datadogIocRecord", IndicatorRecord.class);
    }

    /**
     * Adds a gate's results to the build's action, creating it on first use, and saves the build.
     *
     * @param organizationData whether to keep what Datadog knows of the organization's own hosts,
     *     services and users, which everyone who may read the job would see
     */
    public static IocLookupAction record(Run<?, ?> run, GateReport report, boolean organizationData) throws IOException {
        IocLookupAction action;
        synchronized (LOCK) {
            action = run.getAction(IocLookupAction.class);
            if (action == null) {
                action = new IocLookupAction();
                run.addAction(action);
            }
            List<IndicatorRecord> next = new ArrayList<>(action.records);
            report.results().forEach(r -> next.add(IndicatorRecord.of(r, organizationData)));
            action.records = next;
            action.skipped += report.skipped();
            SuppressionSummary suppressions = report.suppressions();
            action.expiredSuppressions = merged(action.expiredSuppressions, suppressions.expired());
            action.unusedSuppressions = merged(action.unusedSuppressions, suppressions.unused());
            Verdict worst = Verdict.valueOf(action.getSuppressionVerdict()).worst(suppressions.verdict());
            action.suppressionVerdict = worst == Verdict.PASS ? null : worst.name();
        }
        run.save();
        return action;
    }

    /** Several steps may report the same global entry: each is listed once. */
    @CheckForNull
    private static List<String> merged(@CheckForNull List<String> known, List<Suppression> more) {
        Set<String> all = new LinkedHashSet<>(known == null ? List.of() : known);
        more.forEach(entry -> all.add(describe(entry)));
        return all.isEmpty() ? null : new ArrayList<>(all);
    }

    /** {@code *.cdn.example.com (suppressions.json entry 3, until 2026-03-31): CDN edge names}. */
    static String describe(Suppression entry) {
        return entry.pattern() + " (" + entry.source() + (entry.expires() == null ? "" : ", until " + entry.expires())
                + "): " + entry.reason();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    @CheckForNull
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-shield-warning";
    }

    @Override
    public String getDisplayName() {
        return Messages.IocLookupAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** The detail page, absolute when Jenkins knows its root URL, else from the context path ({@code /jenkins/job/...}). */
    public String getAbsoluteUrl() {
        Jenkins jenkins = Jenkins.get();
        String root = jenkins.getRootUrl();
        String path = (run == null ? "" : run.getUrl()) + URL_NAME + '/';
        return root != null ? root + path : jenkins.getServletContext().getContextPath() + '/' + path;
    }

    /** The detail page's own REST API, {@code datadog-ioc/api/json}. */
    public Api getApi() {
        return new Api(this);
    }

    @Exported(inline = true)
    public List<IndicatorRecord> getResults() {
        return Collections.unmodifiableList(records);
    }

    /** The results worst first: verdict, then score. */
    public List<IndicatorRecord> getWorstFirst() {
        Comparator<IndicatorRecord> byVerdict = Comparator.comparing(r -> Verdict.valueOf(r.getVerdict()));
        Comparator<IndicatorRecord> byScore = Comparator.comparing(IndicatorRecord::getScore,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return getResults().stream().sorted(byVerdict.thenComparing(byScore).reversed()).toList();
    }

    /** The worst verdict of the results, and of expired suppressions where they fail the build. */
    @Exported
    public String getVerdict() {
        return getResults().stream().map(r -> Verdict.valueOf(r.getVerdict()))
                .reduce(Verdict.valueOf(getSuppressionVerdict()), Verdict::worst).name();
    }

    /** What expired suppressions did to the build on their own: PASS unless a step fails on them. */
    @Exported
    public String getSuppressionVerdict() {
        return suppressionVerdict == null ? Verdict.PASS.name() : suppressionVerdict;
    }

    @Exported
    public long getSuppressedCount() {
        return getResults().stream().filter(IndicatorRecord::isSuppressed).count();
    }

    /** Suppression entries that had expired, to renew or remove. */
    @Exported
    public List<String> getExpiredSuppressions() {
        return expiredSuppressions == null ? List.of() : Collections.unmodifiableList(expiredSuppressions);
    }

    /** Suppression entries that matched no indicator of the build. */
    @Exported
    public List<String> getUnusedSuppressions() {
        return unusedSuppressions == null ? List.of() : Collections.unmodifiableList(unusedSuppressions);
    }

    @Exported
    public int getIndicatorCount() {
        return getResults().size();
    }

    @Exported
    public int getSkipped() {
        return skipped;
    }

    @Exported
    public long getFailureCount() {
        return count(Verdict.FAILURE);
    }

    @Exported
    public long getUnstableCount() {
        return count(Verdict.UNSTABLE);
    }

    @Exported
    public long getPassCount() {
        return count(Verdict.PASS);
    }

    private long count(Verdict verdict) {
        return getResults().stream().filter(r -> verdict.name().equals(r.getVerdict())).count();
    }

    @Exported
    @CheckForNull
    public Double getWorstScore() {
        return getResults().stream().map(IndicatorRecord::getScore).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    public String getWorstScoreText() {
        Double worst = getWorstScore();
        return worst == null ? "" : GatePolicy.formatScore(worst);
    }

    /** Jenkins' own status symbol for the overall verdict. */
    public String getVerdictIcon() {
        return iconFor(getVerdict());
    }

    public static String iconFor(String verdict) {
        return switch (Verdict.valueOf(verdict)) {
            case FAILURE -> "symbol-status-red";
            case UNSTABLE -> "symbol-status-yellow";
            case PASS -> "symbol-status-blue";
        };
    }
}
