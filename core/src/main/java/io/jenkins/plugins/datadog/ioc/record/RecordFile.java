package io.jenkins.plugins.datadog.ioc.record;

import io.jenkins.plugins.datadog.ioc.report.GateReport;
import io.jenkins.plugins.datadog.ioc.report.JsonReport;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A build's records: one JSON report (docs/report-format.md) in the build's directory, the very report a
 * user downloads. Each gate run adds its results by read, merge and write under a lock for the file, and
 * the write goes to a temporary file moved over the old one, so that a reader sees the whole old report
 * or the whole new one, never half. One file rather than one per step: what is kept is what is
 * downloaded, and readers need not merge; the rewrite costs one read and one write per step.
 * The lock is the controller's own (all steps record there); the locks are striped so that their number
 * stays fixed however many builds are recorded.
 */
public final class RecordFile {
    /** The file's name in the build directory. */
    public static final String NAME = "datadog-ioc-report.json";
    /** Results kept in memory when a file is read; the gate's own cap is at most 100,000 per step. */
    public static final int MAX_RESULTS = 200_000;
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final Path file;

    public RecordFile(Path directory) {
        this.file = directory.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Adds a gate run's results to the file, creating it on first use. */
    public void add(GateReport report) throws IOException {
        ReentrantLock lock = lock();
        lock.lock();
        try {
            GateReport all = report;
            if (exists()) {
                ReportReader.Read known = read(Integer.MAX_VALUE);
                all = ReportMerge.merge(known.report(), report);
            }
            write(all);
        } finally {
            lock.unlock();
        }
    }

    /** The records, at most {@link #MAX_RESULTS} of them. */
    public ReportReader.Read read() throws IOException {
        return read(MAX_RESULTS);
    }

    /** @throws NoSuchFileException when nothing was recorded */
    public ReportReader.Read read(int maxResults) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ReportReader.read(in, maxResults);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("The record file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void write(GateReport report) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), NAME, ".tmp");
        try {
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
                JsonReport.write(report, out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private ReentrantLock lock() {
        return LOCKS[Math.floorMod(file.toAbsolutePath().normalize().hashCode(), LOCKS.length)];
    }
}
