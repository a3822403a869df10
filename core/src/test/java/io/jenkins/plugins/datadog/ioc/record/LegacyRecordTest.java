package io.jenkins.plugins.datadog.ioc.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.client.IndicatorDetails;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builds recorded before the record file kept each result inline in build.xml; these are such records, field by field. */
class LegacyRecordTest {
    static LegacyRecord found() {
        LegacyRecord r = new LegacyRecord();
        r.indicator = "203.0.113.66";
        r.status = "FOUND";
        r.score = 85.5;
        r.verdict = "FAILURE";
        r.reason = "threat score 85.5 is at or above the failure threshold 80";
        r.durationMillis = 40;
        r.indicatorType = "IP Address";
        r.maliciousSources = List.of("AbuseIPDB", "Spamhaus DROP");
        r.categories = List.of("scanner");
        r.logMatches = 1234L;
        r.signalSeverity = List.of("high: 2", "medium: 5");
        r.hosts = List.of("web-01");
        r.users = List.of("aws_iam: alice@example.com, bob");
        r.firstSeen = "2024-05-01T10:00:00Z";
        r.asNumber = "AS64500";
        r.city = "Amsterdam";
        r.countryCode = "NL";
        r.scoringFactors = "sources LOWER_SCORE, signal RAISE_SCORE, AS type RAISE_SCORE, max trust score RAISE_SCORE";
        r.triageState = "under_review";
        r.triageHistory = List.of("2024-05-20T09:00:00Z new by system", "2024-05-21T09:15:00Z under_review");
        r.foundAt = "C:/repo/config/app.yaml:12:7";
        r.occurrences = 3;
        return r;
    }

    @Test
    void aFoundRecordKeepsWhatTheOldFormKept() {
        IndicatorReport report = found().toReport();

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
        LegacyRecord r = new LegacyRecord();
        r.indicator = "192.0.2.1";
        r.status = "FOUND";
        r.score = 95.0;
        r.verdict = "UNSTABLE";
        r.policyVerdict = "FAILURE";
        r.reason = "threat score 95 is at or above the failure threshold 80";
        r.suppressedBy = "192.0.2.0/24";
        r.suppressionReason = "Partner range";
        r.suppressionExpires = "2027-03-31";
        r.suppressionSource = "global suppression 2";

        IndicatorReport report = r.toReport();

        assertThat(report.verdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(report.policyVerdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.suppressed()).isTrue();
        assertThat(report.appliedSuppression().expires()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(report.appliedSuppression().source()).isEqualTo("global suppression 2");
    }

    @Test
    void anExpiredSuppressionNoLongerCaps() {
        LegacyRecord r = new LegacyRecord();
        r.indicator = "198.51.100.9";
        r.status = "FOUND";
        r.score = 85.0;
        r.verdict = "FAILURE";
        r.reason = "threat score 85 is at or above the failure threshold 80";
        r.suppressedBy = "198.51.100.9";
        r.suppressionReason = "Pen test";
        r.suppressionExpires = "2026-03-31";
        r.suppressionSource = "suppressions.json entry 2";
        r.suppressionExpired = true;

        IndicatorReport report = r.toReport();

        assertThat(report.verdict()).isEqualTo(Verdict.FAILURE);
        assertThat(report.suppressed()).isFalse();
        assertThat(report.suppression().expired()).isTrue();
    }

    @Test
    void errorsAndUnknownsAndTheBuildsSummary() {
        LegacyRecord error = new LegacyRecord();
        error.indicator = "broken.example";
        error.status = "ERROR";
        error.verdict = "FAILURE";
        error.reason = "lookup failed";
        error.cached = true;
        LegacyRecord unknown = new LegacyRecord();
        unknown.indicator = "unknown.example";
        unknown.status = "NOT_FOUND";
        unknown.verdict = "PASS";
        unknown.reason = "not known";

        GateReport report = LegacyRecord.report(List.of(found(), error, unknown), 4);
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
