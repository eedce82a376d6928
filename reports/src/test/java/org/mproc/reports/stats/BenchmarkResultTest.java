package org.mproc.reports.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchmarkResultTest {
    private final BenchmarkResult r = new BenchmarkResult("org.mproc.reports.bench.MapScalingBenchmark.mproc", "thrpt",
            Map.of("workers", "2", "grain", "tiny"), 120.0, Double.NaN, "ops/s",
            List.of(List.of(110.0, 130.0), List.of(120.0)));

    @Test
    void javadocExampleHolds() {
        assertEquals("MapScalingBenchmark.mproc", r.simpleName());
        assertArrayEquals(new double[] {110.0, 130.0, 120.0}, r.samples());
        assertEquals(Direction.HIGHER_IS_BETTER, r.direction());
        assertEquals(Optional.of("2"), r.param("workers"));
        assertEquals("org.mproc.reports.bench.MapScalingBenchmark.mproc{grain=tiny, workers=2}", r.key());
    }

    @Test
    void samplesFallBackToTheScoreWithoutRawData() {
        BenchmarkResult bare = new BenchmarkResult("a.B.c", "avgt", null, 3.5, 0.1, "ms/op", null);
        assertArrayEquals(new double[] {3.5}, bare.samples());
        assertEquals("a.B.c", bare.key());
        assertEquals(Optional.empty(), bare.param("workers"));
    }

    @Test
    void nanScoreErrorIsHiddenBehindAnEmptyError() {
        assertTrue(r.error().isEmpty());
        assertEquals(0.5, new BenchmarkResult("x.Y.z", "", Map.of(), 1, 0.5, "s/op", List.of()).error().getAsDouble());
    }

    @Test
    void simpleNameOfAShortNameIsTheName() {
        assertEquals("MapScaling.fork", new BenchmarkResult("cpython.MapScaling.fork", "", Map.of(), 1, 0, "ops/s", null).simpleName());
        assertEquals("solo", new BenchmarkResult("solo", "", Map.of(), 1, 0, "ops/s", null).simpleName());
    }

    @Test
    void paramsAreSortedAndUnmodifiable() {
        assertEquals(List.of("grain", "workers"), List.copyOf(r.params().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> r.params().put("x", "y"));
    }

    @Test
    void nonFiniteScoreOrRawValueIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BenchmarkResult("a.B.c", "", Map.of(), Double.NaN, 0, "ops/s", null));
        assertThrows(IllegalArgumentException.class,
                () -> new BenchmarkResult("a.B.c", "", Map.of(), 1, 0, "ops/s", List.of(List.of(1.0, Double.POSITIVE_INFINITY))));
    }
}
