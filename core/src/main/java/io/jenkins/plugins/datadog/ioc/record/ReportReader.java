package io.jenkins.plugins.datadog.ioc.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.datadog.ioc.client.IndicatorParser;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.json.JsonTrees;
import io.jenkins.plugins.datadog.ioc.policy.Assessment;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.report.JsonReport;
import io.jenkins.plugins.datadog.ioc.report.Notice;
import io.jenkins.plugins.datadog.ioc.report.SuppressionSummary;
import io.jenkins.plugins.datadog.ioc.suppress.IndicatorPattern;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a JSON report (docs/report-format.md, as {@link JsonReport} writes it) back into a {@link GateReport}.
 * The results are read one at a time from the stream, never the whole file as a tree, and at most
 * {@code maxResults} of them are kept: the rest are counted, so a damaged or huge file costs bounded memory.
 * Anything that does not read as the format is an {@link IOException} naming what is wrong, never a
 * result made up: a record the gate cannot trust must not look like a pass.
 */
public final class ReportReader {
    private ReportReader() {}

    /** A report read back, and how many results were left out past the limit. */
    public record Read(GateReport report, int leftOut) {}

    public static Read read(Reader in, int maxResults) throws IOException {
        try (JsonParser json = JsonTrees.parser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON report: it does not start with an object");
            }
            List<IndicatorReport> results = new ArrayList<>();
            int leftOut = 0;
            int skipped = 0;
            long durationMillis = 0;
            SuppressionSummary suppressions = SuppressionSummary.NONE;
            List<Notice> notices = List.of();
            Integer version = null;
            String verdict = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "format_version" -> version = json.getIntValue();
                    case "verdict" -> verdict = json.getText();
                    case "duration_ms" -> durationMillis = json.getLongValue();
                    case "summary" -> skipped = JsonTrees.readValue(json).path("skipped").asInt();
                    case "suppressions" -> suppressions = suppressions(JsonTrees.readValue(json));
                    case "notices" -> notices = notices(JsonTrees.readValue(json));
                    case "results" -> {
                        if (json.currentToken() != JsonToken.START_ARRAY) {
                            throw new IOException("not a JSON report: 'results' is not a list");
                        }
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            if (results.size() < maxResults) {
                                results.add(result(JsonTrees.readValue(json), results.size() + leftOut));
                            } else {
                                json.skipChildren();
                                leftOut++;
                            }
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (version == null || version != JsonReport.FORMAT_VERSION) {
                throw new IOException("not a JSON report of format version " + JsonReport.FORMAT_VERSION + " (found " + version + ")");
            }
            GateReport report = new GateReport(results, skipped, Duration.ofMillis(durationMillis), suppressions, notices);
            // Results left out may be what made it worse; all read, the verdict must follow from them.
            if (leftOut == 0 && !report.verdict().name().equals(verdict)) {
                throw new IOException("its verdict " + verdict + " does not follow from its results (" + report.verdict() + ')');
            }
            return new Read(report, leftOut);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not a JSON report: " + e.getOriginalMessage(), e);
        }
    }

    private static IndicatorReport result(JsonNode r, int index) throws IOException {
        try {
            String indicator = required(r, "indicator", index);
            LookupStatus status = LookupStatus.valueOf(required(r, "status", index));
            Duration duration = Duration.ofMillis(r.path("duration_ms").asLong());
            int attempts = r.path("attempts").asInt();
            LookupResult lookup = switch (status) {
                case FOUND -> LookupResult.found(indicator, IndicatorParser.fromIndicatorNode(r.path("datadog")), attempts, duration);
                case NOT_FOUND -> LookupResult.notFound(indicator, attempts, duration);
                case ERROR -> LookupResult.error(indicator, text(r, "error"), attempts, duration);
            };
            if (r.path("cached").asBoolean()) {
                lookup = new LookupResult(indicator, status, lookup.details(), lookup.errorMessage(), attempts, duration, true);
            }
            Assessment assessment = new Assessment(Verdict.valueOf(required(r, "policy_verdict", index)), required(r, "reason", index));
            JsonNode s = r.get("suppression");
            SuppressionMatch match = s == null ? null : new SuppressionMatch(suppression(s), s.path("expired").asBoolean());
            JsonNode l = r.get("location");
            Location location = l == null ? null : new Location(l.path("file").asText(), l.path("line").asInt(),
                    l.path("column").asInt(), l.path("occurrences").asInt(),
                    l.hasNonNull("written") ? l.get("written").asText() : null);
            IndicatorReport report = new IndicatorReport(lookup, assessment, match, location);
            if (!report.verdict().name().equals(text(r, "verdict"))) {
                throw new IOException("result " + (index + 1) + " (" + indicator + "): its verdict " + text(r, "verdict")
                        + " does not follow from its policy verdict and suppression");
            }
            return report;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("result " + (index + 1) + " is not as the format says: " + e.getMessage(), e);
        }
    }

    /** The notices of kinds this version knows; the format may add kinds, which an older reader leaves out. */
    private static List<Notice> notices(JsonNode node) {
        List<Notice> notices = new ArrayList<>();
        for (JsonNode n : node) {
            String kind = n.path("kind").asText("");
            Arrays.stream(Notice.Kind.values()).filter(k -> k.jsonName().equals(kind)).findFirst()
                    .ifPresent(k -> notices.add(new Notice(k, n.path("text").asText(""))));
        }
        return notices;
    }

    private static SuppressionSummary suppressions(JsonNode node) {
        List<Suppression> expired = new ArrayList<>();
        node.path("expired").forEach(e -> expired.add(suppression(e)));
        List<Suppression> unused = new ArrayList<>();
        node.path("unused").forEach(e -> unused.add(suppression(e)));
        String onExpired = node.path("on_expired").asText(Verdict.PASS.name());
        return new SuppressionSummary(node.path("entries").asInt(), expired, unused, Verdict.valueOf(onExpired));
    }

    private static Suppression suppression(JsonNode e) {
        String expires = text(e, "expires");
        return new Suppression(IndicatorPattern.parse(e.path("indicator").asText()), e.path("reason").asText(),
                expires == null ? null : LocalDate.parse(expires), Verdict.valueOf(e.path("max_verdict").asText()),
                e.path("source").asText());
    }

    private static String required(JsonNode node, String field, int index) throws IOException {
        String value = text(node, field);
        if (value == null) {
            throw new IOException("result " + (index + 1) + " has no '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
