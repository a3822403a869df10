package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the report keeps of an indicator that cannot be looked up: never a character that breaks the
 * build record or the console, never more than {@link Indicators#MAX_SHOWN} characters, and a message that
 * says what was cut.
 */
class UnusableIndicatorTest {
    private static LookupResult unusable(String indicator) {
        try {
            Indicators.normalize(indicator);
        } catch (IllegalArgumentException e) {
            return Indicators.unusable(indicator, e.getMessage());
        }
        throw new AssertionError("accepted: " + indicator);
    }

    @Test
    void controlCharactersAreReplacedAndCounted() {
        LookupResult result = unusable("nul\u0000byte\nFORGED LINE\u001b[31m");

        assertThat(result.status()).isEqualTo(LookupStatus.ERROR);
        assertThat(result.indicator()).isEqualTo("nul\uFFFDbyte\uFFFDFORGED LINE\uFFFD[31m");
        assertThat(result.errorMessage())
                .startsWith("The indicator contains a control character at position 4")
                .endsWith(" Shown with 3 characters that cannot be shown replaced by '\uFFFD'.");
        assertThat(result.attempts()).isZero();
    }

    @Test
    void aHugeLineIsCutAndTheMessageSaysHowMuch() {
        String line = "x".repeat(16 * 1024 * 1024);

        LookupResult result = unusable(line);

        assertThat(result.indicator()).hasSize(Indicators.MAX_SHOWN + 1).endsWith("x…");
        assertThat(result.errorMessage()).isEqualTo("The indicator is 16777216 characters long; at most 2048 are accepted."
                + " Shown are its first 200 of 16777216 characters.");
    }

    @Test
    void cutAndReplacedTogether() {
        LookupResult result = unusable("\u0007" + "a".repeat(3000));

        assertThat(result.indicator()).startsWith("\uFFFDa").hasSize(Indicators.MAX_SHOWN + 1);
        assertThat(result.errorMessage()).endsWith(" Shown are its first 200 of 3001 characters, with 1 character that"
                + " cannot be shown replaced by '\uFFFD'.");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String indicator = "a".repeat(Indicators.MAX_SHOWN - 1) + emoji + "b".repeat(Indicators.MAX_LENGTH);

        LookupResult result = unusable(indicator);

        assertThat(result.indicator()).isEqualTo("a".repeat(Indicators.MAX_SHOWN - 1) + "…");
        assertThat(result.errorMessage()).contains("Shown are its first 199 of");
    }

    @Test
    void loneSurrogatesAndNoncharactersAreReplaced() {
        LookupResult result = unusable("half\uD800pair\uFFFF");

        assertThat(result.indicator()).isEqualTo("half\uFFFDpair\uFFFD");
    }

    @Test
    void aShortBlankIndicatorIsShownAsItIsWithTheProblemAlone() {
        LookupResult result = unusable("   ");

        assertThat(result.indicator()).isEmpty();
        assertThat(result.errorMessage()).isEqualTo("The indicator is blank.");
    }

    @Test
    void theClientReturnsTheSanitisedFormWithoutARequest() throws Exception {
        try (IocClient client = new IocClient(IocClientConfig.builder(ApiKeys.of("api-key-0123456789", "app-key-0123456789"))
                .baseUrl("http://127.0.0.1:9/").build())) {
            LookupResult result = client.lookup("evil.example\u0000" + "z".repeat(5000));

            assertThat(result.status()).isEqualTo(LookupStatus.ERROR);
            assertThat(result.indicator()).doesNotContain("\u0000").hasSize(Indicators.MAX_SHOWN + 1);
            assertThat(result.errorMessage()).contains("5013 characters long")
                    .contains("Shown are its first 200 of 5013 characters, with 1 character");
        }
    }
}
