package io.jenkins.plugins.datadog.ioc.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of extraction on a labeled corpus of real-world-shaped files (Dockerfiles, CI and
 * deploy scripts, Helm values, Terraform, lock files, requirements, web server configurations, access
 * logs, a threat report): each {@code corpus/NAME} has a {@code corpus/NAME.expected} that lists, one per
 * line, the public indicators a reader would look up in it; anything else found is a false positive.
 * docs/design.md quotes the figures this test prints.
 */
class ExtractionCorpusTest {
    private static final double MINIMUM = 0.95;

    private final IndicatorExtractor extractor = new IndicatorExtractor(false);

    @Test
    void precisionAndRecallAreAtLeast95Percent() throws IOException {
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        List<String> misses = new ArrayList<>();
        List<Path> labels = labels();
        for (Path label : labels) {
            Path file = label.resolveSibling(label.getFileName().toString().replaceFirst("\\.expected$", ""));
            Set<String> expected = new LinkedHashSet<>(IndicatorLines.parse(Files.readString(label, StandardCharsets.UTF_8)));
            Set<String> found = new LinkedHashSet<>(extractor.extract(Files.readString(file, StandardCharsets.UTF_8)).indicators());
            for (String indicator : found) {
                if (expected.contains(indicator)) {
                    truePositives++;
                } else {
                    falsePositives++;
                    misses.add(file.getFileName() + ": false positive " + indicator);
                }
            }
            for (String indicator : expected) {
                if (!found.contains(indicator)) {
                    falseNegatives++;
                    misses.add(file.getFileName() + ": missed " + indicator);
                }
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        System.out.printf("extraction corpus: %d files, %d labeled indicators, %d found, %d false positives,"
                + " %d missed: precision %.3f, recall %.3f%n", labels.size(), truePositives + falseNegatives,
                truePositives + falsePositives, falsePositives, falseNegatives, precision, recall);
        misses.forEach(miss -> System.out.println("  " + miss));

        assertThat(labels).hasSizeGreaterThanOrEqualTo(15);
        assertThat(truePositives + falseNegatives).as("labeled indicators").isGreaterThanOrEqualTo(200);
        assertThat(precision).as("precision; %s", misses).isGreaterThanOrEqualTo(MINIMUM);
        assertThat(recall).as("recall; %s", misses).isGreaterThanOrEqualTo(MINIMUM);
    }

    private static List<Path> labels() throws IOException {
        Path corpus;
        try {
            corpus = Path.of(ExtractionCorpusTest.class.getResource("corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".expected")).sorted().toList();
        }
    }
}
