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
 * One result as builds made before the record file kept it inline in build.xml: the plugin's persisted
 * class ({@code <datadogIocRecord>}) implements these getters, and {@link #toReport()} turns it into an
 * {@link IndicatorReport} for today's views. (Jenkins reads build.xml only into the plugin's own classes,
 * never into a bundled library's, so the fields stay there and the reading here.) What the old form
 * flattened is read back from its text (signal severities, users, triage history, scoring factors, where
 * it was found); what it did not keep stays unknown: a suppression's maximum verdict is taken as the
 * verdict it gave (expired ones: PASS), the request count as 0, the entry id as absent.
 */
public interface LegacyRecord {
    String getIndicator();

    String getStatus();

    Double getScore();

    String getVerdict();

    String getReason();

    String getError();

    boolean isCached();

    long getDurationMillis();

    String getIndicatorType();

    List<String> getMaliciousSources();

    List<String> getSuspiciousSources();

    List<String> getBenignSources();

    List<String> getCategories();

    List<String> getTags();

    Long getLogMatches();

    Long getSignalMatches();

    Long getSignalTier();

    List<String> getSignalSeverity();

    List<String> getLogSources();

    List<String> getHosts();

    List<String> getServices();

    List<String> getUsers();

    List<String> getCriticalAssets();

    String getFirstSeen();

    String getLastSeen();

    String getAsNumber();

    String getAsOrganization();

    String getAsType();

    String getAsCidrBlock();

    String getCity();

    String getCountryCode();

    String getCountryName();

    String getScoringFactors();

    String getTriageState();

    String getTriagedAt();

    String getTriagedBy();

    List<String> getTriageHistory();

    String getPolicyVerdict();

    String getSuppressedBy();

    String getSuppressionReason();

    String getSuppressionExpires();

    String getSuppressionSource();

    boolean isSuppressionExpired();

    String getFoundAt();

    int getOccurrences();

    /** An old build's results as one report (its duration was not kept). */
    static GateReport report(List<? extends LegacyRecord> records, int skipped) {
        return new GateReport(records.stream().map(LegacyRecord::toReport).toList(), skipped, Duration.ZERO);
    }

    /**
     * An old build's summary.
     *
     * @param expired the expired suppression entries as the old build described them
     * @param suppressionVerdict what they did to the build, {@code null} for nothing
     */
    static LookupSummary summary(GateReport report, List<String> expired, String suppressionVerdict) {
        LookupSummary s = LookupSummary.of(report, List.of(), List.of());
        Verdict fromExpired = suppressionVerdict == null ? Verdict.PASS : Verdict.valueOf(suppressionVerdict);
        return new LookupSummary(s.verdict().worst(fromExpired), s.verdicts(), s.statuses(), s.tally(), s.cached(), s.skipped(),
                s.worstScore(), s.suppressed(), expired.size(), expired, fromExpired, List.of(), s.duration(), 0, List.of(), 1);
    }

    /** @throws IllegalArgumentException when the record names no indicator, or an unknown status or verdict */
    default IndicatorReport toReport() {
        String indicator = Objects.requireNonNull(getIndicator(), "an old record without an indicator");
        Duration duration = Duration.ofMillis(getDurationMillis());
        LookupResult lookup = switch (LookupStatus.valueOf(getStatus())) {
            case FOUND -> LookupResult.found(indicator, details(this), 0, duration);
            case NOT_FOUND -> LookupResult.notFound(indicator, 0, duration);
            case ERROR -> LookupResult.error(indicator, getError() == null ? "No message was recorded." : getError(), 0, duration);
        };
        if (isCached()) {
            lookup = lookup.fromCache();
        }
        Verdict given = Verdict.valueOf(getVerdict());
        Verdict policy = getPolicyVerdict() == null ? given : Verdict.valueOf(getPolicyVerdict());
        SuppressionMatch match = null;
        if (getSuppressedBy() != null) {
            Suppression entry = new Suppression(IndicatorPattern.parse(getSuppressedBy()), text(getSuppressionReason()),
                    date(getSuppressionExpires()), isSuppressionExpired() ? Verdict.PASS : given, text(getSuppressionSource()));
            match = new SuppressionMatch(entry, isSuppressionExpired());
        }
        return new IndicatorReport(lookup, new Assessment(policy, text(getReason())), match, location(getFoundAt(), getOccurrences()));
    }

    private static IndicatorDetails details(LegacyRecord r) {
        Map<String, String> factors = factors(r.getScoringFactors());
        return new IndicatorDetails(null, r.getIndicator(), r.getIndicatorType(), r.getScore(), instant(r.getFirstSeen()),
                instant(r.getLastSeen()), list(r.getMaliciousSources()), list(r.getSuspiciousSources()),
                list(r.getBenignSources()), list(r.getCategories()), list(r.getTags()), r.getLogMatches(),
                r.getSignalMatches(), r.getSignalTier(), list(r.getSignalSeverity()).stream().map(LegacyRecord::severity).toList(),
                list(r.getLogSources()), list(r.getHosts()), list(r.getServices()), list(r.getCriticalAssets()),
                users(list(r.getUsers())), r.getAsNumber(), r.getAsOrganization(), r.getAsType(), r.getAsCidrBlock(),
                r.getCity() == null && r.getCountryCode() == null && r.getCountryName() == null ? null
                        : new IndicatorDetails.GeoLocation(r.getCity(), r.getCountryCode(), r.getCountryName()),
                factors.get("AS type"), factors.get("persistence"), factors.get("signal"), factors.get("sources"),
                factors.get("max trust score"), r.getTriageState(), instant(r.getTriagedAt()), r.getTriagedBy(),
                list(r.getTriageHistory()).stream().map(LegacyRecord::triage).toList(), null);
    }

    /** {@code sources HIGH, signal LOW, AS type MEDIUM}, as {@link IndicatorFacts#scoringFactors} joined them. */
    private static Map<String, String> factors(String joined) {
        Map<String, String> factors = new LinkedHashMap<>();
        if (joined != null) {
            for (String part : joined.split(", ")) {
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
    private static Map<String, List<String>> users(List<String> lines) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(": ");
            map.put(colon < 0 ? line : line.substring(0, colon), colon < 0 ? List.of() : List.of(line.substring(colon + 2).split(", ")));
        }
        return map;
    }

    /** {@code config/app.yaml:12:7}; a file name may hold colons itself. */
    private static Location location(String foundAt, int occurrences) {
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
