package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.ConfigurationException;
import io.jenkins.plugins.datadog.ioc.client.IocClient;
import io.jenkins.plugins.datadog.ioc.client.IocClientConfig;
import io.jenkins.plugins.datadog.ioc.extract.Extraction;
import io.jenkins.plugins.datadog.ioc.extract.IndicatorExtractor;
import io.jenkins.plugins.datadog.ioc.extract.IndicatorLines;
import io.jenkins.plugins.datadog.ioc.extract.Location;
import io.jenkins.plugins.datadog.ioc.extract.Locations;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way the CLI and the plugin run a gate: gathers the request's indicators, refuses a run with
 * nothing to check or too much, looks them up with the policy and the suppressions, and returns the report
 * with each indicator's place in its file.
 */
public final class GateRun {
    /**
     * The client's settings but the timeout and the concurrency, which the request sets; asked for only once
     * the indicators are known to be usable, so that a mistake in them is said before any key is read.
     */
    @FunctionalInterface
    public interface ClientSettings<E extends Exception> {
        IocClientConfig.Builder get() throws E;
    }

    /** Hears that the run starts, with how many indicators were gathered (duplicates included). */
    @FunctionalInterface
    public interface StartListener {
        StartListener NONE = indicators -> {};

        void started(int indicators);
    }

    /**
     * The indicators of a request, in order.
     *
     * @param skipped private or local indicators left out of extractions, to show in the report
     * @param locations where each indicator read from a named file was first found
     */
    record Gathered(List<String> indicators, int skipped, Map<String, Location> locations) {}

    private GateRun() {}

    /**
     * @param cache shared recent answers, or {@code null} for none
     * @throws ConfigurationException when there is nothing to check or more than the limit
     * @throws InterruptedException if the thread was interrupted; lookups under way are cancelled
     */
    public static <E extends Exception> GateReport run(GateRequest request, ClientSettings<E> client, LookupCache cache,
            StartListener start, ProgressListener progress) throws E, InterruptedException {
        Gathered input = gather(request);
        IocClientConfig config = client.get()
                .timeout(request.timeout())
                .maxConcurrentRequests(request.concurrency())
                .build();
        start.started(input.indicators().size());
        GateReport report;
        try (IocClient lookups = new IocClient(config)) {
            report = new IocGate(lookups, request.policy(), request.options(), request.concurrency(), cache,
                    request.suppressions()).run(input.indicators(), input.skipped(), progress);
        }
        return report.withLocations(input.locations());
    }

    /**
     * The request's indicators: those given one by one, then each file's.
     *
     * @throws ConfigurationException when there is nothing to check or more than the limit
     */
    static Gathered gather(GateRequest request) {
        List<String> all = new ArrayList<>(request.indicators());
        int skipped = 0;
        Locations locations = new Locations();
        IndicatorExtractor extractor = new IndicatorExtractor(request.includePrivate());
        List<String> emptyFiles = new ArrayList<>();
        for (GateRequest.Source source : request.sources()) {
            List<String> found;
            Extraction extraction;
            if (source.extraction() != null) {
                extraction = source.extraction();
                found = extraction.indicators();
            } else if (request.extract()) {
                extraction = extractor.extract(source.text());
                found = extraction.indicators();
            } else {
                // Every line as written, duplicates too, as a list given by hand is.
                extraction = new Extraction(IndicatorLines.locate(source.text()), 0);
                found = IndicatorLines.parse(source.text());
            }
            all.addAll(found);
            skipped += extraction.skipped();
            if (source.name() != null) { // standard input is no place a report could point at
                locations.add(source.name(), extraction);
            }
            if (found.isEmpty() && source.name() != null) {
                emptyFiles.add(source.name());
            }
        }
        // An extraction that finds nothing public is a clean answer (the run passes with a note); a list the
        // user gave that holds nothing is a mistake.
        if (all.isEmpty() && !(request.extract() && !request.sources().isEmpty())) {
            throw new ConfigurationException(nothingGiven(emptyFiles, request.wording()));
        }
        Integer max = request.maxIndicators();
        if (max != null && all.size() > max) {
            String hint = request.wording().raiseLimit();
            throw new ConfigurationException("This run has " + all.size() + " indicators, more than the " + max
                    + " allowed per run" + (hint.isEmpty() ? "." : " " + hint));
        }
        return new Gathered(all, skipped, locations.toMap());
    }

    /** {@code No indicator found in the file 'iocs.txt'. No indicator given: ...}. */
    private static String nothingGiven(List<String> emptyFiles, GateRequest.Wording wording) {
        String files = emptyFiles.isEmpty() ? "" : "No indicator found in the file" + (emptyFiles.size() == 1 ? " '" : "s '")
                + String.join("', '", emptyFiles) + "'. ";
        return files + "No indicator given: " + wording.giveIndicators() + '.';
    }
}
