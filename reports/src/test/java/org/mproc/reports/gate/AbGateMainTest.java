package org.mproc.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Synthetic;

/** The judging half of scripts/gate on per-fork JMH files written in JMH's own JSON shape. */
class AbGateMainTest {
    private static final String SLOWED = "org.mproc.reports.bench.ApplyScalingBenchmark.mproc";
    private static final String UNTOUCHED = "org.mproc.reports.bench.QueueScalingBenchmark.mproc";

    @Test
    void flagsTheSlowedBenchmarkAndOnlyThatOneAndWritesItsResults(@TempDir Path run) throws Exception {
        writeRun(run, 6, 1.30, true);
        Output out = gate("--run", run.toString());
        assertEquals(0, out.code, out.text);
        JsonNode rows = new ObjectMapper().readTree(run.resolve("gate.json").toFile()).path("rows");
        assertEquals("REGRESSED", verdictOf(rows, SLOWED), out.text);
        assertEquals("UNCHANGED", verdictOf(rows, UNTOUCHED), out.text);
        assertTrue(out.text.contains("1 regressed, 0 improved, 1 unchanged, 0 inconclusive"), out.text);
        assertTrue(out.text.contains("advisory"), out.text);
        assertTrue(Files.readString(run.resolve("gate.txt")).contains("REGRESSED"));
    }

    @Test
    void gateJsonReadsBackAsTheTableGateTxtShows(@TempDir Path run) throws Exception {
        writeRun(run, 6, 1.30, true);
        assertEquals(0, gate("--run", run.toString()).code);
        AbGateReport back = AbGateReport.readJson(run.resolve("gate.json"));
        String text = Files.readString(run.resolve("gate.txt"));
        for (String line : back.table()) {
            assertTrue(text.contains(line), "gate.txt lacks: " + line + "\n" + text);
        }
        assertTrue(back.hasRegression());
        assertEquals(2, back.rows().size());
    }

    @Test
    void enforceExitsThreeOnARegressionAndZeroWithout(@TempDir Path slowed, @TempDir Path same) throws Exception {
        writeRun(slowed, 6, 1.30, true);
        writeRun(same, 6, 1.0, true);
        assertEquals(3, gate("--run", slowed.toString(), "--enforce").code);
        assertEquals(0, gate("--run", same.toString(), "--enforce").code);
    }

    @Test
    void aBenchmarkMissingOnOneSideIsBadInputNamingIt(@TempDir Path run) throws Exception {
        writeRun(run, 5, 1.0, false);
        Output out = gate("--run", run.toString());
        assertEquals(2, out.code, out.text);
        assertTrue(out.text.contains("benchmarks missing on one side") && out.text.contains("only in ref")
                && out.text.contains(UNTOUCHED), out.text);
        assertFalse(Files.exists(run.resolve("gate.json")), "nothing written on bad input");
    }

    @Test
    void aRunWithoutForkFilesIsBadInput(@TempDir Path run) {
        Output out = gate("--run", run.resolve("nowhere").toString());
        assertEquals(2, out.code, out.text);
        assertTrue(out.text.contains("not a directory"), out.text);
    }

    @Test
    void anAaRunWritesTheCalibrationThatLaterRunsTakeThresholdsFrom(@TempDir Path aa, @TempDir Path later) throws Exception {
        writeRun(aa, 6, 1.0, true);
        Path calibration = aa.resolve("calibration.json");
        Output first = gate("--run", aa.toString(), "--write-calibration", calibration.toString(), "--provenance", "commit=abc1234");
        assertEquals(0, first.code, first.text);
        NoiseCalibration written = NoiseCalibration.read(calibration);
        assertEquals(2, written.spread().size());
        assertEquals("abc1234", written.provenance().get("commit"));
        writeRun(later, 6, 1.0, true);
        Output second = gate("--run", later.toString(), "--calibration", calibration.toString(), "--floor", "0.01",
                "--noise-multiple", "50");
        assertTrue(second.text.contains("50.0 × A/A"), second.text);
    }

    private static String verdictOf(JsonNode rows, String benchmark) {
        for (JsonNode r : rows) {
            if (r.path("benchmark").asText().startsWith(benchmark)) {
                return r.path("verdict").asText();
            }
        }
        return "absent";
    }

    /** forks fork files a side; head's apply takes {@code factor} times as long; the queue on head only when asked. */
    private static void writeRun(Path run, int forks, double factor, boolean queueOnHead) throws Exception {
        for (String side : List.of(ForkSamples.REF, ForkSamples.HEAD)) {
            Files.createDirectories(run.resolve(side));
            for (int f = 1; f <= forks; f++) {
                long seed = f * 31L + (side.equals(ForkSamples.HEAD) ? 7 : 0);
                List<BenchmarkResult> results = new ArrayList<>();
                BenchmarkResult apply = Synthetic.noisy(SLOWED, "us/op", Map.of("workers", "2"), 50, 0.02, 1, 3, seed);
                results.add(side.equals(ForkSamples.HEAD) ? Synthetic.scaled(apply, factor) : apply);
                if (queueOnHead || side.equals(ForkSamples.REF)) {
                    results.add(Synthetic.noisy(UNTOUCHED, "ops/s", Map.of("workers", "2"), 2e6, 0.02, 1, 3, seed + 1));
                }
                Files.writeString(run.resolve(side).resolve("fork-" + f + ".json"), Synthetic.json(results));
            }
        }
    }

    private record Output(int code, String text) {}

    private static Output gate(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = AbGateMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return new Output(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
