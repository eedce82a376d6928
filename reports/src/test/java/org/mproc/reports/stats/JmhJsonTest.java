package org.mproc.reports.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded files are real JMH 1.37 output from this repository's benchmarks (see each name). */
class JmhJsonTest {
    static List<BenchmarkResult> resource(String name) {
        try (InputStream in = JmhJsonTest.class.getResourceAsStream(name)) {
            return JmhJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void recordedThroughputRunKeepsEveryForkAndParam() {
        List<BenchmarkResult> run = resource("recorded-thrpt-two-forks.json");
        assertEquals(6, run.size());
        BenchmarkResult first = run.get(0);
        assertEquals("org.mproc.reports.bench.PoolMapBenchmark.forkJoinMillion", first.benchmark());
        assertEquals("PoolMapBenchmark.forkJoinMillion", first.simpleName());
        assertEquals("thrpt", first.mode());
        assertEquals(Map.of("workers", "1"), first.params());
        assertEquals("ops/s", first.unit());
        assertEquals(Direction.HIGHER_IS_BETTER, first.direction());
        assertEquals(16.449519003809396, first.score());
        assertEquals(23.334975837758467, first.scoreError());
        assertEquals(2, first.rawData().size());
        assertEquals(List.of(15.074457721256334, 18.288935479342392, 10.462128128004013), first.rawData().get(0));
        assertEquals(first.score(), Bootstrap.mean(first.samples()), 1e-9);
    }

    @Test
    void recordedSingleIterationHasNanErrorAndLowerIsBetter() {
        BenchmarkResult r = resource("recorded-avgt-one-iteration.json").get(0);
        assertTrue(Double.isNaN(r.scoreError()));
        assertTrue(r.error().isEmpty());
        assertEquals("ms/op", r.unit());
        assertEquals(Direction.LOWER_IS_BETTER, r.direction());
        assertArrayEquals(new double[] {31.203489}, r.samples());
    }

    @Test
    void recordedSampleTimeHistogramBecomesOneWeightedMeanPerIteration() {
        BenchmarkResult r = resource("recorded-sampletime.json").get(0);
        assertEquals("sample", r.mode());
        assertTrue(r.params().isEmpty(), "the file has no params field");
        assertEquals(1, r.rawData().size());
        // Values computed from the file's [value, count] pairs, iteration by iteration.
        assertEquals(24.91394962138772, r.rawData().get(0).get(0), 1e-9);
        assertEquals(17.398529372347582, r.rawData().get(0).get(1), 1e-9);
    }

    @Test
    void cpythonQuirksParse() {
        List<BenchmarkResult> run = resource("cpython-quirks.json");
        BenchmarkResult map = run.get(0);
        assertEquals(41250.5, map.score());
        assertEquals(Map.of("grain", "tiny", "workers", "2"), map.params(), "a numeric param is kept as text");
        assertArrayEquals(new double[] {41000.0, 41500.0, 41251.5}, map.samples());
        assertTrue(Double.isNaN(map.scoreError()));

        BenchmarkResult apply = run.get(1);
        assertEquals("", apply.mode());
        assertTrue(apply.params().isEmpty());
        assertTrue(Double.isNaN(apply.scoreError()), "a bare NaN token, as Python's json.dump writes it");
        assertArrayEquals(new double[] {812.25}, apply.samples(), "no rawData: the score");

        BenchmarkResult start = run.get(2);
        assertEquals(Double.POSITIVE_INFINITY, start.scoreError());
        assertArrayEquals(new double[] {3.0, 4.0}, start.samples());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("k2.json");
        Files.writeString(file, "[{\"benchmark\": \"a.B.c\", \"primaryMetric\": {\"score\": \"fast\", \"scoreUnit\": \"ops/s\"}}]");
        JmhJsonException e = assertThrows(JmhJsonException.class, () -> JmhJson.read(file));
        assertEquals(file + ": entry 0 (a.B.c): primaryMetric.score: expected a number, found \"fast\"", e.getMessage());
    }

    @Test
    void errorsNameTheEntryAndTheField() {
        String second = "[{\"benchmark\": \"a.B.ok\", \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"ops/s\"}},"
                + " {\"benchmark\": \"a.B.bad\", \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"ops/s\","
                + " \"rawData\": [[1.0, \"NaN\"]]}}]";
        assertMessage(second, "run.json: entry 1 (a.B.bad): primaryMetric.rawData[0][1]: is not finite: NaN");
        assertMessage("[{\"benchmark\": \"a.B.c\"}]", "run.json: entry 0 (a.B.c): primaryMetric: is missing");
        assertMessage("[{\"benchmark\": \"a.B.c\", \"primaryMetric\": {\"score\": 1}}]",
                "run.json: entry 0 (a.B.c): primaryMetric.scoreUnit: is missing");
        assertMessage("[{\"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"ops/s\"}}]",
                "run.json: entry 0 (?): benchmark: is missing");
        assertMessage("[{\"benchmark\": \"a.B.c\", \"primaryMetric\": {\"score\": \"NaN\", \"scoreUnit\": \"ops/s\"}}]",
                "run.json: entry 0 (a.B.c): primaryMetric.score: is not finite: NaN");
        assertMessage("{\"benchmark\": \"a.B.c\"}", "run.json: expected a JSON array of results, found OBJECT");
        assertMessage("", "run.json: empty file (did the benchmark run fail?)");
    }

    @Test
    void emptyArrayIsAnEmptyRun() {
        assertEquals(List.of(), JmhJson.parse("[ ]", "empty.json"));
    }

    @Test
    void syntheticJsonRoundTrips() {
        BenchmarkResult r = Synthetic.noisy("x.Bench.m", "us/op", Map.of("workers", "4"), 50, 0.05, 2, 3, 7);
        assertEquals(List.of(r), JmhJson.parse(Synthetic.json(List.of(r)), "synthetic"));
    }

    private static void assertMessage(String json, String message) {
        assertEquals(message, assertThrows(JmhJsonException.class, () -> JmhJson.parse(json, "run.json")).getMessage());
    }
}
