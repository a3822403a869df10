package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Builds recorded before the record file kept each result inline in build.xml. The plugin's persisted class
 * implements {@link LegacyRecord}; here a map of its fields, by the same names, stands in for it.
 */
class LegacyRecordTest {
    static LegacyRecord record(Map<String, Object> fields) {
        InvocationHandler getters = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            String name = method.getName().replaceFirst("^(get|is)", "");
            Object value = fields.get(Character.toLowerCase(name.charAt(0)) + name.substring(1));
            Class<?> type = method.getReturnType();
            if (value == null && type.isPrimitive()) {
                return type == boolean.class ? Boolean.FALSE : type == long.class ? (Object) 0L : (Object) 0;
            }
            return value;
        };
        return (LegacyRecord) Proxy.newProxyInstance(LegacyRecord.class.getClassLoader(), new Class<?>[] {LegacyRecord.class}, getters);
    }

    static Map<String, Object> found() {
        Map<String, Object> r = new HashMap<>();
        r.put("indicator", "203.0.113.66");
        r.put("status", "FOUND");
        r.put("score", 85.5);
        r.put("verdict", "FAILURE");
        r.put("reason", "threat score 85.5 is at or above the failure threshold 80");
        r.put("durationMillis", 40L);
        r.put("indicatorType", "IP Address");
        r.put("maliciousSources", List.of("AbuseIPDB", "Spamhaus DROP"));
        r.put("categories", List.of("scanner"));
        r.put("logMatches", 1234L);
        r.put("signalSeverity", List.of("high: 2", "medium: 5"));
        r.put("hosts", List.of("web-01"));
        r.put("users", List.of("aws_iam: alice@example.com, bob"));
        r.put("firstSeen", "2024-05-01T10:00:00Z");
        r.put("asNumber", "AS64500");
        r.put("city", "Amsterdam");
        r.put("countryCode", "NL");
        r.put("scoringFactors", "sources LOWER_SCORE, signal RAISE_SCORE, AS type RAISE_SCORE, max trust score RAISE_SCORE");
        r.put("triageState", "under_review");
        r.put("triageHistory", List.of("2024-05-20T09:00:00Z new by system", "2024-05-21T09:15:00Z under_review"));
        r.put("foundAt", "C:/repo/config/app.yaml:12:7");
        r.put("occurrences", 3);
        return r;
    }

    @Test
    void aFoundRecordKeepsWhatTheOldFormKept() {
        IndicatorReport report = record(found()).toReport();

        assertThat(report.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.reason()).startsWith("threat score 85.5");
        assertThat(report.lookup().status()).isEqualTo(LookupStatus.FOUND);
        assertThat(report.lookup().score()).isEqualTo(85.5);
        IndicatorDetails d = report.lookup().details();
        assertThat(d.maliciousSources()).containsExactly("AbuseIPDB", "Spamhaus DROP");
        assertThat(d.signalSeverity()).containsExactly(new IndicatorDetails.SeverityCount("high", 2L),
                new IndicatorDetails.SeverityCount("medium", 5L));
        assertThat(d.users()).isEqualTo(Map.of("aws_iam", List.of("alice@example.com", "bob")));
        assertThat(d.firstSeen()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(d.asGeo()).isEqualTo(new IndicatorDetails.GeoLocation("Amsterdam", "NL", null));
        assertThat(d.mSources()).isEqualTo("LOWER_SCORE");
        assertThat(d.mSignal()).isEqualTo("RAISE_SCORE");
        assertThat(d.mAsType()).isEqualTo("RAISE_SCORE");
        assertThat(d.maxTrustScore()).isEqualTo("RAISE_SCORE");
        assertThat(d.mPersistence()).isNull();
        assertThat(d.triageHistory()).containsExactly(
                new IndicatorDetails.TriageEntry("new", Instant.parse("2024-05-20T09:00:00Z"), "system"),
                new IndicatorDetails.TriageEntry("under_review", Instant.parse("2024-05-21T09:15:00Z"), null));
        assertThat(report.location().file()).isEqualTo("C:/repo/config/app.yaml");
        assertThat(report.location().line()).isEqualTo(12);
        assertThat(report.location().column()).isEqualTo(7);
        assertThat(report.location().occurrences()).isEqualTo(3);
    }

    @Test
    void aSuppressedRecordStaysCappedAsItWas() {
        Map<String, Object> r = new HashMap<>();
        r.put("indicator", "192.0.2.1");
        r.put("status", "FOUND");
        r.put("score", 95.0);
        r.put("verdict", "UNSTABLE");
        r.put("policyVerdict", "FAILURE");
        r.put("reason", "threat score 95 is at or above the failure threshold 80");
        r.put("suppressedBy", "192.0.2.0/24");
        r.put("suppressionReason", "Partner range");
        r.put("suppressionExpires", "2027-03-31");
        r.put("suppressionSource", "global suppression 2");

        IndicatorReport report = record(r).toReport();

        assertThat(report.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(report.policyVerdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.suppressed()).isTrue();
        assertThat(report.appliedSuppression().expires()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(report.appliedSuppression().source()).isEqualTo("global suppression 2");
    }

    @Test
    void anExpiredSuppressionNoLongerCaps() {
        Map<String, Object> r = new HashMap<>();
        r.put("indicator", "198.51.100.9");
        r.put("status", "FOUND");
        r.put("score", 85.0);
        r.put("verdict", "FAILURE");
        r.put("reason", "threat score 85 is at or above the failure threshold 80");
        r.put("suppressedBy", "198.51.100.9");
        r.put("suppressionReason", "Pen test");
        r.put("suppressionExpires", "2026-03-31");
        r.put("suppressionSource", "suppressions.json entry 2");
        r.put("suppressionExpired", true);

        IndicatorReport report = record(r).toReport();

        assertThat(report.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.suppressed()).isFalse();
        assertThat(report.suppression().expired()).isTrue();
    }

    @Test
    void errorsAndUnknownsAndTheBuildsSummary() {
        Map<String, Object> error = new HashMap<>();
        error.put("indicator", "broken.example");
        error.put("status", "ERROR");
        error.put("verdict", "FAILURE");
        error.put("reason", "lookup failed");
        error.put("cached", true);
        Map<String, Object> unknown = new HashMap<>();
        unknown.put("indicator", "unknown.example");
        unknown.put("status", "NOT_FOUND");
        unknown.put("verdict", "PASS");
        unknown.put("reason", "not known");

        GateReport report = LegacyRecord.report(List.of(record(found()), record(error), record(unknown)), 4);
        LookupSummary summary = LegacyRecord.summary(report, List.of("old.example (entry 1): gone"), "UNSTABLE");

        assertThat(report.results().get(1).lookup().errorMessage()).isEqualTo("No message was recorded.");
        assertThat(report.results().get(1).lookup().cached()).isTrue();
        assertThat(summary.indicators()).isEqualTo(3);
        assertThat(summary.count(Verdict.FAILURE)).isEqualTo(2);
        assertThat(summary.count(LookupStatus.NOT_FOUND)).isEqualTo(1);
        assertThat(summary.count(LookupStatus.ERROR)).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(4);
        assertThat(summary.expiredSuppressions()).containsExactly("old.example (entry 1): gone");
        assertThat(summary.suppressionVerdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(summary.sites()).isEmpty();
        assertThat(new BuildRecords(report, 0, List.of("x (entry 2): unused")).unusedSuppressions()).containsExactly("x (entry 2): unused");
    }
}
