package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Reports progress at most once per interval, never once per indicator, so that long runs show they are
 * alive without flooding a terminal or a build log. A run shorter than the interval reports nothing.
 */
public final class PeriodicProgress implements ProgressListener {
    /** Where progress goes. */
    @FunctionalInterface
    public interface Reporter {
        void report(int done, int total);
    }

    private final long intervalNanos;
    private final Reporter reporter;
    private final LongSupplier nanoClock;
    private long last;

    public PeriodicProgress(Duration interval, Reporter reporter) {
        this(interval, reporter, System::nanoTime);
    }

    PeriodicProgress(Duration interval, Reporter reporter, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.reporter = reporter;
        this.nanoClock = nanoClock;
        this.last = nanoClock.getAsLong();
    }

    @Override
    public synchronized void finished(int done, int total, IndicatorReport latest) {
        long now = nanoClock.getAsLong();
        if (done < total && now - last >= intervalNanos) {
            last = now;
            reporter.report(done, total);
        }
    }
}
