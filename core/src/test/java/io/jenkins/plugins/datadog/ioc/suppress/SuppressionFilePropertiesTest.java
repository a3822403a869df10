package io.jenkins.plugins.datadog.ioc.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the file holds, the user gets an answer or a ConfigurationException naming the file, never a stack trace. */
class SuppressionFilePropertiesTest {
    private static final String EXAMPLE = """
            {
              "suppressions": [
                { "indicator": "203.0.113.7", "reason": "Our own scanner, SEC-123", "expires": "2027-03-31", "max_verdict": "unstable" },
                { "indicator": "198.51.100.0/24", "reason": "Partner range" },
                { "indicator": "*.cdn.example.com", "reason": "CDN edge names" },
                { "indicator": "2001:db8::/32", "reason": "Lab" }
              ]
            }
            """;

    @Property(tries = 2000)
    void aDamagedFileIsAConfigurationErrorNamingTheFile(@ForAll("damaged") String text) {
        Throwable thrown = catchThrowable(() -> SuppressionFile.parse(text, "suppressions.json"));

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(ConfigurationException.class);
            assertThat(thrown.getMessage()).startsWith("suppressions.json").endsWith(".").doesNotContain("Source:", "REDACTED");
        }
    }

    /** The example with a few characters replaced, removed or inserted. */
    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<Character> chars = Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '/', '*', '.', ' ', '\n', '1', 'x', '-', '\\');
        Arbitrary<String> once = Combinators.combine(Arbitraries.integers().between(0, EXAMPLE.length() - 1),
                Arbitraries.integers().between(0, 2), chars).as((at, kind, c) -> at + ":" + kind + ":" + c);
        return once.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            StringBuilder text = new StringBuilder(EXAMPLE);
            for (String edit : edits) {
                String[] parts = edit.split(":", 3);
                int at = Math.min(Integer.parseInt(parts[0]), text.length() - 1);
                char c = parts[2].charAt(0);
                switch (parts[1]) {
                    case "0" -> text.setCharAt(at, c);
                    case "1" -> text.deleteCharAt(at);
                    default -> text.insert(at, c);
                }
            }
            return text.toString();
        });
    }
}
