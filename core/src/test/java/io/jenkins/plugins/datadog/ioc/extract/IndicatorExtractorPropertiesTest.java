package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.datadog.ioc.extract.Extraction.Found;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Wherever an indicator is put in a text, the extractor reports that very place; however it is defanged,
 * it is found as the plain indicator.
 */
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

    @Property(tries = 300)
    void aDefangedNameIsFoundAsThePlainName(@ForAll("defangedNames") Defanged name) {
        Extraction extraction = extractor.extract("x " + name.written() + " y");

        assertThat(extraction.found()).containsExactly(
                new Found(name.plain(), 1, 3, 1, name.written().equals(name.plain()) ? null : name.written()));
        assertThat(IndicatorLines.parse(name.written())).containsExactly(name.plain());
    }

    @Property(tries = 300)
    void aDefangedUrlIsFoundAsItsPlainHost(@ForAll("defangedNames") Defanged host, @ForAll("schemes") String scheme,
            @ForAll("paths") String path) {
        String written = scheme + host.written();
        Extraction extraction = extractor.extract("url: " + written + path + "\n");

        assertThat(extraction.found()).containsExactly(new Found(host.plain(), 1, 6 + scheme.length(), 1,
                written.equals("https://" + host.plain()) || written.equals("http://" + host.plain()) ? null : written));
        assertThat(IndicatorLines.parse(written + path)).containsExactly(
                (scheme.toLowerCase(Locale.ROOT).contains("ps") ? "https://" : "http://") + host.plain() + path);
    }

    @Property(tries = 300)
    void aDefangedAddressIsFoundAsThePlainAddress(@ForAll("publicIpv4") String ip, @ForAll("threeDots") List<String> dots,
            @ForAll boolean withPort) {
        String[] octets = ip.split("\\.");
        String written = octets[0] + dots.get(0) + octets[1] + dots.get(1) + octets[2] + dots.get(2) + octets[3];
        Extraction extraction = extractor.extract("c2 " + written + (withPort ? "[:]8443" : "") + ", daily");

        assertThat(extraction.found()).containsExactly(new Found(ip, 1, 4, 1, written.equals(ip) ? null : written));
        assertThat(IndicatorLines.parse(written)).containsExactly(ip);
    }

    /** A name as written, with some or all of its dots defanged, and as it reads plainly. */
    record Defanged(String written, String plain) {}

    @Provide
    Arbitrary<Defanged> defangedNames() {
        // labels that are no reserved, local, variable or package word; top-level domains that are no file extension
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10)
                .map(l -> "q" + l);
        Arbitrary<String> tld = Arbitraries.of("com", "net", "org", "io", "xyz", "top", "de", "ru", "info", "co.uk");
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(3), tld, dots().list().ofSize(4))
                .as((labels, top, dots) -> {
                    List<String> parts = new ArrayList<>(labels);
                    parts.addAll(List.of(top.split("\\.")));
                    StringBuilder written = new StringBuilder(parts.get(0));
                    for (int i = 1; i < parts.size(); i++) {
                        written.append(dots.get((i - 1) % dots.size())).append(parts.get(i));
                    }
                    return new Defanged(written.toString(), String.join(".", parts));
                });
    }

    @Provide
    Arbitrary<String> dots() {
        return Arbitraries.of(".", "[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}", "[DOT]");
    }

    @Provide
    Arbitrary<List<String>> threeDots() {
        return dots().list().ofSize(3);
    }

    @Provide
    Arbitrary<String> schemes() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "hxxp", "hxxps", "hXXp", "hXXps", "HXXPS");
        Arbitrary<String> separator = Arbitraries.of("://", "[://]", "[:]//");
        return Combinators.combine(scheme, separator).as(String::concat);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("", "/", "/x/stage2.js", ":8443/api?id=7", "/#frag", "?q=a,b");
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
