package org.mproc.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.stat.StatUtils;
import org.mproc.reports.stats.BenchmarkResult;

/**
 * The regression gate: compares a run with a stored baseline, key by key (benchmark and sorted
 * params), and flags a regression only when the change is BOTH statistically significant (Welch's
 * t-test on the raw iteration scores, p &lt; alpha) AND worse than the minimum effect, the direction
 * taken from the unit. An A/A comparison therefore does not flag, a 30% slowdown does, a significant
 * 5% does not, and a side with fewer than two samples is never tested (UNCHANGED, with a note).
 *
 * <pre>{@code
 * GateReport report = Gate.compare(JmhJson.read(baselineFile), JmhJson.read(currentFile), GateSettings.DEFAULTS);
 * report.table().forEach(System.out::println);
 * int exit = enforce && report.hasRegression() ? 3 : 0;
 * }</pre>
 *
 * Absolute times move with the machine; ratios measured within one run do not, so CI gates
 * {@link #compareRatios} (mproc against ForkJoinPool and CPython in the same run).
 */
public final class Gate {
    private Gate() {}

    public static GateReport compare(List<BenchmarkResult> baseline, List<BenchmarkResult> current, GateSettings settings) {
        Map<String, BenchmarkResult> before = index(baseline, "baseline");
        Map<String, BenchmarkResult> after = index(current, "current run");
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Comparison> rows = new ArrayList<>();
        for (String key : keys) {
            BenchmarkResult b = before.get(key);
            BenchmarkResult c = after.get(key);
            if (c == null) {
                rows.add(Comparison.missing(key, b.unit(), StatUtils.mean(b.samples())));
            } else if (b == null) {
                rows.add(Comparison.added(key, c.unit(), StatUtils.mean(c.samples())));
            } else {
                rows.add(Judge.judge(key, b, c, settings));
            }
        }
        return new GateReport(rows, settings);
    }

    /**
     * Compares ratio series instead of absolute scores: each run's ratios are formed within that
     * run ({@link RatioSeries#applyAll}), then compared as {@link #compare} does.
     */
    public static GateReport compareRatios(List<BenchmarkResult> baseline, List<BenchmarkResult> current,
                                           List<RatioSeries> ratios, GateSettings settings) {
        return compare(RatioSeries.applyAll(baseline, ratios), RatioSeries.applyAll(current, ratios), settings);
    }

    private static Map<String, BenchmarkResult> index(List<BenchmarkResult> run, String which) {
        Map<String, BenchmarkResult> byKey = new TreeMap<>();
        for (BenchmarkResult r : run) {
            BenchmarkResult previous = byKey.putIfAbsent(r.key(), r);
            if (previous != null) {
                throw new IllegalArgumentException(which + " has two results for " + r.key()
                        + " (modes " + previous.mode() + " and " + r.mode() + "): run one mode per file");
            }
        }
        return byKey;
    }
}
