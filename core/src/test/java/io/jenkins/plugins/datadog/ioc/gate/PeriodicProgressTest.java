package io.jenkins.plugins.datadog.ioc.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeriodicProgressTest {
    private final AtomicLong now = new AtomicLong();
    private final List<String> reports = new ArrayList<>();
    private final PeriodicProgress progress =
            new PeriodicProgress(Duration.ofSeconds(5), (done, total) -> reports.add(done + "/" + total), now::get);

    @Test
    void aRunShorterThanTheIntervalReportsNothing() {
        for (int done = 1; done <= 100; done++) {
            progress.finished(done, 100, null);
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void reportsAtMostOncePerInterval() {
        for (int done = 1; done <= 100; done++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200)); // 20 s in all
            progress.finished(done, 100, null);
        }
        assertThat(reports).containsExactly("25/100", "50/100", "75/100");
    }
}
