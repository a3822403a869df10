package io.jenkins.plugins.datadog.ioc.bench;

import io.jenkins.plugins.datadog.ioc.policy.Verdict;
import io.jenkins.plugins.datadog.ioc.trend.TrendBuild;
import io.jenkins.plugins.datadog.ioc.trend.TrendSeries;
import io.jenkins.plugins.datadog.ioc.trend.TrendView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times what core does for a job page's trend: the series and the SVG of {@value TrendSeries#MAX_BUILDS}
 * (or the given number of) builds of 1,000 indicators each (every tenth without a lookup), and the table rows. Jenkins' own part
 * (loading the builds, Jelly) is not in it. Prints the median and the 95th percentile of single runs
 * after a warm-up.
 *
 * <pre>java -cp bench/target/classes:core/target/classes io.jenkins.plugins.datadog.ioc.bench.TrendBench [rounds [builds]]</pre>
 */
public final class TrendBench {
    private TrendBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<TrendBuild> newestFirst = builds(args.length > 1 ? Integer.parseInt(args[1]) : TrendSeries.MAX_BUILDS);
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            sink += render(newestFirst);
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            sink += render(newestFirst);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%d builds, %d rounds: median %.2f ms, p95 %.2f ms, SVG %d bytes (checksum %d)%n",
                newestFirst.size(), rounds, nanos[rounds / 2] / 1e6, nanos[rounds * 95 / 100] / 1e6,
                view(newestFirst).getSvg().length(), sink);
    }

    private static long render(List<TrendBuild> newestFirst) {
        TrendView view = view(newestFirst);
        return view.getSvg().length() + view.getRows().size();
    }

    private static TrendView view(List<TrendBuild> newestFirst) {
        return new TrendView(TrendSeries.of(newestFirst, newestFirst.size()), "/jenkins/");
    }

    private static List<TrendBuild> builds(int count) {
        List<TrendBuild> builds = new ArrayList<>();
        for (int number = count; number >= 1; number--) {
            String name = "#" + number;
            if (number % 10 == 0) {
                builds.add(TrendBuild.missing(number, name, "job/app/" + number + "/"));
            } else {
                long failure = number % 4;
                long unstable = number % 9;
                builds.add(new TrendBuild(number, name, "job/app/" + number + "/datadog-ioc/",
                        failure > 0 ? Verdict.FAILURE : Verdict.UNSTABLE, failure, unstable, 1000 - failure - unstable,
                        100, number % 3, 40.0 + number % 60));
            }
        }
        return builds;
    }
}
