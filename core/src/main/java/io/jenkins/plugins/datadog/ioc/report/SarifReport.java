package io.jenkins.plugins.datadog.ioc.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.ProductInfo;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.json.JsonTrees;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The report as SARIF 2.1.0, for code scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).
 * SARIF lists findings, so only indicators the policy does not pass are results; a suppressed one is
 * still a result, marked with SARIF's own {@code suppressions} so that viewers show it as accepted.
 * Without a location (indicators given as a list rather than extracted from files) a result has none:
 * SARIF allows that, though GitHub code scanning needs one.
 */
public final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/jenkinsci/datadog-ioc-lookup-plugin";
    /** Names the fingerprint's recipe, so that a new recipe can come with a new name. */
    static final String FINGERPRINT = "iocIndicator/v1";

    private static final JsonNodeFactory NODES = JsonTrees.nodes();
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:/.*");

    /** The rules, worst first; a result's {@code ruleIndex} is its rule's place here. */
    private static final List<Rule> RULES = List.of(
            new Rule(Verdict.FAILURE, "error", "8.0", "Indicator of compromise fails the build",
                    "Datadog's IoC Explorer scores the indicator at or above the failure threshold, or the gate is"
                            + " configured to fail the build on its outcome (not found, lookup error)."),
            new Rule(Verdict.UNSTABLE, "warning", "5.0", "Indicator of compromise makes the build unstable",
                    "Datadog's IoC Explorer scores the indicator at or above the unstable threshold, or the gate is"
                            + " configured to mark the build unstable on its outcome (not found, lookup error)."),
            new Rule(Verdict.PASS, "note", null, "Indicator of compromise passes",
                    "The indicator is below the thresholds, or unknown to Datadog's IoC Explorer. Not reported as a"
                            + " result: the JSON report lists every indicator."));

    private record Rule(Verdict verdict, String level, String securitySeverity, String shortText, String fullText) {
        String id() {
            return "ioc/" + verdict.name().toLowerCase(Locale.ROOT);
        }
    }

    private SarifReport() {}

    public static String render(GateReport report) {
        return ((StreamedReport) SarifReport::write).render(report);
    }

    /** Writes the report straight to {@code out}, without the whole text in memory first; leaves it open. */
    public static void write(GateReport report, Writer out) throws IOException {
        JsonTrees.write(toTree(report), out);
        out.write(System.lineSeparator());
    }

    public static ObjectNode toTree(GateReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", ProductInfo.NAME);
        driver.put("version", ProductInfo.VERSION);
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rules = driver.putArray("rules");
        RULES.forEach(rule -> rules.add(rule(rule)));
        ObjectNode invocation = run.putArray("invocations").addObject();
        // Failed lookups are results of their own, not a failed execution; a run that stopped because
        // Datadog was unusable did not run to its end.
        invocation.put("executionSuccessful", report.stop() == null);
        ArrayNode notifications = notifications(report.suppressions());
        if (!notifications.isEmpty()) {
            invocation.set("toolConfigurationNotifications", notifications);
        }
        ArrayNode execution = NODES.arrayNode();
        for (Notice notice : report.notices()) {
            notification(execution, switch (notice.kind()) {
                case STOPPED -> "error";
                case NO_THRESHOLD -> "warning";
                case NOTHING_TO_CHECK -> "note";
            }, notice.text());
        }
        if (!execution.isEmpty()) {
            invocation.set("toolExecutionNotifications", execution);
        }
        ArrayNode results = run.putArray("results");
        report.results().stream().filter(r -> r.policyVerdict() != Verdict.PASS).forEach(r -> results.add(result(r)));
        ObjectNode properties = run.putObject("properties");
        properties.put("verdict", report.verdict().name());
        properties.setAll(JsonReport.summary(report));
        properties.set("notices", JsonReport.notices(report));
        return root;
    }

    private static ObjectNode rule(Rule rule) {
        ObjectNode node = NODES.objectNode();
        node.put("id", rule.id());
        node.putObject("shortDescription").put("text", rule.shortText());
        node.putObject("fullDescription").put("text", rule.fullText());
        node.putObject("help").put("text", "Look the indicator up in Datadog's IoC Explorer. If it is malicious, find"
                + " out how it came into the build and remove it. If it is an accepted risk, suppress it with a reason"
                + " and an expiry date.");
        node.putObject("defaultConfiguration").put("level", rule.level());
        ObjectNode properties = node.putObject("properties");
        properties.putArray("tags").add("security");
        if (rule.securitySeverity() != null) {
            // GitHub code scanning ranks security alerts by it (7.0 and up: high, 4.0 and up: medium).
            properties.put("security-severity", rule.securitySeverity());
        }
        return node;
    }

    private static ObjectNode result(IndicatorReport report) {
        LookupResult lookup = report.lookup();
        int index = ruleIndex(report.policyVerdict());
        Rule rule = RULES.get(index);
        ObjectNode node = NODES.objectNode();
        node.put("ruleId", rule.id());
        node.put("ruleIndex", index);
        node.put("level", rule.level());
        String explanation = ReportText.explanation(report);
        node.putObject("message").put("text", text(report.indicator() + " (" + TextSummary.outcome(lookup) + "): "
                + report.reason() + (explanation == null ? "" : ". " + explanation)));
        if (report.location() != null) {
            node.putArray("locations").add(location(report.location()));
        }
        node.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(rule.id(), report.indicator()));
        if (ReportText.accepted(report)) {
            // Code scanning closes suppressed alerts, so only a suppression down to PASS is one; a cap at
            // UNSTABLE still counts against the build and stays open (properties.suppression tells of it).
            ObjectNode suppression = node.putArray("suppressions").addObject();
            suppression.put("kind", "external");
            suppression.put("status", "accepted");
            suppression.put("justification", report.appliedSuppression().reason());
        }
        ObjectNode properties = node.putObject("properties");
        properties.put("indicator", report.indicator());
        properties.put("status", lookup.status().name());
        properties.put("score", lookup.score());
        properties.put("verdict", report.verdict().name());
        properties.put("policyVerdict", report.policyVerdict().name());
        properties.put("indicatorType", lookup.details() == null ? null : lookup.details().indicatorType());
        if (lookup.errorMessage() != null) {
            properties.put("error", lookup.errorMessage());
        }
        if (report.suppression() != null) {
            properties.set("suppression", JsonReport.suppression(report.suppression()));
        }
        if (report.location() != null) {
            properties.put("occurrences", report.location().occurrences());
            if (report.location().written() != null) {
                properties.put("written", report.location().written());
            }
        }
        return node;
    }

    private static int ruleIndex(Verdict verdict) {
        for (int i = 0; i < RULES.size(); i++) {
            if (RULES.get(i).verdict() == verdict) {
                return i;
            }
        }
        throw new IllegalArgumentException("no rule for " + verdict);
    }

    private static ObjectNode location(Location where) {
        ObjectNode location = NODES.objectNode();
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        String path = where.file().replace('\\', '/');
        URI absolute = absolute(path);
        if (absolute != null) {
            artifact.put("uri", absolute.toASCIIString());
        } else {
            artifact.put("uri", relative(path));
            artifact.put("uriBaseId", "%SRCROOT%");
        }
        ObjectNode region = physical.putObject("region");
        region.put("startLine", Math.max(1, where.line()));
        region.put("startColumn", Math.max(1, where.column()));
        return location;
    }

    /**
     * {@code /srv/app.yaml}, {@code C:/src/app.yaml} and {@code //server/share/app.yaml} as {@code file:} URIs;
     * {@code null} for a relative path.
     */
    static URI absolute(String path) {
        try {
            if (path.startsWith("//")) {
                int slash = path.indexOf('/', 2);
                String host = slash < 0 ? path.substring(2) : path.substring(2, slash);
                return new URI("file", host, slash < 0 ? "/" : path.substring(slash), null, null);
            }
            if (path.startsWith("/")) {
                return new URI("file", "", path, null, null);
            }
            if (WINDOWS_DRIVE.matcher(path).matches()) {
                return new URI("file", "", '/' + path, null, null);
            }
            return null;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    /** A relative path as a relative URI reference: {@code config/my app.yaml} is {@code config/my%20app.yaml}. */
    static String relative(String path) {
        // A colon in the first segment would read as a scheme (c:x.yaml), so such a path starts with ./ then.
        int colon = path.indexOf(':');
        int slash = path.indexOf('/');
        String safe = colon >= 0 && (slash < 0 || colon < slash) ? "./" + path : path;
        try {
            return new URI(null, null, safe, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    /** Stable across runs and machines, so that code scanning recognizes the same finding again. */
    static String fingerprint(String ruleId, String indicator) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((ruleId + '\n' + indicator.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Expired entries and unused ones, the messages the text summary prints for them. */
    private static ArrayNode notifications(SuppressionSummary suppressions) {
        ArrayNode notifications = NODES.arrayNode();
        String expiredLevel = suppressions.onExpired() == Verdict.FAILURE ? "error" : "warning";
        String effect = ReportText.expiredEffect(suppressions.onExpired());
        for (Suppression entry : suppressions.expired()) {
            notification(notifications, expiredLevel, ReportText.expired(entry) + (effect.isEmpty() ? "" : "; " + effect));
        }
        for (Suppression entry : suppressions.unused()) {
            notification(notifications, "note", ReportText.unused(entry));
        }
        return notifications;
    }

    private static void notification(ArrayNode notifications, String level, String message) {
        ObjectNode node = notifications.addObject();
        node.put("level", level);
        node.putObject("message").put("text", text(message.endsWith(".") ? message : message + '.'));
    }

    /**
     * Message text for viewers: no control characters, and brackets escaped as SARIF asks of plain text
     * so that none reads as an embedded link.
     */
    static String text(String value) {
        return TextSummary.safe(value).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }
}
