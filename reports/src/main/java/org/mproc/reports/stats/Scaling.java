package org.mproc.reports.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Turns one benchmark measured at several core counts into a scaling curve: per core count a
 * bootstrap interval of throughput (ops/s), speedup over a sequential baseline, efficiency and
 * Karp–Flatt. Time-per-op results are inverted into rates (the interval's ends swap), so a curve
 * always rises when things get better. Deterministic: the bootstrap uses a fixed seed.
 *
 * <pre>{@code
 * SortedMap<Integer, BenchmarkResult> byCores = new TreeMap<>(Map.of(1, mprocK1, 2, mprocK2));
 * BenchmarkResult baseline = Scaling.best(List.of(sequentialK1, sequentialK2));
 * List<ScalingPoint> curve = Scaling.analyse(byCores, baseline);
 * AmdahlResult fit = AmdahlFit.fit(curve);
 * }</pre>
 *
 * Speedup is the ratio of mean rates, {@code rate(k) / rate(baseline)}; for a time unit the mean rate
 * is the inverse of the mean time (operations done over time spent), not the mean of inverses.
 */
public final class Scaling {
    /** Confidence of the throughput intervals. */
    public static final double CONFIDENCE = 0.95;
    /** Seed of the bootstrap, fixed so that a report is reproducible from its JSON. */
    public static final long SEED = 20_240_607L;

    private Scaling() {}

    public static List<ScalingPoint> analyse(SortedMap<Integer, BenchmarkResult> byCores, BenchmarkResult sequentialBaseline) {
        double baseline = rate(sequentialBaseline).estimate();
        List<ScalingPoint> points = new ArrayList<>();
        for (Map.Entry<Integer, BenchmarkResult> e : byCores.entrySet()) {
            int cores = e.getKey();
            Interval throughput = rate(e.getValue());
            double speedup = throughput.estimate() / baseline;
            points.add(new ScalingPoint(cores, throughput, speedup, speedup / cores,
                    ScalingPoint.karpFlatt(speedup, cores)));
        }
        return points;
    }

    /** The candidate with the highest mean rate: the "best sequential baseline". */
    public static BenchmarkResult best(List<BenchmarkResult> candidates) {
        return candidates.stream()
                .max(Comparator.comparingDouble(r -> rate(r).estimate()))
                .orElseThrow(() -> new IllegalArgumentException("no sequential baseline to choose from"));
    }

    /** A result's mean rate in ops/s with its bootstrap interval. */
    public static Interval rate(BenchmarkResult r) {
        double[] samples = r.samples();
        for (double s : samples) {
            if (!(s > 0)) {
                throw new IllegalArgumentException(r.key() + ": a score of " + s + " " + r.unit()
                        + " has no rate (scores must be positive)");
            }
        }
        Interval measured = Bootstrap.meanInterval(samples, CONFIDENCE, SEED, Bootstrap.DEFAULT_RESAMPLES);
        return measured.map(x -> Units.toOpsPerSecond(x, r.unit()));
    }
}
