package io.jenkins.plugins.datadog.ioc.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.client.ProductInfo;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.json.JsonTrees;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * The report's documented JSON form (docs/report-format.md). Built field by field rather than by
 * reflection, so that renaming a Java field can never change the format silently. Datadog's fields
 * keep the API's own names under {@code datadog}.
 */
public final class JsonReport {
    /** Raised when the format changes incompatibly. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonNodeFactory NODES = JsonTrees.nodes();

    private JsonReport() {}

    public static String render(GateReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Writes the report straight to {@code out}, without the whole text in memory first; leaves it open. */
    public static void write(GateReport report, Writer out) throws IOException {
        JsonTrees.write(toTree(report), out);
        out.write(System.lineSeparator());
    }

    public static ObjectNode toTree(GateReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("generator", ProductInfo.NAME + ' ' + ProductInfo.VERSION);
        root.put("verdict", report.verdict().name());
        root.set("summary", summary(report));
        root.put("duration_ms", report.duration().toMillis());
        root.set("suppressions", suppressions(report.suppressions()));
        ArrayNode results = root.putArray("results");
        report.results().forEach(r -> results.add(result(r)));
        return root;
    }

    /** The counts, which the SARIF report's run carries too. */
    static ObjectNode summary(GateReport report) {
        ObjectNode summary = NODES.objectNode();
        summary.put("indicators", report.results().size());
        for (LookupStatus status : LookupStatus.values()) {
            summary.put(status.name().toLowerCase(java.util.Locale.ROOT), report.count(status));
        }
        for (Verdict verdict : Verdict.values()) {
            summary.put(verdict.name().toLowerCase(java.util.Locale.ROOT), report.count(verdict));
        }
        summary.put("cached", report.cachedCount());
        summary.put("skipped", report.skipped());
        summary.put("worst_score", report.worstScore());
        summary.put("suppressed", report.suppressedCount());
        return summary;
    }

    private static ObjectNode suppressions(SuppressionSummary suppressions) {
        ObjectNode node = NODES.objectNode();
        node.put("entries", suppressions.entries());
        node.put("on_expired", suppressions.onExpired().name());
        ArrayNode expired = node.putArray("expired");
        suppressions.expired().forEach(entry -> expired.add(entry(entry, true)));
        ArrayNode unused = node.putArray("unused");
        suppressions.unused().forEach(entry -> unused.add(entry(entry, false)));
        return node;
    }

    /** The suppression that matched a result, as the SARIF report's results carry it too. */
    static ObjectNode suppression(SuppressionMatch match) {
        return entry(match.suppression(), match.expired());
    }

    private static ObjectNode entry(Suppression entry, boolean expired) {
        ObjectNode node = NODES.objectNode();
        node.put("indicator", entry.pattern().toString());
        node.put("reason", entry.reason());
        node.put("expires", entry.expires() == null ? null : entry.expires().toString());
        node.put("max_verdict", entry.maxVerdict().name());
        node.put("source", entry.source());
        node.put("expired", expired);
        return node;
    }

    private static ObjectNode location(Location where) {
        ObjectNode node = NODES.objectNode();
        node.put("file", where.file());
        node.put("line", where.line());
        node.put("column", where.column());
        node.put("occurrences", where.occurrences());
        return node;
    }

    private static ObjectNode result(IndicatorReport report) {
        LookupResult lookup = report.lookup();
        ObjectNode node = NODES.objectNode();
        node.put("indicator", lookup.indicator());
        node.put("status", lookup.status().name());
        node.put("score", lookup.score());
        node.put("verdict", report.verdict().name());
        node.put("policy_verdict", report.policyVerdict().name());
        node.put("suppressed", report.suppressed());
        node.put("reason", report.reason());
        node.put("error", lookup.errorMessage());
        node.put("attempts", lookup.attempts());
        node.put("duration_ms", lookup.duration().toMillis());
        node.put("cached", lookup.cached());
        if (report.suppression() != null) {
            node.set("suppression", suppression(report.suppression()));
        }
        if (report.location() != null) {
            node.set("location", location(report.location()));
        }
        if (lookup.details() != null) {
            node.set("datadog", datadog(lookup.details()));
        }
        return node;
    }

    private static ObjectNode datadog(IndicatorDetails d) {
        ObjectNode node = NODES.objectNode();
        putIfSet(node, "id", d.id());
        putIfSet(node, "indicator", d.indicator());
        putIfSet(node, "indicator_type", d.indicatorType());
        if (d.score() != null) {
            node.put("score", d.score());
        }
        putIfSet(node, "first_seen", d.firstSeen());
        putIfSet(node, "last_seen", d.lastSeen());
        sources(node, "malicious_sources", d.maliciousSources());
        sources(node, "suspicious_sources", d.suspiciousSources());
        sources(node, "benign_sources", d.benignSources());
        strings(node, "categories", d.categories());
        strings(node, "tags", d.tags());
        putIfSet(node, "log_matches", d.logMatches());
        putIfSet(node, "signal_matches", d.signalMatches());
        putIfSet(node, "signal_tier", d.signalTier());
        ArrayNode severity = node.putArray("signal_severity");
        d.signalSeverity().forEach(s -> {
            ObjectNode entry = severity.addObject();
            putIfSet(entry, "severity", s.severity());
            putIfSet(entry, "count", s.count());
        });
        strings(node, "log_sources", d.logSources());
        strings(node, "hosts", d.hosts());
        strings(node, "services", d.services());
        strings(node, "critical_assets", d.criticalAssets());
        ObjectNode users = node.putObject("users");
        d.users().forEach((category, ids) -> strings(users, category, ids));
        putIfSet(node, "as_number", d.asNumber());
        putIfSet(node, "as_organization", d.asOrganization());
        putIfSet(node, "as_type", d.asType());
        putIfSet(node, "as_cidr_block", d.asCidrBlock());
        if (d.asGeo() != null) {
            ObjectNode geo = node.putObject("as_geo");
            putIfSet(geo, "city", d.asGeo().city());
            putIfSet(geo, "country_code", d.asGeo().countryCode());
            putIfSet(geo, "country_name", d.asGeo().countryName());
        }
        putIfSet(node, "m_as_type", d.mAsType());
        putIfSet(node, "m_persistence", d.mPersistence());
        putIfSet(node, "m_signal", d.mSignal());
        putIfSet(node, "m_sources", d.mSources());
        putIfSet(node, "max_trust_score", d.maxTrustScore());
        putIfSet(node, "triage_state", d.triageState());
        putIfSet(node, "triaged_at", d.triagedAt());
        putIfSet(node, "triaged_by", d.triagedBy());
        ArrayNode history = node.putArray("triage_history");
        d.triageHistory().forEach(t -> {
            ObjectNode entry = history.addObject();
            putIfSet(entry, "triage_state", t.triageState());
            putIfSet(entry, "triaged_at", t.triagedAt());
            putIfSet(entry, "triaged_by", t.triagedBy());
        });
        if (d.additionalDataJson() != null) {
            node.set("additional_data", parse(d.additionalDataJson()));
        }
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode tree = JsonTrees.read(json);
            return tree == null ? NODES.textNode(json) : tree;
        } catch (IOException e) {
            return NODES.textNode(json);
        }
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        if (value instanceof String s) {
            node.put(field, s);
        } else if (value instanceof Long l) {
            node.put(field, l);
        } else if (value instanceof Instant i) {
            node.put(field, i.toString());
        }
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    private static void sources(ObjectNode node, String field, List<String> names) {
        ArrayNode array = node.putArray(field);
        names.forEach(name -> array.addObject().put("name", name));
    }
}
