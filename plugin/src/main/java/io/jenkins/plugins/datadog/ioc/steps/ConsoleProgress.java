package io.jenkins.plugins.datadog.ioc.steps;

import io.jenkins.plugins.datadog.ioc.gate.ProgressListener;
import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** A progress line in the build log every few seconds, never one per indicator. */
final class ConsoleProgress implements ProgressListener {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(5);

    private final PrintStream logger;
    private long lastPrinted = System.nanoTime();

    ConsoleProgress(PrintStream logger) {
        this.logger = logger;
    }

    @Override
    public synchronized void finished(int done, int total, IndicatorReport latest) {
        long now = System.nanoTime();
        if (now - lastPrinted >= INTERVAL && done < total) {
            lastPrinted = now;
            logger.println(Messages.ConsoleProgress_Progress(done, total));
        }
    }
}
