package io.jenkins.plugins.datadog.ioc.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Datadog's IoC Explorer knows of one indicator: the documented schema plus the triage fields the
 * API returns beyond it. Every field may be absent ({@code null}, or empty for collections), because
 * real responses omit fields the documentation lists. Scoring factors and the triage state are kept
 * as the API spells them, so new enum values pass through instead of failing a lookup.
 *
 * @param additionalDataJson {@code additional_data} as compact JSON, {@code null} when absent
 */
public record IndicatorDetails(
        String id,
        String indicator,
        String indicatorType,
        Double score,
        Instant firstSeen,
        Instant lastSeen,
        List<String> maliciousSources,
        List<String> suspiciousSources,
        List<String> benignSources,
        List<String> categories,
        List<String> tags,
        Long logMatches,
        Long signalMatches,
        Long signalTier,
        List<SeverityCount> signalSeverity,
        List<String> logSources,
        List<String> hosts,
        List<String> services,
        List<String> criticalAssets,
        Map<String, List<String>> users,
        String asNumber,
        String asOrganization,
        String asType,
        String asCidrBlock,
        GeoLocation asGeo,
        String mAsType,
        String mPersistence,
        String mSignal,
        String mSources,
        String maxTrustScore,
        String triageState,
        Instant triagedAt,
        String triagedBy,
        List<TriageEntry> triageHistory,
        String additionalDataJson) {

    public IndicatorDetails {
        maliciousSources = copy(maliciousSources);
        suspiciousSources = copy(suspiciousSources);
        benignSources = copy(benignSources);
        categories = copy(categories);
        tags = copy(tags);
        signalSeverity = copy(signalSeverity);
        logSources = copy(logSources);
        hosts = copy(hosts);
        services = copy(services);
        criticalAssets = copy(criticalAssets);
        users = copy(users);
        triageHistory = copy(triageHistory);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, values) -> result.put(key, copy(values)));
        }
        return Collections.unmodifiableMap(result);
    }

    /** Number of security signals at one severity. */
    public record SeverityCount(String severity, Long count) {}

    /** Where the indicator's autonomous system is located. */
    public record GeoLocation(String city, String countryCode, String countryName) {}

    /** One change of the indicator's triage state. */
    public record TriageEntry(String triageState, Instant triagedAt, String triagedBy) {}
}
