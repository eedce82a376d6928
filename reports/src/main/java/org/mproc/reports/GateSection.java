package org.mproc.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.mproc.reports.gate.Comparison;
import org.mproc.reports.gate.Gate;
import org.mproc.reports.gate.GateReport;
import org.mproc.reports.gate.GateSettings;
import org.mproc.reports.gate.RatioSeries;
import org.mproc.reports.html.ReportData;
import org.mproc.reports.stats.BenchmarkResult;

/**
 * The regression gate on the ratios each run measures within itself — mproc against the in-JVM
 * ForkJoinPool and against CPython on the same box in the same minutes — so that a slower or
 * busier machine moves both sides and flags nothing, while a slower mproc does.
 */
final class GateSection {
    /** Numerator / denominator pairs, each matched on equal params (grain, workers). */
    static final List<RatioSeries> RATIOS = ratios();
    private static final String BENCH = "org.mproc.reports.bench.";

    private static List<RatioSeries> ratios() {
        List<RatioSeries> ratios = new ArrayList<>();
        for (String grain : List.of("tiny", "medium", "coarse")) {
            String jmh = BENCH + Workloads.mapClass(grain);
            ratios.add(RatioSeries.parse(jmh + ".mproc/" + jmh + ".forkJoin"));
            ratios.add(RatioSeries.parse(jmh + ".mproc/cpython.MapScaling.fork"));
        }
        ratios.add(RatioSeries.parse(BENCH + "ApplyScalingBenchmark.mproc/cpython.ApplyScaling.fork"));
        ratios.add(RatioSeries.parse(BENCH + "QueueScalingBenchmark.mproc/cpython.QueueScaling.fork"));
        ratios.add(RatioSeries.parse(BENCH + "QueueLatencyScalingBenchmark.mproc/cpython.QueueLatencyScaling.fork"));
        ratios.add(RatioSeries.parse(BENCH + "ManagerScalingBenchmark.mproc/cpython.ManagerScaling.fork"));
        ratios.add(RatioSeries.parse(BENCH + "ManagerScalingBenchmark.increment/cpython.ManagerIncrementScaling.fork"));
        ratios.add(RatioSeries.parse(BENCH + "StartScalingBenchmark.cold/cpython.StartScaling.spawn"));
        return List.copyOf(ratios);
    }

    private GateSection() {}

    /**
     * Gates {@code current} against one or more baseline runs. Several baseline runs are pooled:
     * each result's iterations from every run form one sample, so the baseline's spread includes
     * what varies from run to run (a machine's state, a wake-up on another core), which the
     * iterations of a single run do not show.
     */
    static GateReport compare(List<RunFiles> baselines, RunFiles current, GateSettings settings) {
        List<BenchmarkResult> pooled = new ArrayList<>();
        for (RunFiles run : baselines) {
            pooled.addAll(results(run));
        }
        return Gate.compareRatios(pool(pooled), results(current), RATIOS, settings);
    }

    /** Results with the same key merged into one: their iterations together, the score their mean. */
    static List<BenchmarkResult> pool(List<BenchmarkResult> results) {
        Map<String, List<BenchmarkResult>> byKey = new java.util.LinkedHashMap<>();
        results.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        List<BenchmarkResult> pooled = new ArrayList<>();
        for (List<BenchmarkResult> same : byKey.values()) {
            BenchmarkResult first = same.get(0);
            if (same.size() == 1) {
                pooled.add(first);
                continue;
            }
            List<List<Double>> raw = new ArrayList<>();
            double sum = 0;
            int n = 0;
            for (BenchmarkResult r : same) {
                for (double x : r.samples()) {
                    sum += x;
                    n++;
                }
                raw.add(java.util.Arrays.stream(r.samples()).boxed().toList());
            }
            pooled.add(new BenchmarkResult(first.benchmark(), first.mode(), first.params(), sum / n, Double.NaN, first.unit(), raw));
        }
        return pooled;
    }

    /**
     * Every result of a run, each keyed by the core count it ran on: {@code cores} replaces
     * {@code workers} (equal in a scaling run, and absent from benchmarks that do not use it), so
     * that results of different core counts never share a key and pairs match on it.
     */
    static List<BenchmarkResult> results(RunFiles run) {
        List<BenchmarkResult> all = new ArrayList<>();
        for (RunFiles.SortedResults perCores : List.of(run.jmh(), run.cpython())) {
            perCores.forEach((cores, results) -> results.forEach(r -> all.add(withCores(r, cores))));
        }
        return all;
    }

    private static BenchmarkResult withCores(BenchmarkResult r, int cores) {
        Map<String, String> params = new TreeMap<>(r.params());
        params.remove("workers");
        params.put("cores", String.valueOf(cores));
        return new BenchmarkResult(r.benchmark(), r.mode(), params, r.score(), r.scoreError(), r.unit(), r.rawData());
    }

    static ReportData.Gate section(GateReport report, String baseline) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison c : report.comparisons()) {
            rows.add(List.of(c.key(), number(c.baselineMean()), number(c.currentMean()), percent(c.relativeChange()),
                    number(c.pValue()), c.verdict().name(), c.note()));
        }
        return new ReportData.Gate("against " + baseline + ": " + report.summary(), report.hasRegression(),
                List.of("ratio", "baseline", "current", "change (+ worse)", "p", "verdict", "note"), rows);
    }

    private static String number(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%.3g", d.getAsDouble()) : "–";
    }

    private static String percent(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%+.1f%%", 100 * d.getAsDouble()) : "–";
    }
}
