package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.policy.Assessment;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.suppress.IndicatorPattern;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One result as builds made before the record file kept it inline in build.xml ({@code <datadogIocRecord>}):
 * the same field names, so that Jenkins reads old builds straight into it. Only read, and turned into an
 * {@link IndicatorReport} for today's views. What the old form flattened is read back from its text
 * (signal severities, users, triage history, scoring factors); what it did not keep stays unknown: a
 * suppression's maximum verdict is taken as the verdict it gave (expired ones: PASS), the request count as 0.
 */
public final class LegacyRecord {
    String indicator;
    String status;
    Double score;
    String verdict;
    String reason;
    String error;
    boolean cached;
    long durationMillis;
    String indicatorType;
    List<String> maliciousSources;
    List<String> suspiciousSources;
    List<String> benignSources;
    List<String> categories;
    List<String> tags;
    Long logMatches;
    Long signalMatches;
    Long signalTier;
    List<String> signalSeverity;
    List<String> logSources;
    List<String> hosts;
    List<String> services;
    List<String> users;
    List<String> criticalAssets;
    String firstSeen;
    String lastSeen;
    String asNumber;
    String asOrganization;
    String asType;
    String asCidrBlock;
    String city;
    String countryCode;
    String countryName;
    String scoringFactors;
    String triageState;
    String triagedAt;
    String triagedBy;
    List<String> triageHistory;
    String policyVerdict;
    String suppressedBy;
    String suppressionReason;
    String suppressionExpires;
    String suppressionSource;
    boolean suppressionExpired;
    String foundAt;
    int occurrences;

    /** For Jenkins' reader, which fills the fields. */
    LegacyRecord() {}

    /** An old build's results as one report (its duration was not kept). */
    public static GateReport report(List<LegacyRecord> records, int skipped) {
        return new GateReport(records.stream().map(LegacyRecord::toReport).toList(), skipped, Duration.ZERO);
    }

    /**
     * An old build's summary.
     *
     * @param expired the expired suppression entries as the old build described them
     * @param suppressionVerdict what they did to the build, {@code null} for nothing
     */
    public static LookupSummary summary(GateReport report, List<String> expired, String suppressionVerdict) {
        LookupSummary s = LookupSummary.of(report, List.of(), List.of());
        Verdict fromExpired = suppressionVerdict == null ? Verdict.PASS : Verdict.valueOf(suppressionVerdict);
        return new LookupSummary(s.verdict().worst(fromExpired), s.verdicts(), s.statuses(), s.cached(), s.skipped(),
                s.worstScore(), s.suppressed(), expired.size(), expired, fromExpired, List.of(), s.duration(), 0, List.of(), 1);
    }

    /** @throws IllegalArgumentException when the record names no indicator, or an unknown status or verdict */
    public IndicatorReport toReport() {
        Objects.requireNonNull(indicator, "an old record without an indicator");
        Duration duration = Duration.ofMillis(durationMillis);
        LookupResult lookup = switch (LookupStatus.valueOf(status)) {
            case FOUND -> LookupResult.found(indicator, details(), 0, duration);
            case NOT_FOUND -> LookupResult.notFound(indicator, 0, duration);
            case ERROR -> LookupResult.error(indicator, error == null ? "No message was recorded." : error, 0, duration);
        };
        if (cached) {
            lookup = lookup.fromCache();
        }
        Verdict given = Verdict.valueOf(verdict);
        Verdict policy = policyVerdict == null ? given : Verdict.valueOf(policyVerdict);
        SuppressionMatch match = null;
        if (suppressedBy != null) {
            Suppression entry = new Suppression(IndicatorPattern.parse(suppressedBy), text(suppressionReason),
                    date(suppressionExpires), suppressionExpired ? Verdict.PASS : given, text(suppressionSource));
            match = new SuppressionMatch(entry, suppressionExpired);
        }
        return new IndicatorReport(lookup, new Assessment(policy, text(reason)), match, location());
    }

    private IndicatorDetails details() {
        Map<String, String> factors = factors();
        return new IndicatorDetails(null, indicator, indicatorType, score, instant(firstSeen), instant(lastSeen),
                list(maliciousSources), list(suspiciousSources), list(benignSources), list(categories), list(tags),
                logMatches, signalMatches, signalTier, list(signalSeverity).stream().map(LegacyRecord::severity).toList(),
                list(logSources), list(hosts), list(services), list(criticalAssets), users(), asNumber, asOrganization,
                asType, asCidrBlock, city == null && countryCode == null && countryName == null ? null
                        : new IndicatorDetails.GeoLocation(city, countryCode, countryName),
                factors.get("AS type"), factors.get("persistence"), factors.get("signal"), factors.get("sources"),
                factors.get("max trust score"), triageState, instant(triagedAt), triagedBy,
                list(triageHistory).stream().map(LegacyRecord::triage).toList(), null);
    }

    /** {@code sources HIGH, signal LOW, AS type MEDIUM}, as the old record joined them. */
    private Map<String, String> factors() {
        Map<String, String> factors = new LinkedHashMap<>();
        if (scoringFactors != null) {
            for (String part : scoringFactors.split(", ")) {
                for (String name : List.of("max trust score", "AS type", "persistence", "signal", "sources")) {
                    if (part.startsWith(name + ' ')) {
                        factors.put(name, part.substring(name.length() + 1));
                        break;
                    }
                }
            }
        }
        return factors;
    }

    /** {@code high: 3}. */
    private static IndicatorDetails.SeverityCount severity(String line) {
        int colon = line.lastIndexOf(": ");
        if (colon < 0) {
            return new IndicatorDetails.SeverityCount(line, null);
        }
        Long count;
        try {
            count = Long.valueOf(line.substring(colon + 2));
        } catch (NumberFormatException e) {
            count = null;
        }
        return new IndicatorDetails.SeverityCount(line.substring(0, colon), count);
    }

    /** {@code 2024-05-01T10:00:00Z TRIAGED by alice}. */
    private static IndicatorDetails.TriageEntry triage(String line) {
        String[] parts = line.split(" ", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        int by = rest.indexOf(" by ");
        return new IndicatorDetails.TriageEntry(by < 0 ? rest : rest.substring(0, by), instant(parts[0]),
                by < 0 ? null : rest.substring(by + 4));
    }

    /** {@code ip_address: alice, bob}. */
    private Map<String, List<String>> users() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String line : list(users)) {
            int colon = line.indexOf(": ");
            map.put(colon < 0 ? line : line.substring(0, colon), colon < 0 ? List.of() : List.of(line.substring(colon + 2).split(", ")));
        }
        return map;
    }

    /** {@code config/app.yaml:12:7}; a file name may hold colons itself. */
    private Location location() {
        if (foundAt == null) {
            return null;
        }
        int column = foundAt.lastIndexOf(':');
        int line = column <= 0 ? -1 : foundAt.lastIndexOf(':', column - 1);
        try {
            return new Location(foundAt.substring(0, line), Integer.parseInt(foundAt.substring(line + 1, column)),
                    Integer.parseInt(foundAt.substring(column + 1)), occurrences);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return new Location(foundAt, 0, 0, occurrences);
        }
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
