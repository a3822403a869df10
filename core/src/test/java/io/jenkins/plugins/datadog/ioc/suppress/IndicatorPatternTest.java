package io.jenkins.plugins.datadog.ioc.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorPatternTest {
    private static boolean matches(String pattern, String indicator) {
        return IndicatorPattern.parse(pattern).matches(indicator);
    }

    @ParameterizedTest
    @CsvSource({
        "203.0.113.7, 203.0.113.7, true",
        "203.0.113.7, 203.0.113.70, false",
        "203.0.113.7, ' 203.0.113.7 ', true",
        "Evil.Example.COM, evil.example.com, true",
        "evil.example.com, a.evil.example.com, false",
        "2001:DB8::1, 2001:db8:0:0:0:0:0:1, true",
        "2001:db8:0:0:0:0:0:1, 2001:DB8::1, true",
        "[2001:db8::1], 2001:db8::1, true",
        "2001:db8::1, 2001:db8::2, false",
        "::1, 0:0:0:0:0:0:0:1, true",
        "d41d8cd98f00b204e9800998ecf8427e, D41D8CD98F00B204E9800998ECF8427E, true",
    })
    void exactValuesMatchCaseInsensitivelyAndAddressesHoweverWritten(String pattern, String indicator, boolean expected) {
        assertThat(matches(pattern, indicator)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "198.51.100.0/24, 198.51.100.0, true",
        "198.51.100.0/24, 198.51.100.255, true",
        "198.51.100.0/24, 198.51.100.77, true",
        "198.51.100.0/24, 198.51.101.0, false",
        "198.51.100.0/24, 198.51.99.255, false",
        "198.51.100.0/24, 2001:db8::1, false",
        "198.51.100.0/24, example.com, false",
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "0.0.0.0/0, 0.0.0.0, true",
        "0.0.0.0/0, 255.255.255.255, true",
        "0.0.0.0/0, ::1, false",
        "203.0.113.7/32, 203.0.113.7, true",
        "203.0.113.7/32, 203.0.113.6, false",
        "203.0.113.7/32, 203.0.113.8, false",
        "2001:db8::/32, 2001:db8::1, true",
        "2001:db8::/32, 2001:DB8:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF, true",
        "2001:db8::/32, 2001:db9::, false",
        "2001:db8::/32, 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, false",
        "2001:db8::/32, 198.51.100.1, false",
        "2001:db8:0:1::/64, 2001:db8:0:1:ffff::1, true",
        "2001:db8:0:1::/64, 2001:db8:0:2::, false",
        "::/0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "::/0, 10.0.0.1, false",
        "2001:db8::1/128, 2001:db8:0:0:0:0:0:1, true",
        "2001:db8::1/128, 2001:db8::2, false",
    })
    void cidrBlocksMatchTheAddressesInside(String pattern, String indicator, boolean expected) {
        assertThat(matches(pattern, indicator)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "*.cdn.example.com, a.cdn.example.com, true",
        "*.cdn.example.com, x.y.cdn.example.com, true",
        "*.cdn.example.com, A.CDN.Example.com, true",
        "*.cdn.example.com, a.cdn.example.com., true",
        "*.CDN.example.com, a.cdn.example.com, true",
        "*.cdn.example.com, cdn.example.com, false",
        "*.cdn.example.com, evilcdn.example.com, false",
        "*.cdn.example.com, a.cdn.example.com.evil, false",
        "*.cdn.example.com, .cdn.example.com, false",
    })
    void domainPatternsMatchTheNamesUnderTheDomain(String pattern, String indicator, boolean expected) {
        assertThat(matches(pattern, indicator)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "198.51.100.1/24 | \"198.51.100.1/24\" has host bits set: the block starts at 198.51.100.0/24",
        "10.0.0.0/0      | \"10.0.0.0/0\" has host bits set: the block starts at 0.0.0.0/0",
        "2001:db8::1/32  | \"2001:db8::1/32\" has host bits set: the block starts at 2001:db8::/32",
        "2001:db8:0:0:1::/64 | \"2001:db8:0:0:1::/64\" has host bits set: the block starts at 2001:db8::/64",
        "::1/64          | \"::1/64\" has host bits set: the block starts at ::/64",
        "10.0.0.0/33     | \"10.0.0.0/33\" has a prefix length that is not 0 to 32",
        "2001:db8::/129  | \"2001:db8::/129\" has a prefix length that is not 0 to 128",
        "10.0.0.0/-1     | \"10.0.0.0/-1\" has a prefix length that is not 0 to 32",
        "10.0.0.0/+8     | \"10.0.0.0/+8\" has a prefix length that is not 0 to 32",
        "10.0.0.0/       | \"10.0.0.0/\" has a prefix length that is not 0 to 32",
        "10.0.0.0/8/9    | \"10.0.0.0/8/9\" has a prefix length that is not 0 to 32",
        "10.0.0.0/abc    | \"10.0.0.0/abc\" has a prefix length that is not 0 to 32",
    })
    void badBlocksAreRefused(String pattern, String message) {
        assertThatThrownBy(() -> IndicatorPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*evil.com    | \"*evil.com\" has a \"*\" that is not a leading \"*.\": only *.example.com patterns are supported",
        "a.*.com      | \"a.*.com\" has a \"*\" that is not a leading \"*.\": only *.example.com patterns are supported",
        "evil.*       | \"evil.*\" has a \"*\" that is not a leading \"*.\": only *.example.com patterns are supported",
        "*            | \"*\" has a \"*\" that is not a leading \"*.\": only *.example.com patterns are supported",
        "*.com        | \"*.com\" is not a domain pattern: write *.example.com, with at least two labels after \"*.\"",
        "*.           | \"*.\" is not a domain pattern: write *.example.com, with at least two labels after \"*.\"",
        "*.*.example.com | \"*.*.example.com\" is not a domain pattern: write *.example.com, with at least two labels after \"*.\"",
        "*.exa mple.com  | \"*.exa mple.com\" is not a domain pattern: write *.example.com, with at least two labels after \"*.\"",
        "*.0.113.7    | \"*.0.113.7\" is not a domain pattern: write *.example.com, with at least two labels after \"*.\"",
    })
    void badWildcardsAreRefused(String pattern, String message) {
        assertThatThrownBy(() -> IndicatorPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void anEmptyPatternIsRefused() {
        assertThatThrownBy(() -> IndicatorPattern.parse("  ")).hasMessage("the indicator is empty");
        assertThatThrownBy(() -> IndicatorPattern.parse(null)).hasMessage("the indicator is empty");
    }

    @Test
    void thePatternReadsAsWritten() {
        assertThat(IndicatorPattern.parse(" 2001:DB8::/32 ")).hasToString("2001:DB8::/32");
        assertThat(IndicatorPattern.parse("*.CDN.example.com")).hasToString("*.CDN.example.com");
    }

    @Test
    void textThatOnlyLooksLikeAnAddressIsMatchedAsText() {
        // Not literals: compared as text, and never sent to DNS.
        assertThat(matches(".a:b", ".a:b")).isTrue();
        assertThat(matches(".a:b", ".A:B")).isTrue();
        assertThat(IndicatorPattern.IpAddress.parse(".a:b")).isNull();
        assertThat(IndicatorPattern.IpAddress.parse("1:2")).isNull();
        assertThat(IndicatorPattern.IpAddress.parse("010.0.0.1")).isNull();
        assertThat(matches("example.com/24", "example.com/24")).isTrue();
    }
}
