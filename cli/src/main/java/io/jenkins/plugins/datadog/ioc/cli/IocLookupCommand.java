package io.jenkins.plugins.datadog.ioc.cli;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.ApiKeys;
import io.jenkins.plugins.datadog.ioc.client.DatadogSite;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.client.LookupOptions;
import io.jenkins.plugins.datadog.ioc.client.ProductInfo;
import io.jenkins.plugins.datadog.ioc.gate.GateRequest;
import io.jenkins.plugins.datadog.ioc.gate.GateRun;
import io.jenkins.plugins.datadog.ioc.gate.PeriodicProgress;
import io.jenkins.plugins.datadog.ioc.gate.ProgressListener;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.TextSummary;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ioc-lookup}: the security gate on the command line, for any CI system or shell. */
@Command(
        name = "ioc-lookup",
        mixinStandardHelpOptions = true,
        versionProvider = IocLookupCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Looks indicators of compromise (IP addresses, domains, URLs, user agents...) up in Datadog Cloud SIEM's "
                    + "IoC Explorer and gates on their threat score (0-100).",
            "Keys come from DD_API_KEY and DD_APP_KEY, or from --api-key-file and --app-key-file; never from the "
                    + "command line."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:PASS", "3:UNSTABLE", "1:FAILURE (or an unexpected fault)",
            "2:usage or configuration error (missing key, bad threshold, unknown site, no indicator given, unreadable "
                    + "or malformed file, a report that cannot be written)"
        })
public final class IocLookupCommand implements Callable<Integer> {
    static final int EXIT_PASS = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNSTABLE = 3;
    private static final GateRequest.Wording WORDING = new GateRequest.Wording(
            "pass indicators as arguments or with --file", "");

    @Parameters(paramLabel = "INDICATOR", arity = "0..*", description = "Indicators to look up.")
    private List<String> indicators = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Indicators, one per line; blank lines and '#' comments are ignored; defanged ones "
                    + "(evil[.]example, hxxps://...) are looked up plainly; '-' reads stdin. Repeatable.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--extract",
            description = "Find IP addresses, domains and URLs (as their host), defanged ones too, in the --file texts "
                    + "instead of reading one indicator per line.")
    private boolean extract;

    @Option(names = "--include-private",
            description = "With --extract, keep private, reserved and loopback addresses and local names.")
    private boolean includePrivate;

    @Option(names = "--site", paramLabel = "SITE",
            description = "Datadog site (default: $DD_SITE, else datadoghq.com). One of: ${sys:ioc.sites}.")
    private String site;

    @Option(names = "--base-url", paramLabel = "URL", description = "API base URL, for a proxy or gateway; overrides --site.")
    private String baseUrl;

    @Option(names = "--unstable-threshold", paramLabel = "N", description = "Score (0-100) at or above which the result is UNSTABLE.")
    private Double unstableThreshold;

    @Option(names = "--fail-threshold", paramLabel = "N", description = "Score (0-100) at or above which the result is FAILURE.")
    private Double failThreshold;

    @Option(names = "--on-not-found", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict for an indicator Datadog does not know: pass, unstable or failure (default: pass).")
    private Verdict onNotFound = GatePolicy.DEFAULT_ON_NOT_FOUND;

    @Option(names = "--on-error", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict for a lookup that failed: pass, unstable or failure (default: failure).")
    private Verdict onError = GatePolicy.DEFAULT_ON_ERROR;

    @Option(names = "--on-malicious-source", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict when any source flags an indicator as malicious, whatever its score.")
    private Verdict onMaliciousSource;

    @Option(names = "--category", paramLabel = "CATEGORY",
            description = "A threat category that makes an indicator fail (see --on-category). Repeatable.")
    private List<String> categories = new ArrayList<>();

    @Option(names = "--on-category", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict for an indicator in one of the --category categories (default: failure).")
    private Verdict onCategory = Verdict.FAILURE;

    @Option(names = "--on-signal", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict when Datadog matched an indicator to security signals in your organization.")
    private Verdict onSignal;

    @Option(names = "--min-signal-severity", paramLabel = "SEVERITY",
            description = "With --on-signal, only signals of this severity or above count: info, low, medium, high "
                    + "or critical (default: any).")
    private String minSignalSeverity;

    @Option(names = "--on-critical-asset", paramLabel = "VERDICT", converter = VerdictConverter.class,
            description = "Verdict when an indicator touches critical assets of your organization.")
    private Verdict onCriticalAsset;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Overall deadline per lookup, retries included (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds = (int) IocClientConfig.DEFAULT_TIMEOUT.toSeconds();

    /** docs/performance.md measures why 8. */
    @Option(names = "--concurrency", paramLabel = "N",
            description = "Lookups under way at once, within Datadog's rate limit (default: ${DEFAULT-VALUE}).")
    private int concurrency = 8;

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "Accepted risks (docs/suppressions.md): matching indicators are still reported, with their "
                    + "verdict capped. Repeatable.")
    private List<Path> suppressionFiles = new ArrayList<>();

    @Option(names = "--fail-on-expired-suppressions",
            description = "An expired suppression fails the run instead of only being warned about.")
    private boolean failOnExpiredSuppressions;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text, json, markdown, junit (JUnit XML) or sarif (SARIF 2.1.0) (default: text).")
    private ReportFormat format = ReportFormat.TEXT;

    @Option(names = {"-o", "--output"}, paramLabel = "[FORMAT:]FILE",
            description = "Also write the report to FILE, in FORMAT if given, else JSON for *.json, Markdown for *.md, "
                    + "JUnit XML for *.xml, SARIF for *.sarif, else as --format. Repeatable.")
    private List<String> outputs = new ArrayList<>();

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the Datadog API key.")
    private Path apiKeyFile;

    @Option(names = "--app-key-file", paramLabel = "FILE", description = "File holding the Datadog application key.")
    private Path appKeyFile;

    @Option(names = "--include-triage-history", description = "Ask Datadog for the triage history.")
    private Boolean includeTriageHistory;

    @Option(names = "--triage-history-limit", paramLabel = "N", description = "At most N triage history entries.")
    private Integer triageHistoryLimit;

    @Option(names = "--triage-history-offset", paramLabel = "N", description = "Skip N triage history entries.")
    private Integer triageHistoryOffset;

    @Option(names = "--ocsf", description = "Ask Datadog for the OCSF representation.")
    private Boolean ocsf;

    @Option(names = "--progress", negatable = true,
            description = "Progress on stderr (default: when run in a terminal and there are several indicators).")
    private Boolean progress;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final InputStream stdin;

    /**
     * Core logs what a controller's administrator should see of many gates at once (429s, waits for the
     * rate limit, the cache at work); a CLI run reports on its own output and stays quiet there. Held in a
     * field: the logging framework keeps its loggers, and so their levels, only weakly.
     */
    private static final Logger CORE_LOG = Logger.getLogger("io.jenkins.plugins.datadog.ioc");

    IocLookupCommand(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        CORE_LOG.setLevel(Level.OFF);
        System.exit(commandLine(System.getenv(), System.in).execute(args));
    }

    static CommandLine commandLine(Map<String, String> env, InputStream stdin) {
        System.setProperty("ioc.sites", DatadogSite.validDomains());
        CommandLine commandLine = new CommandLine(new IocLookupCommand(env, stdin));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigurationException) {
                cmd.getErr().println("ioc-lookup: " + e.getMessage());
                return EXIT_USAGE;
            }
            cmd.getErr().println("ioc-lookup: unexpected failure: " + e);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        GateRequest request = request();
        List<ReportTarget> targets = outputs.stream().map(o -> ReportTarget.parse(o, format)).toList();
        // Decided once the indicators are gathered: when asked, else when interactive and there are several.
        AtomicBoolean showProgress = new AtomicBoolean();
        ProgressListener periodic = new PeriodicProgress(Duration.ofSeconds(1), this::printProgress);
        // No cache: within one run duplicates are looked up once anyway.
        GateReport report = GateRun.run(request, () -> clientConfig(KeySource.load(apiKeyFile, appKeyFile, env)), null,
                gathered -> showProgress.set(progress != null ? progress : System.console() != null && gathered > 1),
                (done, total, latest) -> {
                    if (showProgress.get()) {
                        periodic.finished(done, total, latest);
                    }
                });
        if (showProgress.get()) {
            printProgress(report.results().size(), report.results().size());
        }
        try {
            format.write(report, spec.commandLine().getOut());
        } catch (IOException e) {
            throw new ConfigurationException("cannot write the report to standard output (" + e.getMessage() + ").");
        }
        printNotices(report);
        for (ReportTarget target : targets) {
            writeReport(report, target);
        }
        return switch (report.verdict()) {
            case PASS -> EXIT_PASS;
            case UNSTABLE -> EXIT_UNSTABLE;
            case FAILURE -> EXIT_FAILURE;
        };
    }

    /** The options as core's one gate request, which checks them; files are read here, as the user named them. */
    private GateRequest request() {
        // Combinations of options that only the command line has.
        if (includePrivate && !extract) {
            throw new ConfigurationException("--include-private only applies with --extract.");
        }
        if (failOnExpiredSuppressions && suppressionFiles.isEmpty()) {
            throw new ConfigurationException("--fail-on-expired-suppressions only applies with --suppressions.");
        }
        GateRequest.Builder request = GateRequest.builder(WORDING)
                .indicators(indicators)
                .extract(extract)
                .includePrivate(includePrivate);
        for (String file : new LinkedHashSet<>(files)) {
            // standard input is no place a report could point at
            request.text(file.equals("-") ? null : file, IndicatorInput.readText(file, stdin));
        }
        List<Suppression> entries = new ArrayList<>();
        for (Path file : new LinkedHashSet<>(suppressionFiles)) {
            entries.addAll(SuppressionFile.read(file, file.toString()));
        }
        return request.suppressions(List.of(), entries)
                .today(LocalDate.now(ZoneOffset.UTC))
                .onExpired(failOnExpiredSuppressions ? Verdict.FAILURE : Verdict.PASS)
                .unstableThreshold(unstableThreshold)
                .failThreshold(failThreshold)
                .onNotFound(onNotFound)
                .onError(onError)
                .onMaliciousSource(onMaliciousSource)
                .categories(categories)
                .onCategory(onCategory)
                .onSignal(onSignal)
                .minSignalSeverity(minSignalSeverity)
                .onCriticalAsset(onCriticalAsset)
                .options(new LookupOptions(ocsf, includeTriageHistory, triageHistoryLimit, triageHistoryOffset))
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .concurrency(concurrency)
                .build();
    }

    /** The client's settings; the gate request adds the timeout and the concurrency. */
    private IocClientConfig.Builder clientConfig(ApiKeys keys) {
        IocClientConfig.Builder builder = IocClientConfig.builder(keys);
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        } else {
            String chosen = site != null ? site : env.get("DD_SITE");
            builder.site(chosen == null || chosen.isBlank() ? DatadogSite.DEFAULT : DatadogSite.fromDomain(chosen));
        }
        return builder;
    }

    /**
     * The run's notices on stderr as well, unless standard output is the text report, which already says
     * them: a stop cause or a missing threshold must not hide behind a JSON or SARIF report.
     */
    private void printNotices(GateReport report) {
        if (format == ReportFormat.TEXT) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String line : TextSummary.noticeLines(report)) {
            err.println("ioc-lookup: " + line);
        }
        err.flush();
    }

    private void printProgress(int done, int total) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("ioc-lookup: %d/%d indicators looked up%n", done, total);
        err.flush();
    }

    private void writeReport(GateReport report, ReportTarget target) {
        Path output = target.file();
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                target.format().write(report, out);
            }
        } catch (IOException e) {
            throw new ConfigurationException("--output: cannot write " + output + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ").");
        }
    }

    /** Reads {@code pass}, {@code unstable}, {@code failure} in any case. */
    static final class VerdictConverter implements CommandLine.ITypeConverter<Verdict> {
        @Override
        public Verdict convert(String value) {
            try {
                return Verdict.parse(value, "The verdict");
            } catch (ConfigurationException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The product version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ProductInfo.NAME + ' ' + ProductInfo.VERSION};
        }
    }
}
