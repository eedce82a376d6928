package org.mproc.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** DESIGN.md, Reports: "fit code is tested on synthetic data with 8–64 cores". */
class AmdahlFitTest {
    private static final int[] CORES = {1, 2, 4, 8, 16, 32, 64};

    /** A noisy run of an Amdahl machine: rate(k) = 1000 ops/s · S(k), iterations with relative noise. */
    static List<ScalingPoint> amdahlRun(double f, int[] cores, double noise, String unit, long seed) {
        SortedMap<Integer, BenchmarkResult> byCores = new TreeMap<>();
        for (int k : cores) {
            double rate = 1000 / (f + (1 - f) / k);
            double mean = unit.equals("ops/s") ? rate : 1e6 / rate;   // us/op otherwise
            byCores.put(k, Synthetic.noisy("x.Amdahl.run", unit, Map.of("workers", "" + k), mean, noise, 2, 5, seed * 100 + k));
        }
        double baseline = unit.equals("ops/s") ? 1000 : 1000;           // 1000 ops/s = 1000 us/op
        BenchmarkResult sequential = Synthetic.noisy("x.Amdahl.sequential", unit, Map.of(), baseline, noise, 2, 5, seed);
        return Scaling.analyse(byCores, sequential);
    }

    @ParameterizedTest(name = "f = {0}, unit {1}")
    @CsvSource({"0.05, ops/s", "0.2, ops/s", "0.05, us/op", "0.2, us/op"})
    void recoversAKnownSerialFractionFromNoisyData(double f, String unit) {
        for (long seed = 1; seed <= 10; seed++) {
            AmdahlResult fit = AmdahlFit.fit(amdahlRun(f, CORES, 0.03, unit, seed));
            Interval sf = fit.serialFraction();
            assertTrue(fit.fitted());
            assertTrue(sf.contains(f), "seed " + seed + ": " + sf + " misses " + f);
            assertEquals(f, sf.estimate(), 0.02, "seed " + seed);
            assertTrue(sf.upper() - sf.lower() < 0.1, "seed " + seed + ": too wide to mean anything: " + sf);
            assertTrue(fit.rSquared().getAsDouble() > 0.95, "seed " + seed + ": R² " + fit.rSquared());
        }
    }

    @Test
    void exactDataFitsExactly() {
        AmdahlResult fit = AmdahlFit.fit(amdahlRun(0.1, new int[] {8, 16, 32, 64}, 0, "ops/s", 1));
        assertEquals(0.1, fit.serialFraction().estimate(), 1e-12);
        assertEquals(1.0, fit.rSquared().getAsDouble(), 1e-12);
        assertEquals(1 / (0.1 + 0.9 / 64), fit.speedupAt(64), 1e-9);
    }

    @Test
    void twoPointsFitWithoutGoodnessOfFit() {
        AmdahlResult fit = AmdahlFit.fit(amdahlRun(0.2, new int[] {1, 2}, 0.03, "ops/s", 3));
        assertTrue(fit.fitted());
        assertEquals(OptionalDouble.empty(), fit.rSquared());
        assertTrue(fit.note().contains("two points: no goodness of fit"), fit.note());
        assertTrue(fit.serialFraction().contains(0.2), fit.serialFraction().toString());
    }

    @Test
    void twoPointsTheLawFitsExactlyStillShowTheirNoise() {
        List<ScalingPoint> points = List.of(
                new ScalingPoint(1, new Interval(100, 95, 105, 0.95), 1.0, 1.0, OptionalDouble.empty()),
                new ScalingPoint(2, new Interval(180, 170, 190, 0.95), 1.8, 0.9, ScalingPoint.karpFlatt(1.8, 2)));
        Interval sf = AmdahlFit.fit(points).serialFraction();
        assertEquals(1 / 1.8 * 2 - 1, sf.estimate(), 1e-12);
        assertFalse(sf.isDegenerate(), sf.toString());
    }

    @Test
    void onePointCannotFit() {
        AmdahlResult fit = AmdahlFit.fit(amdahlRun(0.2, new int[] {2}, 0.03, "ops/s", 1));
        assertFalse(fit.fitted());
        assertEquals("1 point: cannot fit", fit.note());
        assertEquals(new Interval(0.5, 0, 1, 0), fit.serialFraction());
        assertFalse(AmdahlFit.fit(List.of()).fitted());
    }

    @Test
    void superlinearSpeedupIsClampedToZeroAndSaysSo() {
        List<ScalingPoint> points = List.of(
                new ScalingPoint(1, Interval.point(100, 0.95), 1.0, 1.0, OptionalDouble.empty()),
                new ScalingPoint(2, Interval.point(210, 0.95), 2.1, 1.05, ScalingPoint.karpFlatt(2.1, 2)),
                new ScalingPoint(4, Interval.point(430, 0.95), 4.3, 1.075, ScalingPoint.karpFlatt(4.3, 4)));
        AmdahlResult fit = AmdahlFit.fit(points);
        assertEquals(0.0, fit.serialFraction().estimate());
        assertEquals(0.0, fit.serialFraction().lower());
        assertTrue(fit.note().contains("clamped to [0, 1] (faster than linear)"), fit.note());
    }
}
