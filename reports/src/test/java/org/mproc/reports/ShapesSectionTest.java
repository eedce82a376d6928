package org.mproc.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mproc.reports.html.ReportData.ShapeRow;
import org.mproc.reports.stats.BenchmarkResult;

class ShapesSectionTest {
    /** Five iterations within ±1% of the score: enough for a 95% interval of a ratio. */
    private static BenchmarkResult result(String name, Map<String, String> params, double score, String unit) {
        return new BenchmarkResult(name, "thrpt", params, score, Double.NaN, unit,
                List.of(List.of(0.99 * score, score, 1.01 * score, 0.995 * score, 1.005 * score)));
    }

    private static BenchmarkResult spread(String name, Map<String, String> params, double score, String unit) {
        return new BenchmarkResult(name, "thrpt", params, score, Double.NaN, unit,
                List.of(List.of(0.8 * score, score, 1.2 * score, 0.9 * score, 1.1 * score)));
    }

    private static final BenchmarkResult ONE = result("org.mproc.reports.bench.ShapesQueueBenchmark.oneToOne",
            Map.of("capacity", "1000", "workers", "2"), 90_000, "ops/s");
    private static final BenchmarkResult TWO = result("org.mproc.reports.bench.ShapesQueueBenchmark.oneToTwo",
            Map.of("capacity", "1000", "workers", "2"), 120_000, "ops/s");
    private static final BenchmarkResult TWIN_ONE = result("cpython.ShapesQueue.oneToOne.fork",
            Map.of("capacity", "1000"), 50_000, "ops/s");
    private static final BenchmarkResult START = result("org.mproc.reports.bench.StartShapes.steadyChild",
            Map.of(), 200, "ms/op");
    private static final BenchmarkResult TWIN_START = result("cpython.StartShapes.steadyChild.spawn",
            Map.of(), 0.1, "s/op");

    @Test
    void eachShapeIsPairedWithItsTwinByNameAndParametersButWorkers() {
        List<ShapeRow> rows = ShapesSection.rows(List.of(ONE, TWO, TWIN_ONE, START, TWIN_START), true);
        ShapeRow one = rows.get(0);
        assertEquals("ShapesQueue.oneToOne {capacity=1000} vs CPython fork", one.shape());
        assertEquals(50_000, one.other());
        assertEquals(1.8, one.ratio(), 1e-9);
        assertEquals("met (1.80× [1.77, 1.83])", one.verdict());
        ShapeRow two = rows.get(1);
        assertNull(two.other());
        assertEquals("CPython not measured", two.verdict());
        ShapeRow start = rows.get(2);
        assertEquals(100, start.other(), 1e-9, "CPython's s/op in mproc's ms/op");
        assertEquals(0.5, start.ratio(), 1e-9, "twice CPython's time is half its speed");
        assertEquals("not met (0.50× [0.49, 0.51])", start.verdict());
        assertEquals("bad", start.verdictClass());
    }

    @Test
    void twoOfMprocsOwnShapesAreComparedWhereAGoalRelatesThem() {
        List<ShapeRow> rows = ShapesSection.rows(List.of(ONE, TWO), true);
        ShapeRow relative = rows.get(rows.size() - 1);
        assertEquals("ShapesQueue.oneToTwo over oneToOne {capacity=1000}", relative.shape());
        assertEquals(120_000.0 / 90_000, relative.ratio(), 1e-9);
        assertEquals("2 consumers ≥ 1.6× one", relative.goal());
        assertEquals("bad", relative.verdictClass());
    }

    @Test
    void aVariantOfMprocsOwnIsComparedWithTheOneTwin() {
        BenchmarkResult c1 = result("org.mproc.reports.bench.StartShapes.steadyChild",
                Map.of("flags", "c1", "program", "child"), 100, "ms/op");
        BenchmarkResult twin = result("cpython.StartShapes.steadyChild.spawn", Map.of("program", "child"), 50, "ms/op");
        BenchmarkResult otherProgram = result("cpython.StartShapes.steadyChild.spawn", Map.of("program", "pool"), 1,
                "ms/op");
        ShapeRow row = ShapesSection.rows(List.of(c1, otherProgram, twin), true).get(0);
        assertEquals(50, row.other());
        assertEquals("StartShapes.steadyChild {flags=c1, program=child} vs CPython spawn", row.shape());
    }

    @Test
    void aRatioWhoseIntervalStraddlesTheGoalIsInconclusive() {
        BenchmarkResult near = spread("org.mproc.reports.bench.ShapesQueueBenchmark.oneToOne",
                Map.of("capacity", "1000", "workers", "2"), 90_000, "ops/s");
        ShapeRow row = ShapesSection.rows(List.of(near, spread("cpython.ShapesQueue.oneToOne.fork",
                Map.of("capacity", "1000"), 60_000, "ops/s")), true).get(0);
        assertTrue(row.verdict().startsWith("inconclusive (1.50× ["), row.verdict());
        assertEquals("neutral", row.verdictClass());
    }

    @Test
    void aQuickRunDecidesNothing() {
        List<ShapeRow> rows = ShapesSection.rows(List.of(ONE, TWIN_ONE), false);
        assertEquals("smoke run: not decided", rows.get(0).verdict());
        assertEquals("neutral", rows.get(0).verdictClass());
    }

    @Test
    void otherBenchmarksAreNotShapes() {
        BenchmarkResult scaling = result("org.mproc.reports.bench.QueueScalingBenchmark.mproc", Map.of(), 1, "ops/s");
        BenchmarkResult cpython = result("cpython.QueueScaling.fork", Map.of(), 1, "ops/s");
        assertEquals(List.of(), ShapesSection.rows(List.of(scaling, cpython), true));
    }

    @Test
    void aLatencyGoalIsMetByTheRatioOrByTheFloorMeasuredInTheSameRun() {
        BenchmarkResult get = result("org.mproc.reports.bench.ShapesManagerBenchmark.get", Map.of("workers", "2"), 14,
                "us/op");
        BenchmarkResult twin = result("cpython.ShapesManager.get.fork", Map.of("workers", "2"), 20, "us/op");
        BenchmarkResult floor = result("org.mproc.reports.bench.SocketPingPongBenchmark.roundTrip", Map.of(), 0.0100,
                "ms/op");
        ShapeRow byFloor = ShapesSection.rows(List.of(get, twin, floor), true).get(0);
        assertEquals("met (14.0 µs, floor 10.0 µs = 1.4 floors [1.38, 1.42], 1.43× [1.41, 1.45])", byFloor.verdict(),
                "1.43× misses ≤ 0.5× CPython's time, 1.4 floors meets ≤ 1.5× floor");
        assertEquals("good", byFloor.verdictClass());
        BenchmarkResult slow = result("org.mproc.reports.bench.ShapesManagerBenchmark.get", Map.of("workers", "2"), 16,
                "us/op");
        assertEquals("bad", ShapesSection.rows(List.of(slow, twin, floor), true).get(0).verdictClass());
        assertEquals("not met (1.25× [1.23, 1.27])", ShapesSection.rows(List.of(slow, twin), true).get(0).verdict(),
                "without the floor only the ratio decides");
    }

    @Test
    void aGoalOnTheFloorAloneNeedsTheFloor() {
        BenchmarkResult increment = result("org.mproc.reports.bench.ShapesManagerBenchmark.lockedIncrementFrom4Workers",
                Map.of("workers", "2"), 25, "us/op");
        BenchmarkResult floor = result("org.mproc.reports.bench.SocketPingPongBenchmark.roundTrip", Map.of(), 10,
                "us/op");
        assertEquals("not met (25.0 µs, floor 10.0 µs = 2.5 floors [2.46, 2.54])",
                ShapesSection.rows(List.of(increment, floor), true).get(0).verdict());
        assertEquals("floor not measured", ShapesSection.rows(List.of(increment), true).get(0).verdict());
    }

    @Test
    void parallelEfficiencyIsComparedWithCPythonsOwn() {
        List<BenchmarkResult> results = List.of(
                result("org.mproc.reports.bench.ShapesPoolBenchmark.primeCountingOneWorker", Map.of("workers", "2"), 1000, "ops/s"),
                result("org.mproc.reports.bench.ShapesPoolBenchmark.primeCountingTwoWorkers", Map.of("workers", "2"), 1800, "ops/s"),
                result("cpython.ShapesPool.primeCountingOneWorker.fork", Map.of("workers", "2"), 10, "ops/s"),
                result("cpython.ShapesPool.primeCountingTwoWorkers.fork", Map.of("workers", "2"), 19, "ops/s"));
        ShapeRow eff = ShapesSection.rows(results, true).stream()
                .filter(r -> r.shape().equals("ShapesPool.primeCountingTwoWorkers over 2 × primeCountingOneWorker"))
                .findFirst().orElseThrow();
        assertEquals(90, eff.mproc(), 1e-9);
        assertEquals(95, eff.other(), 1e-9);
        assertEquals(0.9 / 0.95, eff.ratio(), 1e-9);
        assertTrue(eff.verdict().startsWith("not met (90% vs 95%, ratio 0.95× ["), eff.verdict());
        ShapeRow quick = ShapesSection.rows(results, false).stream()
                .filter(r -> r.shape().startsWith("ShapesPool.primeCountingTwoWorkers over")).findFirst().orElseThrow();
        assertEquals("smoke run: not decided", quick.verdict());
        ShapeRow alone = ShapesSection.rows(results.subList(0, 2), true).stream()
                .filter(r -> r.shape().startsWith("ShapesPool.primeCountingTwoWorkers over")).findFirst().orElseThrow();
        assertEquals("CPython not measured", alone.verdict());
    }
}
