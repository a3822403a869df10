package io.jenkins.plugins.datadog.ioc.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast path for Datadog's UTC timestamps reads exactly what {@link OffsetDateTime#parse} reads. */
class InstantParsingPropertiesTest {
    @Property(tries = 2000)
    void utcTimestampsReadAsOffsetDateTimeReadsThem(@ForAll("instants") Instant instant, @ForAll("fractions") int digits) {
        String text = format(instant, digits);
        assertThat(IndicatorParser.parseInstant(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    /** Almost-timestamps: the same answer as the JDK's parsers, a value or null, never an exception. */
    @Property(tries = 2000)
    void anyTextGetsTheJdksAnswer(@ForAll("almostTimestamps") String text) {
        assertThat(IndicatorParser.parseInstant(text)).as(text).isEqualTo(jdk(text));
    }

    @Example
    void impossibleDatesAreNotRead() {
        assertThat(IndicatorParser.parseInstant("2023-02-29T10:00:00Z")).isNull();
        assertThat(IndicatorParser.parseInstant("2024-02-29T10:00:00Z")).isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
        assertThat(IndicatorParser.parseInstant("2024-13-01T10:00:00Z")).isNull();
        assertThat(IndicatorParser.parseInstant("2024-05-01T24:00:00Z")).isNull();
        assertThat(IndicatorParser.parseInstant("2024-05-01T10:00:00.1234567891Z")).isNull();
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("1970-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2199-12-31T23:59:59Z").getEpochSecond())
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(seconds, n)));
    }

    @Provide
    Arbitrary<Integer> fractions() {
        return Arbitraries.integers().between(0, 9);
    }

    @Provide
    Arbitrary<String> almostTimestamps() {
        Arbitrary<String> valid = instants().flatMap(i -> fractions().map(d -> format(i, d)));
        return valid.flatMap(text -> Arbitraries.integers().between(0, text.length() - 1).flatMap(at ->
                Arbitraries.chars().with('0', '9', '5', 'Z', '.', ':', '-', 'T', ' ', '+', 'x').map(c ->
                        text.substring(0, at) + c + text.substring(at + 1))));
    }

    private static String format(Instant instant, int digits) {
        String seconds = instant.toString().substring(0, 19);
        String nanos = String.format("%09d", instant.getNano()).substring(0, digits);
        return seconds + (digits == 0 ? "" : "." + nanos) + "Z";
    }

    private static Instant jdk(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
