package io.jenkins.plugins.datadog.ioc.report;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
        return ((StreamedReport) JsonReport::write).render(report);
    }

    /**
     * Writes the report straight to {@code out}; leaves it open. The results, most of the report, are
     * written field by field as they are read, never built as a tree first: that took a third of the
     * report's time in a CLI run of 2,000 lookups.
     */
    public static void write(GateReport report, Writer out) throws IOException {
        try (JsonGenerator json = JsonTrees.generator(out)) {
            json.writeStartObject();
            json.writeNumberField("format_version", FORMAT_VERSION);
            json.writeStringField("generator", ProductInfo.NAME + ' ' + ProductInfo.VERSION);
            json.writeStringField("verdict", report.verdict().name());
            json.writeFieldName("summary");
            JsonTrees.write(summary(report), json);
            json.writeNumberField("duration_ms", report.duration().toMillis());
            json.writeFieldName("suppressions");
            JsonTrees.write(suppressions(report.suppressions()), json);
            json.writeFieldName("notices");
            JsonTrees.write(notices(report), json);
            json.writeArrayFieldStart("results");
            for (IndicatorReport result : report.results()) {
                result(result, json);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write(System.lineSeparator());
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

    /** What the run says once: {@code [{"kind": "stopped", "text": "..."}]}; the SARIF report's run carries it too. */
    static ArrayNode notices(GateReport report) {
        ArrayNode notices = NODES.arrayNode();
        for (Notice notice : report.notices()) {
            ObjectNode node = notices.addObject();
            node.put("kind", notice.kind().jsonName());
            node.put("text", notice.text());
        }
        return notices;
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
        if (where.written() != null) {
            node.put("written", where.written());
        }
        return node;
    }

    private static void result(IndicatorReport report, JsonGenerator json) throws IOException {
        LookupResult lookup = report.lookup();
        json.writeStartObject();
        json.writeStringField("indicator", lookup.indicator());
        json.writeStringField("status", lookup.status().name());
        number(json, "score", lookup.score());
        json.writeStringField("verdict", report.verdict().name());
        json.writeStringField("policy_verdict", report.policyVerdict().name());
        json.writeBooleanField("suppressed", report.suppressed());
        json.writeStringField("reason", report.reason());
        json.writeStringField("error", lookup.errorMessage());
        json.writeNumberField("attempts", lookup.attempts());
        json.writeNumberField("duration_ms", lookup.duration().toMillis());
        json.writeBooleanField("cached", lookup.cached());
        if (report.suppression() != null) {
            json.writeFieldName("suppression");
            JsonTrees.write(suppression(report.suppression()), json);
        }
        if (report.location() != null) {
            json.writeFieldName("location");
            JsonTrees.write(location(report.location()), json);
        }
        if (lookup.details() != null) {
            explanation(lookup.details(), json);
            json.writeFieldName("datadog");
            datadog(lookup.details(), json);
        }
        json.writeEndObject();
    }

    /** Additive fields: the scoring factors in words, and the triage state and date (never who triaged). */
    private static void explanation(IndicatorDetails d, JsonGenerator json) throws IOException {
        List<ScoreExplanation.Factor> factors = ScoreExplanation.of(d);
        if (!factors.isEmpty()) {
            json.writeArrayFieldStart("score_factors");
            for (ScoreExplanation.Factor factor : factors) {
                json.writeStartObject();
                json.writeStringField("factor", factor.field());
                json.writeStringField("effect", factor.effect());
                json.writeStringField("text", factor.text());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        String triage = ScoreExplanation.triage(d);
        if (triage != null) {
            json.writeObjectFieldStart("triage");
            json.writeStringField("state", d.triageState());
            putIfSet(json, "triaged_at", d.triagedAt());
            json.writeStringField("text", triage);
            json.writeEndObject();
        }
    }

    private static void datadog(IndicatorDetails d, JsonGenerator json) throws IOException {
        json.writeStartObject();
        putIfSet(json, "id", d.id());
        putIfSet(json, "indicator", d.indicator());
        putIfSet(json, "indicator_type", d.indicatorType());
        if (d.score() != null) {
            number(json, "score", d.score());
        }
        putIfSet(json, "first_seen", d.firstSeen());
        putIfSet(json, "last_seen", d.lastSeen());
        sources(json, "malicious_sources", d.maliciousSources());
        sources(json, "suspicious_sources", d.suspiciousSources());
        sources(json, "benign_sources", d.benignSources());
        strings(json, "categories", d.categories());
        strings(json, "tags", d.tags());
        putIfSet(json, "log_matches", d.logMatches());
        putIfSet(json, "signal_matches", d.signalMatches());
        putIfSet(json, "signal_tier", d.signalTier());
        json.writeArrayFieldStart("signal_severity");
        for (IndicatorDetails.SeverityCount s : d.signalSeverity()) {
            json.writeStartObject();
            putIfSet(json, "severity", s.severity());
            putIfSet(json, "count", s.count());
            json.writeEndObject();
        }
        json.writeEndArray();
        strings(json, "log_sources", d.logSources());
        strings(json, "hosts", d.hosts());
        strings(json, "services", d.services());
        strings(json, "critical_assets", d.criticalAssets());
        json.writeObjectFieldStart("users");
        for (Map.Entry<String, List<String>> category : d.users().entrySet()) {
            strings(json, category.getKey(), category.getValue());
        }
        json.writeEndObject();
        putIfSet(json, "as_number", d.asNumber());
        putIfSet(json, "as_organization", d.asOrganization());
        putIfSet(json, "as_type", d.asType());
        putIfSet(json, "as_cidr_block", d.asCidrBlock());
        if (d.asGeo() != null) {
            json.writeObjectFieldStart("as_geo");
            putIfSet(json, "city", d.asGeo().city());
            putIfSet(json, "country_code", d.asGeo().countryCode());
            putIfSet(json, "country_name", d.asGeo().countryName());
            json.writeEndObject();
        }
        putIfSet(json, "m_as_type", d.mAsType());
        putIfSet(json, "m_persistence", d.mPersistence());
        putIfSet(json, "m_signal", d.mSignal());
        putIfSet(json, "m_sources", d.mSources());
        putIfSet(json, "max_trust_score", d.maxTrustScore());
        putIfSet(json, "triage_state", d.triageState());
        putIfSet(json, "triaged_at", d.triagedAt());
        putIfSet(json, "triaged_by", d.triagedBy());
        json.writeArrayFieldStart("triage_history");
        for (IndicatorDetails.TriageEntry t : d.triageHistory()) {
            json.writeStartObject();
            putIfSet(json, "triage_state", t.triageState());
            putIfSet(json, "triaged_at", t.triagedAt());
            putIfSet(json, "triaged_by", t.triagedBy());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (d.additionalDataJson() != null) {
            json.writeFieldName("additional_data");
            JsonTrees.write(parse(d.additionalDataJson()), json);
        }
        json.writeEndObject();
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode tree = JsonTrees.read(json);
            return tree == null ? NODES.textNode(json) : tree;
        } catch (IOException e) {
            return NODES.textNode(json);
        }
    }

    private static void number(JsonGenerator json, String field, Double value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value.doubleValue());
        }
    }

    private static void putIfSet(JsonGenerator json, String field, Object value) throws IOException {
        if (value instanceof String s) {
            json.writeStringField(field, s);
        } else if (value instanceof Long l) {
            json.writeNumberField(field, l.longValue());
        } else if (value instanceof Instant i) {
            json.writeStringField(field, i.toString());
        }
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void sources(JsonGenerator json, String field, List<String> names) throws IOException {
        json.writeArrayFieldStart(field);
        for (String name : names) {
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
