package io.jenkins.plugins.datadog.ioc.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.actions.IocLookupAction;
import io.jenkins.plugins.datadog.ioc.config.DatadogIocConfiguration;
import io.jenkins.plugins.datadog.ioc.credentials.DatadogKeyCredentials;
import io.jenkins.plugins.datadog.ioc.extract.IndicatorLines;
import io.jenkins.plugins.datadog.ioc.gate.GateRequest;
import io.jenkins.plugins.datadog.ioc.gate.GateRun;
import io.jenkins.plugins.datadog.ioc.gate.PeriodicProgress;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import io.jenkins.plugins.datadog.ioc.report.TextSummary;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the Pipeline step and the freestyle builder have in common: gathers the indicators, runs the
 * gate on the controller, prints a concise console summary and records the results on the build.
 * What the verdict does to the build is up to the caller.
 */
final class GateExecution {
    /** Beyond this many indicators the console shows only those that did not pass, worst first. */
    private static final int ALL_LINES_UP_TO = 10;
    /** The console never shows more lines than this; the detail page has them all. */
    private static final int MAX_LINES = 50;

    private GateExecution() {}

    /**
     * @param workspace needed only to read {@link LookupParameters#getFile()}
     * @param env expands {@code ${VARIABLES}} in indicators and file (freestyle); {@code null} in Pipeline
     * @throws AbortException for bad settings or unusable credentials, with a message for users
     * @throws InterruptedException when the build is aborted; the request under way is cancelled
     */
    static Outcome run(LookupParameters step, Run<?, ?> run, @CheckForNull FilePath workspace, @CheckForNull EnvVars env,
            TaskListener listener) throws IOException, InterruptedException {
        // One snapshot: the global page or a JCasC import may change the configuration while this runs.
        DatadogIocConfiguration global = DatadogIocConfiguration.get().snapshot();
        PrintStream logger = listener.getLogger();
        GateSettings settings;
        GateRequest request;
        GateReport report;
        try {
            settings = new GateSettings(step, global);
            GateRequest.Builder builder = settings.request(step);
            addIndicators(step, workspace, env, builder);
            addSuppressions(step, global, workspace, env, builder);
            request = builder.build();
            report = GateRun.run(request,
                    () -> settings.clientConfig(DatadogKeyCredentials.resolve(run, settings.apiKeyCredentialsId,
                            settings.appKeyCredentialsId)),
                    global.cache(),
                    count -> logger.println(Messages.GateExecution_Start(count)),
                    new PeriodicProgress(Duration.ofSeconds(5),
                            (done, total) -> logger.println(Messages.GateExecution_Progress(done, total))));
        } catch (ConfigurationException e) {
            throw new AbortException(e.getMessage());
        }
        GlobalSuppressionLog.unused(run, request.suppressions(),
                report.results().stream().map(IndicatorReport::indicator).toList());
        IocLookupAction action = IocLookupAction.record(run, report, settings.recordOrganizationData, settings.siteName(),
                TextSummary.noticeLines(report));
        List<IndicatorReport> shown = report.results().size() <= ALL_LINES_UP_TO ? report.results()
                : report.worstFirst().stream().filter(r -> r.policyVerdict() != Verdict.PASS).toList();
        shown.stream().limit(MAX_LINES).forEach(result -> {
            logger.println(TextSummary.line(result));
            String explanation = TextSummary.explanationLine(result);
            if (explanation != null) {
                logger.println(explanation);
            }
        });
        if (shown.size() > MAX_LINES) {
            logger.println(Messages.GateExecution_More(shown.size() - MAX_LINES));
        }
        logger.println(TextSummary.overall(report));
        // A stop fails the build (or marks it unstable) with the cause as its message: said there, not twice.
        report.notices().stream()
                .filter(notice -> notice.kind() != Notice.Kind.STOPPED || report.verdict() == Verdict.PASS)
                .forEach(notice -> logger.println(TextSummary.safe(notice.line())));
        if (report.notices().stream().anyMatch(n -> n.kind() == Notice.Kind.NO_THRESHOLD)) {
            logger.println(Messages.GateExecution_NoThresholdHint());
        }
        TextSummary.suppressionLines(report).forEach(logger::println);
        logger.println(Messages.GateExecution_Details(action.getAbsoluteUrl()));
        return new Outcome(report, action);
    }

    /** The report and where it is shown. */
    record Outcome(GateReport report, IocLookupAction action) {
        /**
         * Does to the build what the verdict says: FAILURE throws, with the reason, unless {@code
         * returnOnFailure}, which marks the build FAILURE and returns instead, so that the script can read the
         * results; UNSTABLE marks the build unstable. The result and message of a build so marked are passed on
         * (Pipeline puts them on the step's flow node).
         */
        void applyTo(Run<?, ?> run, TaskListener listener, boolean returnOnFailure, BiConsumer<Result, String> onMarked)
                throws AbortException {
            Verdict verdict = report.verdict();
            if (verdict == Verdict.FAILURE && !returnOnFailure) {
                throw new AbortException(Messages.GateExecution_Failure(firstReason(verdict)));
            }
            if (verdict == Verdict.FAILURE || verdict == Verdict.UNSTABLE) {
                Result result = verdict == Verdict.FAILURE ? Result.FAILURE : Result.UNSTABLE;
                String message = verdict == Verdict.FAILURE ? Messages.GateExecution_Failure(firstReason(verdict))
                        : Messages.GateExecution_Unstable(firstReason(verdict));
                listener.getLogger().println(message);
                run.setResult(result);
                onMarked.accept(result, message);
            }
        }

        private String firstReason(Verdict verdict) {
            Notice stop = report.stop();
            if (stop != null) {
                // The cause, not the first indicator's reason (which may only refer to it).
                return TextSummary.safe(stop.text());
            }
            List<IndicatorReport> matching = report.results().stream().filter(r -> r.verdict() == verdict).toList();
            if (matching.isEmpty()) {
                return expiredReason();
            }
            IndicatorReport first = matching.get(0);
            return TextSummary.safe(first.indicator()) + ": " + TextSummary.safe(first.reason()) + more(matching.size());
        }

        /** Only expired suppressions can give the build a verdict that none of its results has. */
        private String expiredReason() {
            List<Suppression> expired = report.suppressions().expired();
            if (expired.isEmpty()) {
                return "";
            }
            Suppression first = expired.get(0);
            return Messages.GateExecution_SuppressionExpired(TextSummary.safe(first.pattern().toString()),
                    TextSummary.safe(first.source()), first.expires()) + more(expired.size());
        }

        private static String more(int count) {
            return count > 1 ? " " + Messages.GateExecution_More(count - 1) : "";
        }
    }

    /** The step's indicators and its file's, read (and extracted from) on the agent; core gathers and checks them. */
    private static void addIndicators(LookupParameters step, @CheckForNull FilePath workspace, @CheckForNull EnvVars env,
            GateRequest.Builder request) throws IOException, InterruptedException {
        List<String> indicators = new ArrayList<>();
        if (step.getIndicator() != null) {
            indicators.add(expand(step.getIndicator(), env));
        }
        if (step.moreIndicators() != null) {
            indicators.addAll(IndicatorLines.parse(expand(step.moreIndicators(), env)));
        }
        step.listedIndicators().forEach(entry -> indicators.add(IndicatorLines.plain(expand(entry, env))));
        request.indicators(indicators).extract(step.isExtract());
        if (step.getFile() != null) {
            String file = expand(step.getFile(), env).trim();
            if (file.isEmpty()) {
                // workspace.child("") is the workspace itself
                throw new AbortException(Messages.GateExecution_FileExpandsToNothing(step.getFile()));
            }
            request.extraction(file, WorkspaceFiles.indicators(workspace, file, step.isExtract()));
        }
    }

    /**
     * The global list, then the step's file; judged on today's date in UTC, so that an entry expires at
     * the same moment on every controller.
     */
    private static void addSuppressions(LookupParameters step, DatadogIocConfiguration global,
            @CheckForNull FilePath workspace, @CheckForNull EnvVars env, GateRequest.Builder request)
            throws IOException, InterruptedException {
        List<Suppression> own = List.of();
        if (step.getSuppressions() != null) {
            String file = expand(step.getSuppressions(), env).trim();
            if (file.isEmpty()) {
                throw new AbortException(Messages.GateExecution_SuppressionsExpandToNothing(step.getSuppressions()));
            }
            own = WorkspaceFiles.suppressions(workspace, file);
        }
        request.suppressions(global.suppressionList(), own)
                .today(LocalDate.now(ZoneOffset.UTC))
                .onExpired(step.isFailOnExpiredSuppressions() ? Verdict.FAILURE : Verdict.PASS);
    }

    private static String expand(String value, @CheckForNull EnvVars env) {
        return env == null ? value : env.expand(value);
    }
}
