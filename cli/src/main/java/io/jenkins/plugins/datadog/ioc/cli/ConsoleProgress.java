package io.jenkins.plugins.datadog.ioc.cli;

import io.jenkins.plugins.datadog.ioc.gate.ProgressListener;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/** A progress line on stderr at most once a second, so long runs show they are alive. */
final class ConsoleProgress implements ProgressListener {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private long lastPrinted = System.nanoTime();

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void finished(int done, int total, IndicatorReport latest) {
        long now = System.nanoTime();
        if (now - lastPrinted >= INTERVAL || done == total) {
            lastPrinted = now;
            err.printf("ioc-lookup: %d/%d indicators looked up%n", done, total);
            err.flush();
        }
    }
}
