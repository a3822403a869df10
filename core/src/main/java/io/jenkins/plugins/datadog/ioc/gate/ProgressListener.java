package io.jenkins.plugins.datadog.ioc.gate;

import io.jenkins.plugins.datadog.ioc.report.IndicatorReport;

/** Hears of each finished indicator; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, latest) -> {};

    void finished(int done, int total, IndicatorReport latest);
}
