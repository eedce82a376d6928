package org.mproc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Direction;
import org.mproc.reports.stats.JmhJson;
import org.mproc.reports.stats.Synthetic;

class RatioSeriesTest {
    private static final String BENCH = "org.mproc.reports.bench.MapScalingBenchmark.";
    private static final RatioSeries VS_FORK_JOIN = RatioSeries.parse("MapScalingBenchmark.mproc/MapScalingBenchmark.forkJoin");
    private static final RatioSeries VS_CPYTHON = RatioSeries.parse("MapScalingBenchmark.mproc/cpython.MapScaling.fork");

    private static BenchmarkResult exact(String name, String unit, Map<String, String> params, Double... iterations) {
        double mean = List.of(iterations).stream().mapToDouble(d -> d).average().orElseThrow();
        return new BenchmarkResult(name, "", params, mean, Double.NaN, unit, List.of(List.of(iterations)));
    }

    @Test
    void ratioIsNumeratorSamplesOverDenominatorMeanForRates() {
        Map<String, String> p = Map.of("grain", "tiny", "workers", "2");
        List<BenchmarkResult> run = List.of(
                exact(BENCH + "mproc", "ops/s", p, 150.0, 250.0),
                exact(BENCH + "forkJoin", "ops/s", p, 90.0, 110.0),
                exact(BENCH + "forkJoin", "ops/s", Map.of("grain", "coarse", "workers", "2"), 1.0, 1.0));
        List<BenchmarkResult> ratios = VS_FORK_JOIN.apply(run);
        assertEquals(1, ratios.size());
        BenchmarkResult r = ratios.get(0);
        assertEquals("ratio:MapScalingBenchmark.mproc/MapScalingBenchmark.forkJoin", r.benchmark());
        assertEquals(p, r.params());
        assertEquals(Direction.RATIO_UNIT, r.unit());
        assertEquals(Direction.HIGHER_IS_BETTER, r.direction());
        assertEquals(List.of(List.of(1.5, 2.5)), r.rawData());
        assertEquals(2.0, r.score(), 1e-12);
    }

    @Test
    void timeUnitsBecomeTimesAsFastAcrossUnits() {
        // mproc 2 and 4 us/op against CPython at 0.006 ms/op = 6 us/op: 3x and 1.5x as fast.
        Map<String, String> p = Map.of("workers", "2");
        List<BenchmarkResult> run = List.of(
                exact(BENCH + "mproc", "us/op", p, 2.0, 4.0),
                exact("cpython.MapScaling.fork", "ms/op", p, 0.006));
        BenchmarkResult r = VS_CPYTHON.apply(run).get(0);
        assertEquals(3.0, r.rawData().get(0).get(0), 1e-9);
        assertEquals(1.5, r.rawData().get(0).get(1), 1e-9);
    }

    @Test
    void denominatorWithFewerParamsIsUsedWhenItIsTheOnlyOne() {
        List<BenchmarkResult> run = List.of(
                exact(BENCH + "mproc", "ops/s", Map.of("grain", "tiny", "workers", "2"), 200.0, 200.0),
                exact(BENCH + "sequential", "ops/s", Map.of("grain", "tiny"), 100.0));
        List<BenchmarkResult> ratios = RatioSeries.parse("MapScalingBenchmark.mproc/MapScalingBenchmark.sequential").apply(run);
        assertEquals(2.0, ratios.get(0).score(), 1e-12);
    }

    @Test
    void numeratorWithoutDenominatorGivesNoRatio() {
        List<BenchmarkResult> run = List.of(exact(BENCH + "mproc", "ops/s", Map.of("workers", "2"), 200.0));
        assertEquals(List.of(), VS_CPYTHON.apply(run));
    }

    @Test
    void malformedSpecIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RatioSeries.parse("mproc"));
        assertThrows(IllegalArgumentException.class, () -> RatioSeries.parse("a/b/c"));
        assertThrows(IllegalArgumentException.class, () -> RatioSeries.parse("/b"));
    }

    /** A whole run: mproc and forkJoin at two grains, with a machine speed factor and mproc's own factor. */
    private static List<BenchmarkResult> run(double machine, double mprocOnly, long seed) {
        List<BenchmarkResult> run = new ArrayList<>();
        for (String grain : List.of("tiny", "coarse")) {
            Map<String, String> p = Map.of("grain", grain, "workers", "2");
            run.add(Synthetic.noisy(BENCH + "mproc", "ops/s", p, 800 * machine * mprocOnly, 0.05, 2, 5, seed++));
            run.add(Synthetic.noisy(BENCH + "forkJoin", "ops/s", p, 1000 * machine, 0.05, 2, 5, seed++));
        }
        return JmhJson.parse(Synthetic.json(run), "synthetic");
    }

    @Test
    void aSlowerMachineDoesNotFlagARatioButAbsoluteScoresDo() {
        List<BenchmarkResult> baseline = run(1.0, 1.0, 1);
        List<BenchmarkResult> slowerMachine = run(0.6, 1.0, 100);
        assertTrue(Gate.compare(baseline, slowerMachine, GateSettings.DEFAULTS).hasRegression());
        GateReport ratios = Gate.compareRatios(baseline, slowerMachine, List.of(VS_FORK_JOIN), GateSettings.DEFAULTS);
        assertEquals(2, ratios.comparisons().size());
        assertFalse(ratios.hasRegression(), String.join("\n", ratios.table()));
    }

    @Test
    void ratioAToANeverFlags() {
        for (long seed = 0; seed < 20; seed++) {
            GateReport report = Gate.compareRatios(run(1, 1, seed * 10), run(1, 1, 1000 + seed * 10),
                    List.of(VS_FORK_JOIN), GateSettings.DEFAULTS);
            assertFalse(report.hasRegression(), "seed " + seed + "\n" + String.join("\n", report.table()));
        }
    }

    @Test
    void aThirtyPercentSlowerMprocFlagsItsRatio() {
        GateReport report = Gate.compareRatios(run(1, 1, 1), run(1, 0.7, 100), List.of(VS_FORK_JOIN), GateSettings.DEFAULTS);
        assertEquals(2, report.regressed().size(), String.join("\n", report.table()));
    }
}
