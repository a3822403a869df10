package io.jenkins.plugins.datadog.ioc.actions;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.record.IndicatorFacts;
import io.jenkins.plugins.datadog.ioc.record.LegacyRecord;
import io.jenkins.plugins.datadog.ioc.record.ResultRow;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.suppress.Suppression;
import io.jenkins.plugins.datadog.ioc.suppress.SuppressionMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One recorded result as the Java and REST APIs show it: strings, numbers, booleans and lists of strings,
 * made from the record file's result when asked for. It is also the form builds made before the record file
 * kept inline in build.xml ({@code <datadogIocRecord>}): Jenkins reads those old builds into it (a plugin
 * class, which Jenkins' class filter allows, unlike the bundled core's), and core's {@link LegacyRecord}
 * turns it into today's results. Today's builds never write it. Lists are {@code null} when empty (and in
 * builds made before a field existed); the getters return empty lists then.
 */
@ExportedBean(defaultVisibility = 2)
public final class IndicatorRecord implements LegacyRecord {
    /** Not in old builds, whose results have no page of their own until read: 0 there. */
    private int index;
    private String indicator;
    private String status;
    private Double score;
    private String verdict;
    private String reason;
    private String error;
    private boolean cached;
    private long durationMillis;
    private String indicatorType;
    private List<String> maliciousSources;
    private List<String> suspiciousSources;
    private List<String> benignSources;
    private List<String> categories;
    private List<String> tags;
    private Long logMatches;
    private Long signalMatches;
    private Long signalTier;
    private List<String> signalSeverity;
    private List<String> logSources;
    private List<String> hosts;
    private List<String> services;
    private List<String> users;
    private List<String> criticalAssets;
    private String firstSeen;
    private String lastSeen;
    private String asNumber;
    private String asOrganization;
    private String asType;
    private String asCidrBlock;
    private String city;
    private String countryCode;
    private String countryName;
    private String scoringFactors;
    private String triageState;
    private String triagedAt;
    private String triagedBy;
    private List<String> triageHistory;
    private String policyVerdict;
    private String suppressedBy;
    private String suppressionReason;
    private String suppressionExpires;
    private String suppressionSource;
    private boolean suppressionExpired;
    private String foundAt;
    private int occurrences;

    private IndicatorRecord() {}

    /** The row's result; what the record file holds is shown (organization data was left out before writing it, unless kept). */
    static IndicatorRecord of(ResultRow row) {
        IndicatorReport report = row.getReport();
        LookupResult lookup = report.lookup();
        IndicatorRecord r = new IndicatorRecord();
        r.index = row.getIndex();
        r.indicator = lookup.indicator();
        r.status = lookup.status().name();
        r.score = lookup.score();
        r.verdict = report.verdict().name();
        r.reason = report.reason();
        r.error = lookup.errorMessage();
        r.cached = lookup.cached();
        r.durationMillis = lookup.duration().toMillis();
        r.recordSuppression(report);
        if (report.location() != null) {
            r.foundAt = report.location().toString();
            r.occurrences = report.location().occurrences();
        }
        IndicatorDetails d = lookup.details();
        if (d != null) {
            r.indicatorType = d.indicatorType();
            r.maliciousSources = stored(d.maliciousSources());
            r.suspiciousSources = stored(d.suspiciousSources());
            r.benignSources = stored(d.benignSources());
            r.categories = stored(d.categories());
            r.tags = stored(d.tags());
            r.logMatches = d.logMatches();
            r.signalMatches = d.signalMatches();
            r.signalTier = d.signalTier();
            r.signalSeverity = stored(IndicatorFacts.severities(d));
            r.logSources = stored(d.logSources());
            r.hosts = stored(d.hosts());
            r.services = stored(d.services());
            r.users = stored(IndicatorFacts.users(d));
            r.criticalAssets = stored(d.criticalAssets());
            r.triagedBy = d.triagedBy();
            r.firstSeen = text(d.firstSeen());
            r.lastSeen = text(d.lastSeen());
            r.asNumber = d.asNumber();
            r.asOrganization = d.asOrganization();
            r.asType = d.asType();
            r.asCidrBlock = d.asCidrBlock();
            if (d.asGeo() != null) {
                r.city = d.asGeo().city();
                r.countryCode = d.asGeo().countryCode();
                r.countryName = d.asGeo().countryName();
            }
            List<String> factors = IndicatorFacts.scoringFactors(d);
            r.scoringFactors = factors.isEmpty() ? null : String.join(", ", factors);
            r.triageState = d.triageState();
            r.triagedAt = text(d.triagedAt());
            r.triageHistory = stored(IndicatorFacts.triageHistory(d));
        }
        return r;
    }

    private void recordSuppression(IndicatorReport report) {
        SuppressionMatch match = report.suppression();
        if (match == null) {
            return;
        }
        Suppression entry = match.suppression();
        suppressedBy = entry.pattern().toString();
        suppressionReason = entry.reason();
        suppressionExpires = entry.expires() == null ? null : entry.expires().toString();
        suppressionSource = entry.source();
        suppressionExpired = match.expired();
        if (report.policyVerdict() != report.verdict()) {
            policyVerdict = report.policyVerdict().name();
        }
    }

    private static List<String> stored(List<String> list) {
        return list.isEmpty() ? null : new ArrayList<>(list);
    }

    private static List<String> read(List<String> list) {
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The result's place in the build's record file; its page is {@code datadog-ioc/indicator/<index>/}. */
    @Exported
    public int getIndex() {
        return index;
    }

    @Exported
    public String getIndicator() {
        return indicator;
    }

    @Exported
    public String getStatus() {
        return status;
    }

    @Exported
    public Double getScore() {
        return score;
    }

    /** The score as people write it, or an empty string. */
    public String getScoreText() {
        return score == null ? "" : GatePolicy.formatScore(score);
    }

    @Exported
    public String getVerdict() {
        return verdict;
    }

    /** Jenkins' own status symbol for this result's verdict. */
    public String getVerdictIcon() {
        return IocLookupAction.iconFor(verdict);
    }

    @Exported
    public String getReason() {
        return reason;
    }

    @Exported
    public String getError() {
        return error;
    }

    @Exported
    public boolean isCached() {
        return cached;
    }

    @Exported
    public long getDurationMillis() {
        return durationMillis;
    }

    @Exported
    public String getIndicatorType() {
        return indicatorType;
    }

    @Exported
    public List<String> getMaliciousSources() {
        return read(maliciousSources);
    }

    @Exported
    public List<String> getSuspiciousSources() {
        return read(suspiciousSources);
    }

    @Exported
    public List<String> getBenignSources() {
        return read(benignSources);
    }

    @Exported
    public List<String> getCategories() {
        return read(categories);
    }

    @Exported
    public List<String> getTags() {
        return read(tags);
    }

    @Exported
    public Long getLogMatches() {
        return logMatches;
    }

    @Exported
    public Long getSignalMatches() {
        return signalMatches;
    }

    @Exported
    public Long getSignalTier() {
        return signalTier;
    }

    @Exported
    public List<String> getSignalSeverity() {
        return read(signalSeverity);
    }

    @Exported
    public List<String> getLogSources() {
        return read(logSources);
    }

    @Exported
    public List<String> getHosts() {
        return read(hosts);
    }

    @Exported
    public List<String> getServices() {
        return read(services);
    }

    @Exported
    public List<String> getUsers() {
        return read(users);
    }

    @Exported
    public List<String> getCriticalAssets() {
        return read(criticalAssets);
    }

    @Exported
    public String getFirstSeen() {
        return firstSeen;
    }

    @Exported
    public String getLastSeen() {
        return lastSeen;
    }

    @Exported
    public String getAsNumber() {
        return asNumber;
    }

    @Exported
    public String getAsOrganization() {
        return asOrganization;
    }

    @Exported
    public String getAsType() {
        return asType;
    }

    @Exported
    public String getAsCidrBlock() {
        return asCidrBlock;
    }

    @Exported
    public String getCity() {
        return city;
    }

    @Exported
    public String getCountryCode() {
        return countryCode;
    }

    @Exported
    public String getCountryName() {
        return countryName;
    }

    @Exported
    public String getScoringFactors() {
        return scoringFactors;
    }

    @Exported
    public String getTriageState() {
        return triageState;
    }

    @Exported
    public String getTriagedAt() {
        return triagedAt;
    }

    @Exported
    public String getTriagedBy() {
        return triagedBy;
    }

    @Exported
    public List<String> getTriageHistory() {
        return read(triageHistory);
    }

    /** Whether a suppression that still applies matched this indicator. */
    @Exported
    public boolean isSuppressed() {
        return suppressedBy != null && !suppressionExpired;
    }

    /** The verdict the policy gave before a suppression capped it; {@code null} when nothing was capped. */
    @Exported
    public String getPolicyVerdict() {
        return policyVerdict;
    }

    /** The pattern of the suppression that matched (and may have expired), or {@code null}. */
    @Exported
    public String getSuppressedBy() {
        return suppressedBy;
    }

    @Exported
    public String getSuppressionReason() {
        return suppressionReason;
    }

    /** The last day the suppression applies, {@code 2027-03-31}, or {@code null} for none. */
    @Exported
    public String getSuppressionExpires() {
        return suppressionExpires;
    }

    /** Where the suppression was written: {@code global suppression 2}, {@code suppressions.json entry 3}. */
    @Exported
    public String getSuppressionSource() {
        return suppressionSource;
    }

    /** Whether the matching suppression had expired, so no longer applied. */
    @Exported
    public boolean isSuppressionExpired() {
        return suppressionExpired;
    }

    /** Where the indicator was first found, {@code config/app.yaml:12:7}, or {@code null}. */
    @Exported
    public String getFoundAt() {
        return foundAt;
    }

    /** How often the indicator was found in the files; 0 when it did not come from one. */
    @Exported
    public int getOccurrences() {
        return occurrences;
    }

    /** Where the AS is, as one line: {@code Frankfurt, Germany (DE)}. */
    public String getLocation() {
        return IndicatorFacts.place(city, countryCode, countryName);
    }
}
