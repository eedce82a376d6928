package org.mproc.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mproc.reports.html.ReportData.Chart;
import org.mproc.reports.html.ReportData.ChartKind;
import org.mproc.reports.html.ReportData.Coverage;
import org.mproc.reports.html.ReportData.EnvRow;
import org.mproc.reports.html.ReportData.Fit;
import org.mproc.reports.html.ReportData.Gate;
import org.mproc.reports.html.ReportData.Met;
import org.mproc.reports.html.ReportData.OutcomeRow;
import org.mproc.reports.html.ReportData.Point;
import org.mproc.reports.html.ReportData.RatioRow;
import org.mproc.reports.html.ReportData.Scenario;
import org.mproc.reports.html.ReportData.Section;
import org.mproc.reports.html.ReportData.Series;
import org.mproc.reports.html.ReportData.SeriesKind;
import org.mproc.reports.html.ReportData.Verdict;

/** Hand-made report data, shaped like a quick run on a 2-core machine; deterministic. */
final class SampleReports {
    static final String NASTY = "<script>alert(\"x\")</script> & 'quoted' </script><!-- ";

    private SampleReports() {}

    /** Every part filled except the CPython ratios (python3 missing); one chart has no points; text with markup in it. */
    static ReportData full() {
        Random random = new Random(7);
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("Pool.map, medium grain (~50 µs per item)", "Throughput", ChartKind.THROUGHPUT,
                "cores (k, pinned with taskset)", "throughput (items/s)", "items/s", List.of(
                        measured("mproc Pool", SeriesKind.MEASURED, random, 17_800, 34_100),
                        measured("ForkJoinPool", SeriesKind.BASELINE, random, 19_600, 38_900),
                        measured("sequential", SeriesKind.BASELINE, random, 19_700, 19_650)), null));
        charts.add(new Chart("Pool.map, medium grain (~50 µs per item)", "Speedup against the best sequential run",
                ChartKind.SPEEDUP, "cores (k, pinned with taskset)", "speedup (×)", "×", List.of(
                        derived("mproc Pool", 0.90, 1.73),
                        derived("ForkJoinPool", 0.99, 1.97),
                        ideal(2)), "two points: no goodness of fit"));
        charts.add(new Chart("Pool.apply round trip", "Latency per call (lower is better)", ChartKind.THROUGHPUT,
                "cores (k, pinned with taskset)", "latency (µs/op)", "µs/op", List.of(
                        measured("mproc Pool", SeriesKind.MEASURED, random, 61, 58)), null));
        charts.add(new Chart("Pool.apply round trip", "Speedup", ChartKind.SPEEDUP, "cores", "speedup (×)", "×",
                List.of(ideal(2)), "a latency has no speedup: one call uses one worker"));
        return ReportData.builder("mproc scaling report " + NASTY, "2025-01-01T12:00:00Z")
                .verdicts(List.of(
                        new Verdict("Pool.map (medium) speedup at 2 cores ≥ 1.6×", "1.73× [1.66, 1.80]", Met.MET),
                        new Verdict("apply round trip ≤ max(2 × CPython fork, 1.5 × socket floor)",
                                "58 µs/op; floor 21 µs/op → limit 32 µs/op", Met.NOT_MET),
                        new Verdict("mproc within 1.2× of CPython fork on map (medium)",
                                "python3 missing: not measured", Met.NO_DATA)))
                .environment(List.of(
                        new EnvRow("CPU", "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"),
                        new EnvRow("cores", "2"),
                        new EnvRow("JDK", "17.0.13 (Eclipse Adoptium, OpenJDK 64-Bit Server VM)"),
                        new EnvRow("Python", "python3 missing"),
                        new EnvRow("mode", "quick (-f 1 -wi 1 -i 3 -r 1s)"),
                        new EnvRow("date", "2025-01-01T12:00:00Z")))
                .scenarios(List.of(
                        new Scenario("05", "Queue: FIFO per producer " + NASTY, "PASS", "default", 7, 3000, 3120,
                                List.of(new OutcomeRow("[1, 2, 3]", 6, 6 / 7.0, "ACCEPTABLE", "each producer's order kept"),
                                        new OutcomeRow("[2, 1, 3]", 1, 1 / 7.0, "INTERESTING", "producers interleave <ok>"),
                                        new OutcomeRow("[3, 2, 1]", 0, 0, "FORBIDDEN", "a producer's order broken")),
                                List.of()),
                        new Scenario("06b", "Pool: a task fails", "FAIL", "default", 3, 3000, 2950,
                                List.of(new OutcomeRow("swallowed", 1, 1 / 3.0, "FORBIDDEN", "the failure did not reach get()")),
                                List.of("FORBIDDEN in trial 2: outcome 'swallowed' <b>is forbidden</b>")),
                        new Scenario("07", "No outcome yet", "PASS", "default", 0, 3000, 10, List.of(), List.of())))
                .coverage(List.of(
                        new Coverage("G-POOL-ORDER", 4, 4, 0, 0),
                        new Coverage("G-QUEUE-FIFO", 3, 2, 1, 0),
                        new Coverage("G-MANAGER-GET", 2, 0, 0, 2)))
                .charts(charts)
                .fits(List.of(new Fit("Pool.map, medium grain", 0.156, 0.104, 0.211, "two points: no goodness of fit"),
                        new Fit("Pool.map, tiny grain", 0.91, null, null, "the interval needs more than one iteration")))
                .missing(Section.RATIOS, "python3 missing, so no CPython run")
                .gate(new Gate("2 ratios compared with baseline/quick.json; none regressed", false,
                        List.of("ratio", "baseline", "now", "change", "p (Welch)", "verdict"),
                        List.of(List.of("mproc / ForkJoinPool, map medium, k=2", "0.87", "0.88", "+1.1%", "0.62", "same"),
                                List.of("mproc / sequential, map tiny, k=1", "0.31", "0.30", "−3.2%", "0.18", "same <noise>"))))
                .build();
    }

    /** The same machine with CPython present: the ratio table filled. */
    static List<RatioRow> ratios() {
        return List.of(
                new RatioRow("Pool.map, medium grain", 1, "items/s", 17_800.0, 16_900.0, 15_100.0, 1.05, "mproc faster than fork"),
                new RatioRow("Pool.map, medium grain", 2, "items/s", 34_100.0, 32_800.0, 29_400.0, 1.04, "on par with fork"),
                new RatioRow("Pool.apply round trip", 2, "µs/op", 58.0, 41.0, Double.NaN, 0.71, "slower than fork <goal 0.8>"));
    }

    private static Series measured(String name, SeriesKind kind, Random random, double... means) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            List<Double> iterations = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                iterations.add(means[i] * (1 + 0.03 * random.nextGaussian()));
            }
            double mean = iterations.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            points.add(new Point(i + 1, mean, mean * 0.96, mean * 1.04, iterations));
        }
        return new Series(name, kind, points);
    }

    private static Series derived(String name, double... speedups) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < speedups.length; i++) {
            points.add(new Point(i + 1, speedups[i], speedups[i] * 0.95, speedups[i] * 1.05, List.of()));
        }
        return new Series(name, SeriesKind.MEASURED, points);
    }

    private static Series ideal(int cores) {
        return new Series("ideal", SeriesKind.IDEAL, List.of(Point.of(1, 1), Point.of(cores, cores)));
    }
}
