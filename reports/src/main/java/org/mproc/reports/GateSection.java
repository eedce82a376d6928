package org.mproc.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.mproc.reports.gate.Comparison;
import org.mproc.reports.gate.Gate;
import org.mproc.reports.gate.GateReport;
import org.mproc.reports.gate.GateSettings;
import org.mproc.reports.gate.RatioSeries;
import org.mproc.reports.report.ReportData;
import org.mproc.reports.stats.BenchmarkResult;

/**
 * The regression gate on the ratios each run measures within itself — mproc against the in-JVM
 * ForkJoinPool and against CPython on the same box in the same minutes — so that a slower or
 * busier machine moves both sides and flags nothing, while a slower mproc does.
 */
final class GateSection {
    /** Numerator / denominator pairs, each matched on equal params (grain, workers). */
    static final List<RatioSeries> RATIOS = List.of(
            RatioSeries.parse("MapScalingBenchmark.mproc/MapScalingBenchmark.forkJoin"),
            RatioSeries.parse("MapScalingBenchmark.mproc/cpython.MapScaling.fork"),
            RatioSeries.parse("ApplyScalingBenchmark.mproc/cpython.ApplyScaling.fork"),
            RatioSeries.parse("QueueScalingBenchmark.mproc/cpython.QueueScaling.fork"),
            RatioSeries.parse("ManagerScalingBenchmark.mproc/cpython.ManagerScaling.fork"),
            RatioSeries.parse("StartScalingBenchmark.cold/cpython.StartScaling.spawn"));

    private GateSection() {}

    static GateReport compare(RunFiles baseline, RunFiles current, GateSettings settings) {
        return Gate.compareRatios(results(baseline), results(current), RATIOS, settings);
    }

    static List<BenchmarkResult> results(RunFiles run) {
        List<BenchmarkResult> all = new ArrayList<>(run.jmh().all());
        all.addAll(run.cpython().all());
        return all;
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
