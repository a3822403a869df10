package io.jenkins.plugins.datadog.ioc.trend;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Builds for the trend tests, as the plugin would give them. */
final class Builds {
    private Builds() {}

    static TrendBuild lookup(int number, Verdict verdict, long failure, long unstable, long pass, Double worst) {
        return new TrendBuild(number, "#" + number, "job/app/" + number + "/datadog-ioc/", verdict, failure, unstable, pass, 0, 0, worst);
    }

    static TrendBuild gap(int number) {
        return TrendBuild.missing(number, "#" + number, "job/app/" + number + "/");
    }

    /** Builds {@code newest} down to 1, newest first; every fifth one without a lookup. */
    static List<TrendBuild> many(int newest) {
        List<TrendBuild> builds = new ArrayList<>();
        for (int number = newest; number >= 1; number--) {
            builds.add(number % 5 == 0 ? gap(number)
                    : new TrendBuild(number, "#" + number, "job/app/" + number + "/datadog-ioc/", Verdict.UNSTABLE,
                            number % 3, 1, 20 + number % 7, 2, number % 2, 40.0 + number % 50));
        }
        return builds;
    }
}
