package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.extract.Extraction.Found;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Wherever an indicator is put in a text, the extractor reports that very place. */
class IndicatorExtractorPropertiesTest {
    private final IndicatorExtractor extractor = new IndicatorExtractor(false);

    @Property(tries = 300)
    void reportsWhereTheAddressWasPut(@ForAll("lines") List<String> lines, @ForAll("breaks") String lineBreak,
            @ForAll("publicIpv4") String ip, @ForAll @IntRange(max = 10_000) int lineSeed,
            @ForAll @IntRange(max = 10_000) int columnSeed) {
        int line = lineSeed % lines.size();
        String target = lines.get(line);
        int column = columnSeed % (target.length() + 1);
        List<String> edited = new ArrayList<>(lines);
        edited.set(line, target.substring(0, column) + ' ' + ip + ' ' + target.substring(column));

        Extraction extraction = extractor.extract(String.join(lineBreak, edited));

        assertThat(extraction.found()).containsExactly(new Found(ip, line + 1, column + 2, 1));
    }

    @Property(tries = 100)
    void countsEveryTimeItIsWritten(@ForAll("publicIpv4") String ip, @ForAll @IntRange(min = 1, max = 20) int times,
            @ForAll("breaks") String lineBreak) {
        String text = ("x " + ip + lineBreak).repeat(times);

        assertThat(extractor.extract(text).found()).containsExactly(new Found(ip, 1, 3, times));
    }

    /** Words, spaces and tabs only: nothing in them looks like an address or a name. */
    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcxyz_-0123456789").ofMaxLength(8);
        Arbitrary<String> gap = Arbitraries.of(" ", "\t", "  ");
        Arbitrary<String> line = Combinators.combine(word, gap, word).as((a, g, b) -> a + g + b)
                .list().ofMaxSize(5).map(parts -> String.join(" ", parts));
        return line.list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> breaks() {
        return Arbitraries.of("\n", "\r\n", "\r");
    }

    /** 11-99 as first octet stays clear of every private, reserved and documentation range. */
    @Provide
    Arbitrary<String> publicIpv4() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        return Combinators.combine(Arbitraries.integers().between(11, 99), octet, octet, octet)
                .as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
    }
}
