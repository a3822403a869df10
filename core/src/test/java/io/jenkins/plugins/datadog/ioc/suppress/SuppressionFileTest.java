package io.jenkins.plugins.datadog.ioc.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionFileTest {
    private static final String EXAMPLE = """
            {
              "suppressions": [
                { "indicator": "203.0.113.7", "reason": "Our own scanner, SEC-123", "expires": "2027-03-31", "max_verdict": "unstable" },
                { "indicator": "198.51.100.0/24", "reason": "Partner range" },
                { "indicator": "*.cdn.example.com", "reason": "CDN edge names" }
              ]
            }
            """;

    private static String error(String json) {
        return assertThatThrownBy(() -> SuppressionFile.parse(json, "suppressions.json"))
                .isExactlyInstanceOf(ConfigurationException.class)
                .actual().getMessage();
    }

    /** The message for one entry's body, written as the third entry from line 5 on. */
    private static String entryError(String entry) {
        return error("""
                {
                  "suppressions": [
                    {"indicator": "198.51.100.1", "reason": "first"},
                    {"indicator": "198.51.100.2", "reason": "second"},
                    %s
                  ]
                }
                """.formatted(entry));
    }

    @Test
    void readsTheExample() {
        List<Suppression> entries = SuppressionFile.parse(EXAMPLE, "ci/suppressions.json");

        assertThat(entries).hasSize(3);
        Suppression scanner = entries.get(0);
        assertThat(scanner.pattern()).hasToString("203.0.113.7");
        assertThat(scanner.reason()).isEqualTo("Our own scanner, SEC-123");
        assertThat(scanner.expires()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(scanner.maxVerdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(scanner.source()).isEqualTo("ci/suppressions.json entry 1");

        Suppression partner = entries.get(1);
        assertThat(partner.expires()).isNull();
        assertThat(partner.maxVerdict()).isEqualTo(Verdict.PASS);
        assertThat(partner.matches("198.51.100.200")).isTrue();
        assertThat(partner.source()).isEqualTo("ci/suppressions.json entry 2");

        assertThat(entries.get(2).matches("edge-1.cdn.example.com")).isTrue();
        assertThat(entries.get(2).source()).isEqualTo("ci/suppressions.json entry 3");
    }

    @Test
    void noEntriesIsValid() {
        assertThat(SuppressionFile.parse("{\"suppressions\": []}", "s.json")).isEmpty();
        assertThat(SuppressionFile.parse("\uFEFF{\"suppressions\": []}\n", "s.json")).as("a byte order mark").isEmpty();
    }

    @Test
    void valuesAreTrimmedAndVerdictsReadInAnyCase() {
        Suppression entry = SuppressionFile.parse("""
                {"suppressions": [{"indicator": " Evil.Example ", "reason": " accepted ", "expires": " 2027-03-31 ",
                  "max_verdict": "PASS"}]}
                """, "s.json").get(0);

        assertThat(entry.pattern()).hasToString("Evil.Example");
        assertThat(entry.reason()).isEqualTo("accepted");
        assertThat(entry.expires()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(entry.maxVerdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void theSameIndicatorInTwoFilesIsNotAnError() {
        String file = "{\"suppressions\": [{\"indicator\": \"203.0.113.7\", \"reason\": \"r\"}]}";

        assertThat(SuppressionFile.parse(file, "a.json")).hasSize(1);
        assertThat(SuppressionFile.parse(file, "b.json")).hasSize(1);
    }

    @Test
    void theWholeFileMustBeAnObjectWithAnArrayOfSuppressions() {
        assertThat(error("")).isEqualTo("suppressions.json is empty: write {\"suppressions\": [...]}, with an entry such as"
                + " {\"indicator\": \"203.0.113.7\", \"reason\": \"Our own scanner, SEC-123\"} per accepted indicator.");
        assertThat(error(" \n\t")).startsWith("suppressions.json is empty: ");
        assertThat(error("[{\"indicator\": \"203.0.113.7\", \"reason\": \"r\"}]"))
                .isEqualTo("suppressions.json, line 1: the file must be a JSON object {\"suppressions\": [...]}, not an array.");
        assertThat(error("\"203.0.113.7\""))
                .isEqualTo("suppressions.json, line 1: the file must be a JSON object {\"suppressions\": [...]},"
                        + " not the string \"203.0.113.7\".");
        assertThat(error("{}")).isEqualTo("suppressions.json has no \"suppressions\" key: write {\"suppressions\": [...]},"
                + " with an entry per accepted indicator.");
        assertThat(error("{\n  \"suppressions\": {\"indicator\": \"203.0.113.7\"}\n}"))
                .isEqualTo("suppressions.json, line 2: \"suppressions\" must be an array [...] of entries, not an object.");
        assertThat(error("{\"suppressions\": null}"))
                .isEqualTo("suppressions.json, line 1: \"suppressions\" must be an array [...] of entries, not null.");
        assertThat(error("{\n  \"supressions\": []\n}"))
                .isEqualTo("suppressions.json, line 2: unknown key \"supressions\": the file has only \"suppressions\","
                        + " the list of entries.");
        assertThat(error("{\n  \"suppressions\": [],\n  \"suppressions\": []\n}"))
                .isEqualTo("suppressions.json, line 3: \"suppressions\" is given twice, also at line 2: keep one.");
    }

    @Test
    void aFileThatIsNotJsonIsNotEchoedBack() {
        String secret = "root:$6$hunter2secret:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::";

        String message = error(secret);

        assertThat(message).startsWith("suppressions.json is not valid JSON at line 1, column 1: Unrecognized token:")
                .doesNotContain("root").doesNotContain("hunter2").doesNotContain("daemon");
        assertThat(error("token-like ': was expecting' text")).doesNotContain("token-like").doesNotContain("text");
    }

    @Test
    void notJsonSaysWhereWithoutJacksonsParserTalk() {
        assertThat(error("suppressions:\n  - indicator: 203.0.113.7"))
                .isEqualTo("suppressions.json is not valid JSON at line 1, column 1: Unrecognized token:"
                        + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false').");
        assertThat(error("{\n  \"suppressions\": [\n    {\"indicator\": \"203.0.113.7\", \"reason\": \"r\",}\n  ]\n}"))
                .isEqualTo("suppressions.json is not valid JSON at line 3, column 48: Unexpected character ('}' (code 125)):"
                        + " was expecting double-quote to start field name.");
        assertThat(error("{\n  \"suppressions\": [\n  }\n}"))
                .isEqualTo("suppressions.json is not valid JSON at line 3, column 3: Unexpected close marker '}':"
                        + " expected ']' (for Array starting at line 2, column 19).");
        assertThat(error("{\"suppressions\": ["))
                .isEqualTo("suppressions.json is not valid JSON at line 1, column 19: Unexpected end-of-input:"
                        + " expected close marker for Array (start marker at line 1, column 18).");
        assertThat(error("{'suppressions': []}"))
                .isEqualTo("suppressions.json is not valid JSON at line 1, column 2: Unexpected character (''' (code 39)):"
                        + " was expecting double-quote to start field name.");
        assertThat(error("// accepted risks\n{\"suppressions\": []}"))
                .isEqualTo("suppressions.json is not valid JSON at line 1, column 1: JSON has no comments, say it in a \"reason\".");
        assertThat(error("{\"suppressions\": []}\n{\"suppressions\": []}"))
                .isEqualTo("suppressions.json is not valid JSON at line 2, column 1: there is more after the end of the top object.");
    }

    @Test
    void anEntryMustBeAnObject() {
        assertThat(entryError("\"203.0.113.7\"")).isEqualTo("suppressions.json, entry 3 (line 5): an entry must be an object"
                + " such as {\"indicator\": \"203.0.113.7\", \"reason\": \"Our own scanner, SEC-123\"}, not the string \"203.0.113.7\".");
        assertThat(entryError("[\"203.0.113.7\"]")).endsWith(", not an array.");
        assertThat(entryError("null")).endsWith(", not null.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // the entry, written on line 5 | the message after "suppressions.json, entry 3 "
        "{\"reason\": \"r\"}"
                + " | (line 5): \"indicator\" is missing: add the indicator to suppress, e.g. \"indicator\": \"203.0.113.7\".",
        "{\"indicator\": \" \", \"reason\": \"r\"}"
                + " | (line 5): \"indicator\" is empty: write the indicator to suppress, e.g. 203.0.113.7, 198.51.100.0/24 or *.cdn.example.com.",
        "{\"indicator\": \"*evil.com\", \"reason\": \"r\"}"
                + " | (line 5): \"*evil.com\" has a \"*\" that is not a leading \"*.\": only *.example.com patterns are supported.",
        "{\"indicator\": \"a.*.com\", \"reason\": \"r\"}"
                + " | (line 5): \"a.*.com\" has a \"*\" that is not a leading \"*.\": only *.example.com patterns are supported.",
        "{\"indicator\": \"*.com\", \"reason\": \"r\"}"
                + " | (line 5): \"*.com\" is not a domain pattern: write *.example.com, with at least two labels after \"*.\".",
        "{\"indicator\": \"198.51.100.1/24\", \"reason\": \"r\"}"
                + " | (line 5): \"198.51.100.1/24\" has host bits set: the block starts at 198.51.100.0/24.",
        "{\"indicator\": \"198.51.100.0/33\", \"reason\": \"r\"}"
                + " | (line 5): \"198.51.100.0/33\" has a prefix length that is not 0 to 32.",
        "{\"indicator\": \"203.0.113.7\"}"
                + " | (\"203.0.113.7\", line 5): \"reason\" is missing: say why the indicator is accepted, e.g. \"reason\": \"Our own scanner, SEC-123\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"\"}"
                + " | (\"203.0.113.7\", line 5): \"reason\" is empty: say why the indicator is accepted, e.g. Our own scanner, SEC-123.",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"expires\": \"31/03/2027\"}"
                + " | (\"203.0.113.7\", line 5): \"expires\" must be a date written 2027-03-31, not \"31/03/2027\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"expires\": \"2027-3-31\"}"
                + " | (\"203.0.113.7\", line 5): \"expires\" must be a date written 2027-03-31, not \"2027-3-31\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"expires\": \"2027-03-31T12:00:00Z\"}"
                + " | (\"203.0.113.7\", line 5): \"expires\" must be a date written 2027-03-31, not \"2027-03-31T12:00:00Z\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"expires\": \"2027-02-30\"}"
                + " | (\"203.0.113.7\", line 5): \"expires\" is \"2027-02-30\", which is not a day of the calendar.",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"expires\": \"\"}"
                + " | (\"203.0.113.7\", line 5): \"expires\" is empty: write the last day the suppression applies, e.g. 2027-03-31, or leave \"expires\" out for no expiry.",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"max_verdict\": \"failure\"}"
                + " | (\"203.0.113.7\", line 5): \"max_verdict\" must be pass or unstable, not \"failure\": a suppression that allows failure suppresses nothing.",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"max_verdict\": \"warn\"}"
                + " | (\"203.0.113.7\", line 5): \"max_verdict\" must be pass or unstable, not \"warn\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"expiry\": \"2027-03-31\"}"
                + " | (\"203.0.113.7\", line 5): unknown key \"expiry\": the keys of an entry are indicator, reason, expires and max_verdict.",
        "{\"indicator\": \"203.0.113.7\", \"reason\": 123}"
                + " | (\"203.0.113.7\", line 5): \"reason\" must be a string, not the number 123: write \"reason\": \"Our own scanner, SEC-123\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"expires\": 20270331}"
                + " | (\"203.0.113.7\", line 5): \"expires\" must be a string, not the number 20270331: write \"expires\": \"2027-03-31\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"max_verdict\": false}"
                + " | (\"203.0.113.7\", line 5): \"max_verdict\" must be a string, not false: write \"max_verdict\": \"unstable\".",
        "{\"indicator\": [\"203.0.113.7\"], \"reason\": \"r\"}"
                + " | (line 5): \"indicator\" must be a string, not an array: write \"indicator\": \"203.0.113.7\".",
        "{\"indicator\": null, \"reason\": \"r\"}"
                + " | (line 5): \"indicator\" must be a string, not null: write \"indicator\": \"203.0.113.7\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": {\"text\": \"r\"}}"
                + " | (\"203.0.113.7\", line 5): \"reason\" must be a string, not an object: write \"reason\": \"Our own scanner, SEC-123\".",
        "{\"indicator\": \"203.0.113.7\", \"reason\": \"r\", \"reason\": \"s\"}"
                + " | (\"203.0.113.7\", line 5): \"reason\" is given twice, also at line 5: keep one.",
        "{\"indicator\": \"198.51.100.1\", \"reason\": \"again\"}"
                + " | (\"198.51.100.1\", line 5): the same indicator as entry 1 (line 3): keep one of the two entries.",
    })
    void eachMistakeNamesTheEntryItsLineAndTheFix(String entry, String message) {
        assertThat(entryError(entry)).isEqualTo("suppressions.json, entry 3 " + message);
    }

    @Test
    void theLineIsThatOfTheValueAtFault() {
        assertThat(error("""
                {"suppressions": [
                  {
                    "indicator": "203.0.113.7",
                    "reason": "Our own scanner",
                    "expires": "31/03/2027"
                  },
                  {
                    "reason": "Partner range",
                    "indicator": "203.0.113.7",
                    "reason": "twice"
                  }
                ]}
                """)).isEqualTo("suppressions.json, entry 1 (\"203.0.113.7\", line 5): \"expires\" must be a date written"
                + " 2027-03-31, not \"31/03/2027\".");
        assertThat(error("""
                {"suppressions": [
                  {
                    "reason": "Partner range",
                    "indicator": "203.0.113.7",
                    "reason": "twice"
                  }
                ]}
                """)).isEqualTo("suppressions.json, entry 1 (\"203.0.113.7\", line 5): \"reason\" is given twice, also at line 3:"
                + " keep one.");
        assertThat(error("""
                {"suppressions": [
                  {
                    "indicator": "*.cdn.example.com",
                    "reason": "CDN"
                  },
                  {
                    "reason": "CDN again",
                    "indicator": "*.CDN.example.com"
                  }
                ]}
                """)).as("the same pattern in other case").isEqualTo("suppressions.json, entry 2 (\"*.CDN.example.com\", line 8):"
                + " the same indicator as entry 1 (line 3): keep one of the two entries.");
    }

    @Test
    void readsAFileAsUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("suppressions.json");
        Files.writeString(file, "{\"suppressions\": [{\"indicator\": \"203.0.113.7\", \"reason\": \"Prüfung, SEC-123\"}]}");

        List<Suppression> entries = SuppressionFile.read(file, "suppressions.json");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("Prüfung, SEC-123");
            assertThat(e.source()).isEqualTo("suppressions.json entry 1");
        });
    }

    @Test
    void fileProblemsNameTheFileAsWritten(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> SuppressionFile.read(dir.resolve("missing.json"), "ci/missing.json"))
                .isExactlyInstanceOf(ConfigurationException.class).hasMessage("ci/missing.json: no such file.");
        assertThatThrownBy(() -> SuppressionFile.read(dir, "ci"))
                .isExactlyInstanceOf(ConfigurationException.class).hasMessage("ci: is a directory, not a suppression file.");

        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"suppressions\": [{\"indicator\": \"x.example\", \"reason\": \"Prüfung\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SuppressionFile.read(latin1, "latin1.json"))
                .isExactlyInstanceOf(ConfigurationException.class).hasMessage("latin1.json is not UTF-8 text: save it as UTF-8.");

        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"suppressions\": [" + " ".repeat(SuppressionFile.MAX_BYTES) + "]}");
        assertThatThrownBy(() -> SuppressionFile.read(big, "big.json"))
                .isExactlyInstanceOf(ConfigurationException.class).hasMessage("big.json is larger than 1 MiB: is it the suppression file?");
        assertThatThrownBy(() -> SuppressionFile.parse(Files.readString(big), "big.json"))
                .isExactlyInstanceOf(ConfigurationException.class).hasMessage("big.json is larger than 1 MiB: is it the suppression file?");
    }

    @Test
    void entryChecksOneEntryAsAFileEntryIsChecked() {
        Suppression entry = SuppressionFile.entry(" 198.51.100.0/24 ", "Partner range", "2027-03-31", "unstable", "global suppression 1");

        assertThat(entry.pattern()).hasToString("198.51.100.0/24");
        assertThat(entry.reason()).isEqualTo("Partner range");
        assertThat(entry.expires()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(entry.maxVerdict()).isEqualTo(Verdict.UNSTABLE);
        assertThat(entry.source()).isEqualTo("global suppression 1");
    }

    @Test
    void entryTakesBlankOptionalFieldsAsNotGiven() {
        Suppression entry = SuppressionFile.entry("203.0.113.7", "Scanner", "", " ", "global suppression 1");
        assertThat(entry.expires()).isNull();
        assertThat(entry.maxVerdict()).isEqualTo(Verdict.PASS);

        Suppression nulls = SuppressionFile.entry("203.0.113.7", "Scanner", null, null, "global suppression 1");
        assertThat(nulls.expires()).isNull();
        assertThat(nulls.maxVerdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void entryMessagesStartWithTheSource() {
        assertThatThrownBy(() -> SuppressionFile.entry("203.0.113.7", "Scanner", "31/03/2027", null, "global suppression 2"))
                .isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("global suppression 2 (\"203.0.113.7\"): \"expires\" must be a date written 2027-03-31, not \"31/03/2027\".");
        assertThatThrownBy(() -> SuppressionFile.entry("203.0.113.7", " ", null, null, "global suppression 2"))
                .hasMessage("global suppression 2 (\"203.0.113.7\"): \"reason\" is empty: say why the indicator is accepted,"
                        + " e.g. Our own scanner, SEC-123.");
        assertThatThrownBy(() -> SuppressionFile.entry("203.0.113.7", null, null, "failure", "global suppression 2"))
                .hasMessageStartingWith("global suppression 2 (\"203.0.113.7\"): \"reason\" is empty");
        assertThatThrownBy(() -> SuppressionFile.entry("203.0.113.7", "Scanner", null, "failure", "global suppression 2"))
                .hasMessage("global suppression 2 (\"203.0.113.7\"): \"max_verdict\" must be pass or unstable, not \"failure\":"
                        + " a suppression that allows failure suppresses nothing.");
        assertThatThrownBy(() -> SuppressionFile.entry(null, "Scanner", null, null, "global suppression 2"))
                .hasMessage("global suppression 2: \"indicator\" is empty: write the indicator to suppress, e.g. 203.0.113.7,"
                        + " 198.51.100.0/24 or *.cdn.example.com.");
        assertThatThrownBy(() -> SuppressionFile.entry("10.0.0.1/8", "Scanner", null, null, "global suppression 2"))
                .hasMessage("global suppression 2: \"10.0.0.1/8\" has host bits set: the block starts at 10.0.0.0/8.");
    }
}
