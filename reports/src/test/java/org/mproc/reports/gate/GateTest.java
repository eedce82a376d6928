package org.mproc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.JmhJson;
import org.mproc.reports.stats.Synthetic;

/**
 * DESIGN.md, Reports: "the gate's logic (an A/A comparison does not flag, a 30% injected slowdown
 * does) is proven by unit tests on recorded and synthetic JMH JSON, not by timing runs". Every run
 * here goes through JMH JSON text and {@link JmhJson}, as the real files do.
 */
class GateTest {
    private static final String MAP = "org.mproc.reports.bench.MapScalingBenchmark.mproc";
    private static final Map<String, String> TINY = Map.of("grain", "tiny", "workers", "2");

    /** A run of one benchmark: 2 forks × 5 iterations with 5% noise, through JMH JSON. */
    private static List<BenchmarkResult> run(String unit, double mean, double noise, long seed) {
        return viaJson(Synthetic.noisy(MAP, unit, TINY, mean, noise, 2, 5, seed));
    }

    private static List<BenchmarkResult> viaJson(BenchmarkResult... results) {
        return JmhJson.parse(Synthetic.json(List.of(results)), "synthetic");
    }

    private static Comparison only(GateReport report) {
        assertEquals(1, report.comparisons().size(), report.table().toString());
        return report.comparisons().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ops/s", "us/op"})
    void aToAComparisonNeverFlags(String unit) {
        for (long seed = 0; seed < 40; seed++) {
            GateReport report = Gate.compare(run(unit, 1000, 0.05, seed), run(unit, 1000, 0.05, 1000 + seed), GateSettings.DEFAULTS);
            assertFalse(report.hasRegression(), "seed " + seed + "\n" + String.join("\n", report.table()));
            assertEquals(Verdict.UNCHANGED, only(report).verdict());
        }
    }

    @ParameterizedTest(name = "{0}: mean {1} becomes {2}")
    @CsvSource({"ops/s, 1000, 700", "us/op, 1000, 1300"})
    void thirtyPercentSlowdownFlags(String unit, double before, double after) {
        for (long seed = 0; seed < 10; seed++) {
            Comparison c = only(Gate.compare(run(unit, before, 0.05, seed), run(unit, after, 0.05, 100 + seed), GateSettings.DEFAULTS));
            assertEquals(Verdict.REGRESSED, c.verdict(), "seed " + seed + ": " + c);
            assertEquals(0.30, c.relativeChange().getAsDouble(), 0.05);
            assertTrue(c.pValue().getAsDouble() < 0.01);
        }
    }

    @Test
    void significantFivePercentIsBelowTheMinimumEffect() {
        Comparison c = only(Gate.compare(run("ops/s", 1000, 0.005, 1), run("ops/s", 950, 0.005, 2), GateSettings.DEFAULTS));
        assertTrue(c.pValue().getAsDouble() < 1e-6, "significant: " + c);
        assertEquals(Verdict.UNCHANGED, c.verdict());
        assertTrue(c.note().contains("within the 10% minimum effect"), c.note());
    }

    @Test
    void largeButNoisyChangeOnTwoSamplesIsNotSignificant() {
        List<BenchmarkResult> before = viaJson(new BenchmarkResult(MAP, "thrpt", TINY, 1000, Double.NaN, "ops/s",
                List.of(List.of(600.0, 1400.0))));
        List<BenchmarkResult> after = viaJson(new BenchmarkResult(MAP, "thrpt", TINY, 600, Double.NaN, "ops/s",
                List.of(List.of(300.0, 900.0))));
        Comparison c = only(Gate.compare(before, after, GateSettings.DEFAULTS));
        assertEquals(0.40, c.relativeChange().getAsDouble(), 1e-9);
        assertTrue(c.pValue().getAsDouble() >= 0.01, c.toString());
        assertEquals(Verdict.UNCHANGED, c.verdict());
        assertTrue(c.note().startsWith("not significant"), c.note());
    }

    @ParameterizedTest(name = "{0}: mean {1} becomes {2}")
    @CsvSource({"ops/s, 1000, 1500", "us/op, 1000, 600"})
    void improvementIsNeverARegression(String unit, double before, double after) {
        GateReport report = Gate.compare(run(unit, before, 0.05, 3), run(unit, after, 0.05, 4), GateSettings.DEFAULTS);
        assertFalse(report.hasRegression());
        assertEquals(Verdict.IMPROVED, only(report).verdict());
        assertTrue(only(report).relativeChange().getAsDouble() < -0.10);
    }

    @Test
    void oneSampleOnASideCannotBeTestedAndNeverFlags() {
        List<BenchmarkResult> single = viaJson(new BenchmarkResult(MAP, "thrpt", TINY, 100, Double.NaN, "ops/s", List.of(List.of(100.0))));
        Comparison c = only(Gate.compare(run("ops/s", 1000, 0.01, 1), single, GateSettings.DEFAULTS));
        assertEquals(Verdict.UNCHANGED, c.verdict());
        assertTrue(c.pValue().isEmpty());
        assertEquals(0.90, c.relativeChange().getAsDouble(), 0.02);
        assertTrue(c.note().startsWith("cannot test: 10 baseline and 1 current samples"), c.note());
    }

    @Test
    void missingAndNewBenchmarksAreReported() {
        BenchmarkResult kept = Synthetic.noisy(MAP, "ops/s", TINY, 1000, 0.05, 1, 5, 1);
        BenchmarkResult gone = Synthetic.noisy(MAP, "ops/s", Map.of("grain", "coarse", "workers", "2"), 10, 0.05, 1, 5, 2);
        BenchmarkResult added = Synthetic.noisy(MAP + "Warm", "ops/s", TINY, 10, 0.05, 1, 5, 3);
        GateReport report = Gate.compare(viaJson(kept, gone), viaJson(kept, added), GateSettings.DEFAULTS);
        // Sorted by key as a string: "…mprocWarm" before "…mproc{", because 'W' < '{'.
        assertEquals(List.of(Verdict.NEW, Verdict.MISSING_IN_CURRENT, Verdict.UNCHANGED),
                report.comparisons().stream().map(Comparison::verdict).toList());
        Comparison missing = report.comparisons().get(1);
        assertEquals(MAP + "{grain=coarse, workers=2}", missing.key());
        assertTrue(missing.currentMean().isEmpty() && missing.baselineMean().isPresent());
        assertFalse(report.hasRegression());
    }

    @Test
    void differentTimeUnitsAreRescaledBeforeComparing() {
        BenchmarkResult ms = Synthetic.noisy(MAP, "ms/op", TINY, 2.0, 0.02, 1, 5, 1);
        BenchmarkResult us = Synthetic.noisy(MAP, "us/op", TINY, 2600.0, 0.02, 1, 5, 2);
        Comparison c = only(Gate.compare(viaJson(ms), viaJson(us), GateSettings.DEFAULTS));
        assertEquals(Verdict.REGRESSED, c.verdict());
        assertEquals(0.30, c.relativeChange().getAsDouble(), 0.05);
    }

    @Test
    void rateAgainstTimeIsReportedNotCompared() {
        BenchmarkResult rate = Synthetic.noisy(MAP, "ops/s", TINY, 500, 0.02, 1, 5, 1);
        BenchmarkResult time = Synthetic.noisy(MAP, "ms/op", TINY, 2, 0.02, 1, 5, 2);
        Comparison c = only(Gate.compare(viaJson(rate), viaJson(time), GateSettings.DEFAULTS));
        assertEquals(Verdict.UNCHANGED, c.verdict());
        assertTrue(c.currentMean().isEmpty() && c.pValue().isEmpty());
        assertEquals("units differ (ops/s vs ms/op): not compared", c.note());
    }

    @Test
    void unknownUnitIsReportedNotCompared() {
        BenchmarkResult bytes = new BenchmarkResult(MAP, "avgt", TINY, 10, 0, "B/op", List.of(List.of(10.0, 11.0)));
        BenchmarkResult more = new BenchmarkResult(MAP, "avgt", TINY, 20, 0, "B/op", List.of(List.of(20.0, 21.0)));
        Comparison c = only(Gate.compare(List.of(bytes), List.of(more), GateSettings.DEFAULTS));
        assertEquals(Verdict.UNCHANGED, c.verdict());
        assertTrue(c.note().contains("unknown score unit 'B/op'"), c.note());
    }

    @Test
    void twoResultsWithOneKeyAreRefused() {
        BenchmarkResult r = Synthetic.noisy(MAP, "ops/s", TINY, 1, 0.1, 1, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> Gate.compare(List.of(r, r), List.of(r), GateSettings.DEFAULTS));
    }

    @Test
    void recordedRunAgainstItselfDoesNotFlag() {
        List<BenchmarkResult> recorded = recorded();
        GateReport report = Gate.compare(recorded, recorded, GateSettings.DEFAULTS);
        assertEquals(6, report.comparisons().size());
        assertFalse(report.hasRegression(), String.join("\n", report.table()));
    }

    @Test
    void recordedRunWithAnInjectedSlowdownFlagsWhereTheNoiseAllowsIt() {
        // Recorded on a shared 2-core box with 300 ms iterations: relative spread from 15% (map) to
        // 50% (forkJoin, workers=1) over 6 iterations. A 30% slowdown stands out of the first, not the last.
        List<BenchmarkResult> recorded = recorded();
        List<BenchmarkResult> slower = recorded.stream().map(r -> Synthetic.scaled(r, 0.7)).toList();
        GateReport report = Gate.compare(recorded, slower, GateSettings.DEFAULTS);
        List<String> flagged = report.regressed().stream().map(Comparison::key).toList();
        String table = String.join("\n", report.table());
        assertTrue(flagged.contains("org.mproc.reports.bench.PoolMapBenchmark.mapMillionDefaultChunks{workers=1}"), table);
        assertFalse(flagged.contains("org.mproc.reports.bench.PoolMapBenchmark.forkJoinMillion{workers=1}"), table);
        report.comparisons().forEach(c -> assertEquals(0.30, c.relativeChange().getAsDouble(), 1e-9));
    }

    @Test
    void recordedRunWithOneBenchmarkSlowedFlagsOnlyThatOne() {
        List<BenchmarkResult> recorded = recorded();
        String slowed = "org.mproc.reports.bench.PoolMapBenchmark.mapMillionDefaultChunks{workers=2}";
        List<BenchmarkResult> current = recorded.stream()
                .map(r -> r.key().equals(slowed) ? Synthetic.scaled(r, 0.7) : r).toList();
        GateReport report = Gate.compare(recorded, current, GateSettings.DEFAULTS);
        assertEquals(List.of(slowed), report.regressed().stream().map(Comparison::key).toList(),
                String.join("\n", report.table()));
    }

    private static List<BenchmarkResult> recorded() {
        String name = "/org/mproc/reports/stats/recorded-thrpt-two-forks.json";
        try (InputStream in = GateTest.class.getResourceAsStream(name)) {
            return JmhJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
