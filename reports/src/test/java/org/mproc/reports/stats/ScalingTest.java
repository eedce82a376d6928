package org.mproc.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScalingTest {
    private static BenchmarkResult exact(String unit, double... iterations) {
        List<Double> raw = java.util.Arrays.stream(iterations).boxed().toList();
        return new BenchmarkResult("x.MapScalingBenchmark.mproc", "", Map.of(), raw.stream().mapToDouble(d -> d).average()
                .orElseThrow(), Double.NaN, unit, List.of(raw));
    }

    @Test
    void speedupEfficiencyAndKarpFlattFromThroughput() {
        SortedMap<Integer, BenchmarkResult> byCores = new TreeMap<>(Map.of(
                1, exact("ops/s", 90, 110), 2, exact("ops/s", 150, 150), 4, exact("ops/s", 250, 250)));
        List<ScalingPoint> curve = Scaling.analyse(byCores, exact("ops/s", 100, 100));

        assertEquals(List.of(1, 2, 4), curve.stream().map(ScalingPoint::cores).toList());
        assertEquals(1.0, curve.get(0).speedup(), 1e-12);
        assertEquals(OptionalDouble.empty(), curve.get(0).karpFlatt(), "no Karp–Flatt at one core");
        assertEquals(1.5, curve.get(1).speedup(), 1e-12);
        assertEquals(0.75, curve.get(1).efficiency(), 1e-12);
        assertEquals(1.0 / 3, curve.get(1).karpFlatt().getAsDouble(), 1e-12);   // (1/1.5 - 1/2) / (1 - 1/2)
        assertEquals(2.5, curve.get(2).speedup(), 1e-12);
        assertEquals(0.2, curve.get(2).karpFlatt().getAsDouble(), 1e-12);       // (0.4 - 0.25) / 0.75
        assertTrue(curve.get(0).throughput().contains(100) && !curve.get(0).throughput().isDegenerate());
        assertTrue(curve.get(1).throughput().isDegenerate());
    }

    @Test
    void karpFlattOfAnExactAmdahlCurveIsItsSerialFraction() {
        for (int k : new int[] {2, 8, 64}) {
            double s = 1 / (0.05 + 0.95 / k);
            assertEquals(0.05, ScalingPoint.karpFlatt(s, k).getAsDouble(), 1e-12, "k = " + k);
        }
    }

    @Test
    void timePerOpIsInvertedIntoARate() {
        // 10 ms/op sequential; 5 ms/op at 2 cores: 100 -> 200 ops/s, speedup 2.
        SortedMap<Integer, BenchmarkResult> byCores = new TreeMap<>(Map.of(2, exact("ms/op", 4, 6)));
        ScalingPoint p = Scaling.analyse(byCores, exact("ms/op", 10)).get(0);
        assertEquals(200.0, p.throughput().estimate(), 1e-9);
        assertTrue(p.throughput().lower() < 200 && p.throughput().upper() > 200, p.throughput().toString());
        assertTrue(p.throughput().lower() >= 1000.0 / 6 && p.throughput().upper() <= 1000.0 / 4);
        assertEquals(2.0, p.speedup(), 1e-9);
        assertEquals(1.0, p.efficiency(), 1e-9);
        assertEquals(0.0, p.karpFlatt().getAsDouble(), 1e-9);
    }

    @Test
    void mixedUnitsCompareAsRates() {
        SortedMap<Integer, BenchmarkResult> byCores = new TreeMap<>(Map.of(1, exact("ops/ms", 0.2)));
        assertEquals(2.0, Scaling.analyse(byCores, exact("ms/op", 10)).get(0).speedup(), 1e-9);
    }

    @Test
    void bestBaselineIsTheFastest() {
        BenchmarkResult slow = exact("ms/op", 12);
        BenchmarkResult fast = exact("ms/op", 10);
        assertSame(fast, Scaling.best(List.of(slow, fast)));
        assertThrows(IllegalArgumentException.class, () -> Scaling.best(List.of()));
    }

    @Test
    void speedupIntervalScalesTheThroughputInterval() {
        ScalingPoint p = new ScalingPoint(4, new Interval(300, 280, 320, 0.95), 3.0, 0.75, OptionalDouble.of(1.0 / 9));
        Interval s = p.speedupInterval();
        assertEquals(3.0, s.estimate(), 1e-12);
        assertEquals(2.8, s.lower(), 1e-12);
        assertEquals(3.2, s.upper(), 1e-12);
    }

    @Test
    void nonPositiveScoreIsRefused() {
        SortedMap<Integer, BenchmarkResult> byCores = new TreeMap<>(Map.of(1, exact("ops/s", 0)));
        assertThrows(IllegalArgumentException.class, () -> Scaling.analyse(byCores, exact("ops/s", 1)));
    }
}
