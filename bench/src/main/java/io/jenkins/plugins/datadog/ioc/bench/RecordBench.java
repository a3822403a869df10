package io.jenkins.plugins.datadog.ioc.bench;

import io.jenkins.plugins.datadog.ioc.client.IndicatorParser;
import io.jenkins.plugins.datadog.ioc.client.LookupResult;
import io.jenkins.plugins.datadog.ioc.client.MalformedResponseException;
import io.jenkins.plugins.datadog.ioc.policy.GatePolicy;
import io.jenkins.plugins.datadog.ioc.record.BuildRecords;
import io.jenkins.plugins.datadog.ioc.record.LookupSummary;
import io.jenkins.plugins.datadog.ioc.record.RecordFile;
import io.jenkins.plugins.datadog.ioc.record.ResultQuery;
import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import io.jenkins.plugins.datadog.ioc.client.LookupStatus;
import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Jenkins detail page costs on the core side, for N indicators: writing the build's record file,
 * reading it back, ordering it, and computing a page (first page, a verdict filter, a text search), plus
 * the heap the loaded records take. Each step is timed over several rounds after warm-up; medians printed.
 *
 * <pre>java -cp bench/target/bench-server.jar:core/target/classes:... RecordBench [N...]</pre>
 */
public final class RecordBench {
    private static final int ROUNDS = 7;

    private RecordBench() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("%8s %10s %9s %9s %9s %9s %9s %9s %10s%n", "results", "file", "write", "read", "order",
                "page 1", "filter", "search", "heap");
        for (int n : sizes) {
            run(n);
        }
    }

    private static void run(int n) throws IOException, MalformedResponseException {
        GateReport report = report(n);
        Path dir = Files.createTempDirectory("record-bench");
        try {
            long[] write = new long[ROUNDS];
            long[] read = new long[ROUNDS];
            long[] order = new long[ROUNDS];
            long[] first = new long[ROUNDS];
            long[] filter = new long[ROUNDS];
            long[] search = new long[ROUNDS];
            BuildRecords records = null;
            for (int round = -3; round < ROUNDS; round++) {
                Files.deleteIfExists(dir.resolve(RecordFile.NAME));
                RecordFile file = new RecordFile(dir);
                long t0 = System.nanoTime();
                file.add(report);
                long t1 = System.nanoTime();
                var loaded = file.read();
                long t2 = System.nanoTime();
                records = BuildRecords.of(loaded);
                long t3 = System.nanoTime();
                records.page(ResultQuery.ALL);
                long t4 = System.nanoTime();
                records.page(new ResultQuery(Verdict.UNSTABLE, LookupStatus.FOUND, "", 2));
                long t5 = System.nanoTime();
                records.page(new ResultQuery(null, null, "spamhaus", 1));
                long t6 = System.nanoTime();
                if (round >= 0) {
                    write[round] = t1 - t0;
                    read[round] = t2 - t1;
                    order[round] = t3 - t2;
                    first[round] = t4 - t3;
                    filter[round] = t5 - t4;
                    search[round] = t6 - t5;
                }
            }
            long heap = heapOf(dir);
            System.out.printf("%8d %8d KB %6.1f ms %6.1f ms %6.1f ms %6.2f ms %6.2f ms %6.2f ms %7d KB%n", records.size(),
                    Files.size(dir.resolve(RecordFile.NAME)) / 1024, ms(write), ms(read), ms(order), ms(first), ms(filter),
                    ms(search), heap / 1024);
            System.out.printf("         summary kept in build.xml: %d indicators, %d characters as text%n",
                    LookupSummary.of(report, List.of("datadoghq.com"), List.of()).indicators(),
                    LookupSummary.of(report, List.of("datadoghq.com"), List.of()).toString().length());
        } finally {
            Files.deleteIfExists(dir.resolve(RecordFile.NAME));
            Files.deleteIfExists(dir);
        }
    }

    /** Heap held by one build's loaded records: used heap after loading minus before, after collections. */
    private static long heapOf(Path dir) throws IOException {
        Runtime rt = Runtime.getRuntime();
        settle();
        long before = rt.totalMemory() - rt.freeMemory();
        BuildRecords held = BuildRecords.of(new RecordFile(dir).read());
        settle();
        long after = rt.totalMemory() - rt.freeMemory();
        if (held.size() < 0) {
            throw new IllegalStateException();
        }
        return after - before;
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static double ms(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    /** Realistic answers: a third fully filled (sources, categories, AS, geo), scores spread, a tenth unknown. */
    private static GateReport report(int n) throws MalformedResponseException {
        GatePolicy policy = GatePolicy.builder().unstableThreshold(50.0).failThreshold(80.0).build();
        List<IndicatorReport> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String indicator = "198.51." + (i / 250) + "." + (i % 250);
            LookupResult lookup = i % 10 == 3 ? LookupResult.notFound(indicator, 1, Duration.ofMillis(9))
                    : LookupResult.found(indicator, IndicatorParser.parse(body(indicator, (i * 37) % 100, i % 3 == 0)), 1,
                            Duration.ofMillis(12));
            results.add(new IndicatorReport(lookup, policy.assess(lookup)));
        }
        return new GateReport(results, 0, Duration.ofSeconds(3));
    }

    private static byte[] body(String indicator, int score, boolean full) {
        String extra = full ? ",\"malicious_sources\":[{\"name\":\"AbuseIPDB\"},{\"name\":\"Spamhaus DROP\"}],"
                + "\"categories\":[\"scanner\",\"malware\"],\"tags\":[\"source:abuseipdb\"],\"as_number\":\"AS64500\","
                + "\"as_organization\":\"Example Hosting B.V.\",\"as_type\":\"hosting\",\"as_geo\":{\"city\":\"Amsterdam\","
                + "\"country_code\":\"NL\",\"country_name\":\"Netherlands\"},\"log_matches\":120,\"signal_matches\":3,"
                + "\"first_seen\":\"2024-05-01T10:00:00.000Z\",\"last_seen\":\"2024-05-20T08:30:15.250Z\"" : "";
        String data = "{\"indicator\":\"" + indicator + "\",\"indicator_type\":\"IP Address\",\"score\":" + score + extra + "}";
        return ("{\"data\":{\"attributes\":{\"data\":" + data + "}}}").getBytes(StandardCharsets.UTF_8);
    }
}
