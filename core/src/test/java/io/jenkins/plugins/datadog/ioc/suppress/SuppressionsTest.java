package io.jenkins.plugins.datadog.ioc.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private static final LocalDate EXPIRY = LocalDate.of(2027, 3, 31);

    private static Suppression entry(String pattern, LocalDate expires, Verdict max, String source) {
        return new Suppression(IndicatorPattern.parse(pattern), "because", expires, max, source);
    }

    private static Suppressions on(LocalDate today, Suppression... entries) {
        return new Suppressions(List.of(entries), today, Verdict.PASS);
    }

    @Test
    void anActiveEntryIsPreferredToAnExpiredOneWrittenBefore() {
        Suppression expired = entry("198.51.100.0/24", EXPIRY, Verdict.PASS, "a entry 1");
        Suppression active = entry("198.51.100.7", null, Verdict.UNSTABLE, "a entry 2");

        SuppressionMatch match = on(EXPIRY.plusDays(1), expired, active).match("198.51.100.7");

        assertThat(match).isEqualTo(new SuppressionMatch(active, false));
    }

    @Test
    void theFirstActiveEntryWins() {
        Suppression first = entry("*.example.com", null, Verdict.UNSTABLE, "a entry 1");
        Suppression second = entry("a.example.com", null, Verdict.PASS, "a entry 2");

        assertThat(on(EXPIRY, first, second).match("a.example.com").suppression()).isSameAs(first);
    }

    @Test
    void anExpiredEntryIsReportedButDoesNotApply() {
        Suppression expired = entry("198.51.100.7", EXPIRY, Verdict.PASS, "a entry 1");

        assertThat(on(EXPIRY.plusDays(1), expired).match("198.51.100.7")).isEqualTo(new SuppressionMatch(expired, true));
        assertThat(on(EXPIRY.plusDays(1), expired).match("198.51.100.8")).isNull();
    }

    @Test
    void theExpiryDayItselfStillApplies() {
        Suppression entry = entry("198.51.100.7", EXPIRY, Verdict.PASS, "a entry 1");

        assertThat(entry.expiredOn(EXPIRY.minusDays(1))).isFalse();
        assertThat(entry.expiredOn(EXPIRY)).isFalse();
        assertThat(entry.expiredOn(LocalDate.of(2027, 4, 1))).isTrue();
        assertThat(on(EXPIRY, entry).match("198.51.100.7").expired()).isFalse();
        assertThat(on(LocalDate.of(2027, 4, 1), entry).match("198.51.100.7").expired()).isTrue();
        assertThat(entry("x.example", null, Verdict.PASS, "a entry 2").expiredOn(LocalDate.MAX)).isFalse();
    }

    @Test
    void expiredListsEveryExpiredEntryWhetherItMatchedOrNot() {
        Suppression old = entry("198.51.100.7", EXPIRY.minusDays(1), Verdict.PASS, "a entry 1");
        Suppression today = entry("198.51.100.8", EXPIRY, Verdict.PASS, "a entry 2");
        Suppression forever = entry("198.51.100.9", null, Verdict.PASS, "a entry 3");

        assertThat(on(EXPIRY, old, today, forever).expired()).containsExactly(old);
        assertThat(on(EXPIRY.plusDays(1), old, today, forever).expired()).containsExactly(old, today);
    }

    @Test
    void unusedListsActiveEntriesThatMatchedNothing() {
        Suppression used = entry("198.51.100.0/24", null, Verdict.PASS, "a entry 1");
        Suppression unused = entry("*.cdn.example.com", null, Verdict.PASS, "a entry 2");
        Suppression expired = entry("evil.example", EXPIRY.minusDays(1), Verdict.PASS, "a entry 3");

        Suppressions suppressions = on(EXPIRY, used, unused, expired);

        assertThat(suppressions.unused(List.of("198.51.100.4", "cdn.example.com"))).as("expired ones are reported as such")
                .containsExactly(unused);
        assertThat(suppressions.unused(List.of())).containsExactly(used, unused);
        assertThat(suppressions.unused(List.of("198.51.100.4", "a.cdn.example.com"))).isEmpty();
    }

    @Test
    void capLowersTheVerdictToTheCeilingOnly() {
        Suppression pass = entry("x.example", null, Verdict.PASS, "a entry 1");
        Suppression unstable = entry("y.example", null, Verdict.UNSTABLE, "a entry 2");

        assertThat(pass.cap(Verdict.FAILURE)).isEqualTo(Verdict.PASS);
        assertThat(pass.cap(Verdict.UNSTABLE)).isEqualTo(Verdict.PASS);
        assertThat(unstable.cap(Verdict.FAILURE)).isEqualTo(Verdict.UNSTABLE);
        assertThat(unstable.cap(Verdict.UNSTABLE)).isEqualTo(Verdict.UNSTABLE);
        assertThat(unstable.cap(Verdict.PASS)).as("never raised").isEqualTo(Verdict.PASS);
    }

    @Test
    void withAddsEntriesAfterTheseJudgedOnTheSameDay() {
        Suppression file = entry("x.example", null, Verdict.PASS, "a entry 1");
        Suppression global = entry("x.example", null, Verdict.UNSTABLE, "global 1");

        Suppressions all = new Suppressions(List.of(file), EXPIRY, Verdict.UNSTABLE).with(List.of(global));

        assertThat(all.entries()).containsExactly(file, global);
        assertThat(all.today()).isEqualTo(EXPIRY);
        assertThat(all.onExpired()).isEqualTo(Verdict.UNSTABLE);
        assertThat(all.match("X.example").suppression()).isSameAs(file);
        assertThat(Suppressions.NONE.isEmpty()).isTrue();
        assertThat(Suppressions.NONE.match("x.example")).isNull();
    }

    @Test
    void globalEntriesComeFirstAndOnlyThoseThatMatchCountWhenExpired() {
        Suppression matchingExpired = entry("198.51.100.0/24", EXPIRY.minusDays(1), Verdict.PASS, "global suppression 1");
        Suppression otherExpired = entry("old.example", EXPIRY.minusDays(1), Verdict.PASS, "global suppression 2");
        Suppression unusedGlobal = entry("*.partner.example", null, Verdict.PASS, "global suppression 3");
        Suppression ownExpired = entry("gone.example", EXPIRY.minusDays(1), Verdict.PASS, "a entry 1");
        Suppression ownUnused = entry("nothing.example", null, Verdict.PASS, "a entry 2");

        Suppressions suppressions = Suppressions.of(List.of(matchingExpired, otherExpired, unusedGlobal),
                List.of(ownExpired, ownUnused), EXPIRY, Verdict.FAILURE);
        List<String> indicators = List.of("198.51.100.4");

        assertThat(suppressions.entries()).containsExactly(matchingExpired, otherExpired, unusedGlobal, ownExpired, ownUnused);
        assertThat(suppressions.global()).isEqualTo(3);
        assertThat(suppressions.expired()).containsExactly(matchingExpired, otherExpired, ownExpired);
        assertThat(suppressions.expired(indicators)).containsExactly(matchingExpired, ownExpired);
        assertThat(suppressions.unused(indicators)).containsExactly(ownUnused);
        assertThat(suppressions.unusedGlobal(indicators)).containsExactly(unusedGlobal);
        assertThat(suppressions.with(List.of()).global()).isEqualTo(3);
    }

    @Test
    void withoutAGlobalListEveryEntryIsTheStepsOwn() {
        Suppression expired = entry("gone.example", EXPIRY.minusDays(1), Verdict.PASS, "a entry 1");

        Suppressions suppressions = on(EXPIRY, expired);

        assertThat(suppressions.expired(List.of("other.example"))).containsExactly(expired);
        assertThat(suppressions.unusedGlobal(List.of())).isEmpty();
    }
}
