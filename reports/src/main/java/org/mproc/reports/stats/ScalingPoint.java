package org.mproc.reports.stats;

import java.util.OptionalDouble;

/**
 * One core count of a scaling curve: throughput in operations per second (higher is better, whatever
 * unit the benchmark used), speedup over the sequential baseline, efficiency = speedup / cores, and
 * the Karp–Flatt experimentally determined serial fraction, defined only above one core. All finite.
 *
 * <pre>{@code
 * ScalingPoint p = new ScalingPoint(4, new Interval(300, 280, 320, 0.95), 3.0, 0.75, OptionalDouble.of(1.0 / 9));
 * p.speedupInterval();   // [2.8, 3.2] around 3.0
 * }</pre>
 *
 * @param throughput the rate at this core count, in {@value Units#OPS_PER_SECOND}
 * @param karpFlatt  e(k) = (1/S − 1/k) / (1 − 1/k); empty for one core
 */
public record ScalingPoint(int cores, Interval throughput, double speedup, double efficiency, OptionalDouble karpFlatt) {

    public ScalingPoint {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1: " + cores);
        }
        if (!(speedup > 0) || !Double.isFinite(speedup) || !Double.isFinite(efficiency)) {
            throw new IllegalArgumentException("speedup must be positive and finite: " + speedup + ", efficiency " + efficiency);
        }
        if (karpFlatt.isPresent() && !Double.isFinite(karpFlatt.getAsDouble())) {
            throw new IllegalArgumentException("Karp–Flatt metric must be finite: " + karpFlatt);
        }
    }

    /** The speedup with the throughput's interval around it (the baseline taken as exact). */
    public Interval speedupInterval() {
        double perOps = speedup / throughput.estimate();
        return throughput.map(t -> t * perOps);
    }

    /** Karp–Flatt e(k) = (1/S − 1/k) / (1 − 1/k) for k &gt; 1; empty for k = 1, where it is 0/0. */
    public static OptionalDouble karpFlatt(double speedup, int cores) {
        if (cores <= 1) {
            return OptionalDouble.empty();
        }
        double k = cores;
        return OptionalDouble.of((1 / speedup - 1 / k) / (1 - 1 / k));
    }
}
