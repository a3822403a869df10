package io.jenkins.plugins.datadog.ioc.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.record.BuildRecords;
import io.jenkins.plugins.datadog.ioc.record.ExplorerLink;
import io.jenkins.plugins.datadog.ioc.record.LegacyRecord;
import io.jenkins.plugins.datadog.ioc.record.LookupSummary;
import io.jenkins.plugins.datadog.ioc.record.OrganizationData;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import io.jenkins.plugins.datadog.ioc.record.ResultPage;
import io.jenkins.plugins.datadog.ioc.record.ResultQuery;
import io.jenkins.plugins.datadog.ioc.record.ResultRow;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.JsonReport;
import io.jenkins.plugins.datadog.ioc.report.SarifReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Every indicator looked up during one build, whichever step looked it up: a summary on the build page,
 * a paged detail page at {@code datadog-ioc/}, a page per indicator, the report downloads and the REST API.
 * build.xml keeps only the summary (its size does not grow with the indicators); the results are the
 * JSON report {@link RecordFile} beside it, read when a page needs them and held softly, so that the
 * controller may drop them under memory pressure and read them again. Builds recorded before kept their
 * results inline ({@code records}); those are still read, never rewritten.
 */
@ExportedBean
public class IocLookupAction implements RunAction2 {
    public static final String URL_NAME = "datadog-ioc";
    private static final Logger LOGGER = Logger.getLogger(IocLookupAction.class.getName());
    /** Serializes steps adding to a build's action; steps are short and rare. */
    private static final Object LOCK = new Object();
    /**
     * One build's records read at a time on the controller: a page opened by many users at once reads the file
     * once, and two large builds are not held twice over while being read. Reads are rare (once per build until
     * the garbage collector clears them), so one lock for all builds costs little.
     */
    private static final Object LOAD_LOCK = new Object();

    // The summary, as plain values (build.xml stays readable by later versions whatever core becomes).
    private volatile String verdict;
    private volatile int failure;
    private volatile int unstable;
    private volatile int pass;
    private volatile int found;
    private volatile int notFound;
    private volatile int errors;
    // The indicators Datadog knows, by verdict: with notFound and errors, each indicator counted once.
    private volatile int knownFailure;
    private volatile int knownUnstable;
    private volatile int knownPass;
    private volatile int cached;
    private volatile int skipped;
    private volatile Double worstScore;
    private volatile int suppressed;
    private volatile int expiredCount;
    /** Expired suppression entries, described, at most {@link LookupSummary#MAX_LISTED}; {@code null} when none. */
    private volatile List<String> expiredSuppressions;
    /** What expired suppressions did to the build: {@code null} for nothing (PASS). */
    private volatile String suppressionVerdict;
    private volatile List<String> sites;
    private volatile long durationMillis;
    private volatile int noticeCount;
    private volatile List<String> notices;
    private volatile int steps;

    /** Builds made before the record file: every result inline. Read only; {@code null} for today's builds. */
    @SuppressFBWarnings(value = "UWF_UNWRITTEN_FIELD", justification = "XStream reads it from the build.xml of old builds")
    private List<IndicatorRecord> records;
    /** Builds made before the record file: unused entries, described (today's builds read them from the file). */
    @SuppressFBWarnings(value = "UWF_UNWRITTEN_FIELD", justification = "XStream reads it from the build.xml of old builds")
    private List<String> unusedSuppressions;

    private transient Run<?, ?> run;
    private transient volatile SoftReference<Loaded> loaded;

    /** The short element name old builds wrote for each inline result. */
    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void registerAliases() {
        Run.XSTREAM2.alias("datadogIocRecord", IndicatorRecord.class);
    }

    /**
     * Adds a gate's results to the build: to its record file, and to the summary in build.xml, which it saves.
     *
     * @param organizationData whether to keep what Datadog knows of the organization's own hosts,
     *     services and users, which everyone who may read the job would see
     * @param site the Datadog site's domain, or {@link LookupSummary#CUSTOM_SITE}
     * @param notices the run's notices ("no threshold set")
     */
    public static IocLookupAction record(Run<?, ?> run, GateReport report, boolean organizationData, String site,
            List<String> notices) throws IOException {
        GateReport kept = organizationData ? report : OrganizationData.without(report);
        LookupSummary summary = LookupSummary.of(report, List.of(site), notices);
        // The file has its own lock; sums commute, so parallel steps may add in either order.
        new RecordFile(run.getRootDir().toPath()).add(kept);
        IocLookupAction action;
        synchronized (LOCK) {
            action = run.getAction(IocLookupAction.class);
            if (action == null) {
                action = new IocLookupAction();
                run.addAction(action);
            }
            action.store(action.verdict == null ? summary : action.summary().plus(summary));
            action.loaded = null;
        }
        run.save();
        return action;
    }

    /** Old builds: the summary from their inline records, in memory only. */
    protected Object readResolve() {
        if (verdict == null && records != null) {
            GateReport old = LegacyRecord.report(records, skipped);
            store(LegacyRecord.summary(old, expiredSuppressions == null ? List.of() : expiredSuppressions, suppressionVerdict));
        }
        return this;
    }

    /** What the build keeps of its lookups. */
    public LookupSummary summary() {
        Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        verdicts.put(Verdict.FAILURE, failure);
        verdicts.put(Verdict.UNSTABLE, unstable);
        verdicts.put(Verdict.PASS, pass);
        Map<LookupStatus, Integer> statuses = new EnumMap<>(LookupStatus.class);
        statuses.put(LookupStatus.FOUND, found);
        statuses.put(LookupStatus.NOT_FOUND, notFound);
        statuses.put(LookupStatus.ERROR, errors);
        GateReport.Tally tally = new GateReport.Tally(knownFailure, knownUnstable, knownPass, notFound, errors);
        return new LookupSummary(verdict == null ? Verdict.PASS : Verdict.valueOf(verdict), verdicts, statuses, tally, cached,
                skipped, worstScore, suppressed, expiredCount, listed(expiredSuppressions),
                suppressionVerdict == null ? Verdict.PASS : Verdict.valueOf(suppressionVerdict), listed(sites),
                Duration.ofMillis(durationMillis), noticeCount, listed(notices), steps);
    }

    private void store(LookupSummary s) {
        failure = s.count(Verdict.FAILURE);
        unstable = s.count(Verdict.UNSTABLE);
        pass = s.count(Verdict.PASS);
        found = s.count(LookupStatus.FOUND);
        notFound = s.count(LookupStatus.NOT_FOUND);
        errors = s.count(LookupStatus.ERROR);
        knownFailure = (int) s.tally().failure();
        knownUnstable = (int) s.tally().unstable();
        knownPass = (int) s.tally().pass();
        cached = s.cached();
        skipped = s.skipped();
        worstScore = s.worstScore();
        suppressed = s.suppressed();
        expiredCount = s.expiredCount();
        expiredSuppressions = stored(s.expiredSuppressions());
        suppressionVerdict = s.suppressionVerdict() == Verdict.PASS ? null : s.suppressionVerdict().name();
        sites = stored(s.sites());
        durationMillis = s.duration().toMillis();
        noticeCount = s.noticeCount();
        notices = stored(s.notices());
        steps = s.steps();
        verdict = s.verdict().name();
    }

    /** Empty lists are not written to build.xml at all; others as plain ArrayLists, which XStream writes tersely. */
    @CheckForNull
    private static List<String> stored(List<String> list) {
        return list.isEmpty() ? null : new ArrayList<>(list);
    }

    private static List<String> listed(@CheckForNull List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The results, read from the record file (or an old build.xml) on first use and held softly. */
    BuildRecords records() {
        return loaded().records;
    }

    /** A load tagged with an older step count than the summary's is read again: a step recorded while it was read. */
    private Loaded loaded() {
        Loaded l = current();
        if (l == null) {
            synchronized (LOAD_LOCK) {
                l = current();
                if (l == null) {
                    l = load();
                    loaded = new SoftReference<>(l);
                }
            }
        }
        return l;
    }

    @CheckForNull
    private Loaded current() {
        SoftReference<Loaded> ref = loaded;
        Loaded l = ref == null ? null : ref.get();
        return l != null && l.steps == steps ? l : null;
    }

    /** What was read, or why nothing could be, and how many steps had recorded when reading began. */
    private record Loaded(BuildRecords records, @CheckForNull String problem, int steps) {}

    private Loaded load() {
        int recorded = steps;
        if (records != null) {
            return new Loaded(new BuildRecords(LegacyRecord.report(records, skipped), 0, listed(unusedSuppressions)), null, recorded);
        }
        BuildRecords none = new BuildRecords(new GateReport(List.of(), 0, Duration.ZERO), 0);
        Run<?, ?> attached = run;
        if (attached == null) {
            return new Loaded(none, null, recorded);
        }
        RecordFile file = new RecordFile(attached.getRootDir().toPath());
        try {
            return new Loaded(BuildRecords.of(file.read()), null, recorded);
        } catch (NoSuchFileException e) {
            return new Loaded(none, Messages.IocLookupAction_NoRecords(RecordFile.NAME), recorded);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read the Datadog IoC records of " + attached, e);
            return new Loaded(none, e.getMessage(), recorded);
        }
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
        Run<?, ?> attached = run;
        String path = (attached == null ? "" : attached.getUrl()) + URL_NAME + '/';
        return root != null ? root + path : jenkins.getServletContext().getContextPath() + '/' + path;
    }

    /** The detail page's own REST API, {@code datadog-ioc/api/json}: the summary. */
    public Api getApi() {
        return new Api(this);
    }

    // ---- the pages

    /** The page of results the request asks for ({@code ?verdict=FAILURE&status=ERROR&q=text&page=2}). */
    public ResultPage getPage() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        return records().page(request == null ? ResultQuery.ALL : ResultQuery.parse(request::getParameter));
    }

    /** Why the records cannot be shown, or {@code null}. */
    @CheckForNull
    public String getRecordsProblem() {
        return loaded().problem;
    }

    /** Results in the file past what is read into memory, not shown. */
    public int getLeftOut() {
        return records().leftOut();
    }

    /** {@code datadog-ioc/indicator/17/}: the result at that place in the record file, or 404. */
    @CheckForNull
    public IndicatorPage getIndicator(String index) {
        try {
            ResultRow row = records().row(Integer.parseInt(index));
            return row == null ? null : new IndicatorPage(this, row);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code datadog-ioc/records/api/json?page=2&verdict=FAILURE}: the results, a page at a time. */
    public RecordsApi getRecords() {
        return new RecordsApi(getPage());
    }

    /** The IoC Explorer of each site the build looked indicators up on, or why there is none. */
    public List<ExplorerLink> getExplorerLinks() {
        return listed(sites).stream().map(ExplorerLink::forSite).toList();
    }

    /** Downloads the whole JSON report: the record file itself. */
    public void doReport(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        RecordFile file = new RecordFile(readableRun().getRootDir().toPath());
        if (records == null && !file.exists()) {
            rsp.sendError(404, Messages.IocLookupAction_NoRecords(RecordFile.NAME));
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=\"" + RecordFile.NAME + '"');
        if (records == null) {
            Files.copy(file.path(), rsp.getOutputStream());
        } else {
            // An old build: its inline results, written as today's report.
            try (Writer out = new OutputStreamWriter(rsp.getOutputStream(), StandardCharsets.UTF_8)) {
                JsonReport.write(records().report(), out);
            }
        }
    }

    /** Downloads the results as SARIF 2.1.0, for code scanning tools. */
    public void doSarif(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        readableRun();
        rsp.setContentType("application/sarif+json;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=\"datadog-ioc.sarif\"");
        try (Writer out = new OutputStreamWriter(rsp.getOutputStream(), StandardCharsets.UTF_8)) {
            SarifReport.write(records().report(), out);
        }
    }

    /** Stapler reached the build through its job, which checked Item.READ; checked again for direct callers. */
    private Run<?, ?> readableRun() {
        Run<?, ?> attached = run;
        if (attached == null) {
            throw new IllegalStateException("not attached to a build");
        }
        attached.checkPermission(Item.READ);
        return attached;
    }

    // ---- the summary, for the build page and the REST API

    /** Every result in file order, for Java callers (tests, other plugins); the REST API pages them. */
    public List<IndicatorRecord> getResults() {
        BuildRecords all = records();
        List<IndicatorRecord> list = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            list.add(IndicatorRecord.of(all.row(i)));
        }
        return list;
    }

    /**
     * The first page of results, worst first, in the REST API from depth 2 ({@code ?depth=2}, or {@code tree=results[...]});
     * the rest through {@code records/api/json?page=N}. Visibility 0 would mean the bean's default (1), shown at depth 0:
     * a property is shown at depth d when its visibility is at least 1 - d.
     */
    @Exported(name = "results", visibility = -1)
    public List<IndicatorRecord> getFirstResults() {
        return records().page(ResultQuery.ALL).getRows().stream().map(IndicatorRecord::of).toList();
    }

    @Exported
    public String getVerdict() {
        return verdict == null ? Verdict.PASS.name() : verdict;
    }

    /** What expired suppressions did to the build on their own: PASS unless a step fails on them. */
    @Exported
    public String getSuppressionVerdict() {
        return suppressionVerdict == null ? Verdict.PASS.name() : suppressionVerdict;
    }

    @Exported
    public long getSuppressedCount() {
        return suppressed;
    }

    /** Suppression entries that had expired, to renew or remove (at most {@link LookupSummary#MAX_LISTED}). */
    @Exported
    public List<String> getExpiredSuppressions() {
        return listed(expiredSuppressions);
    }

    @Exported
    public int getExpiredSuppressionCount() {
        return expiredCount;
    }

    /** Suppression entries that matched no indicator of the build (read from the records). */
    public List<String> getUnusedSuppressions() {
        return records().unusedSuppressions();
    }

    @Exported
    public int getIndicatorCount() {
        return found + notFound + errors;
    }

    @Exported
    public int getSkipped() {
        return skipped;
    }

    @Exported
    public long getFailureCount() {
        return failure;
    }

    @Exported
    public long getUnstableCount() {
        return unstable;
    }

    @Exported
    public long getPassCount() {
        return pass;
    }

    /** Of the indicators Datadog knows, those that failed; with the next two, not found and errors, each counted once. */
    @Exported
    public int getKnownFailureCount() {
        return knownFailure;
    }

    @Exported
    public int getKnownUnstableCount() {
        return knownUnstable;
    }

    @Exported
    public int getKnownPassCount() {
        return knownPass;
    }

    @Exported
    public int getFoundCount() {
        return found;
    }

    @Exported
    public int getNotFoundCount() {
        return notFound;
    }

    @Exported
    public int getErrorCount() {
        return errors;
    }

    @Exported
    public int getCachedCount() {
        return cached;
    }

    @Exported
    public List<String> getSites() {
        return listed(sites);
    }

    @Exported
    public long getDurationMillis() {
        return durationMillis;
    }

    /** Run-level notices, at most {@link LookupSummary#MAX_LISTED}; {@link #getNoticeCount()} counts them all. */
    @Exported
    public List<String> getNotices() {
        return listed(notices);
    }

    @Exported
    public int getNoticeCount() {
        return noticeCount;
    }

    @Exported
    @CheckForNull
    public Double getWorstScore() {
        return worstScore;
    }

    public String getWorstScoreText() {
        return worstScore == null ? "" : GatePolicy.formatScore(worstScore);
    }

    /** Jenkins' own status symbol for the overall verdict. */
    public String getVerdictIcon() {
        return iconFor(getVerdict());
    }

    /** {@link #iconFor} for views, which call instance methods. */
    public String iconOf(String verdict) {
        return iconFor(verdict);
    }

    public static String iconFor(String verdict) {
        return switch (Verdict.valueOf(verdict)) {
            case FAILURE -> "symbol-status-red";
            case UNSTABLE -> "symbol-status-yellow";
            case PASS -> "symbol-status-blue";
        };
    }

    /** The verdicts and statuses the filter offers, worst first. */
    public List<String> getVerdictChoices() {
        return List.of(Verdict.FAILURE.name(), Verdict.UNSTABLE.name(), Verdict.PASS.name());
    }

    public List<String> getStatusChoices() {
        return List.of(LookupStatus.ERROR.name(), LookupStatus.NOT_FOUND.name(), LookupStatus.FOUND.name());
    }
}
