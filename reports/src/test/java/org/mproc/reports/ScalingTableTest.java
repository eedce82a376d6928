package org.mproc.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's scaling figures from a recorded run: provenance, per workload and k a ratio with its interval, goals. */
class ScalingTableTest {
    @TempDir
    Path dir;

    private List<String> print(Path run) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScalingTable.print(RunFiles.load(run), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aFullRunIsPrintedWithItsProvenanceRatioIntervalsAndDecidedGoals() throws IOException {
        Path run = ReportMainTest.run(dir.resolve("full"), 1.0, 1.0, 1, true, "full");
        Files.writeString(run.resolve("provenance.json"),
                "{\"commit\":\"abc1234\",\"date\":\"2026-12-06\",\"command\":\"scripts/bench-scaling --full\"}");
        List<String> lines = print(run);
        assertEquals("Recorded run: commit abc1234, 2026-12-06, `scripts/bench-scaling --full`", lines.get(0));
        assertTrue(lines.get(2).startsWith("Machine: ") && lines.get(2).endsWith("mode full"), lines.get(2));
        // tiny map at 2 cores: mproc about 1,800 items/s against CPython's 510, with this seed's noise 3.66×
        assertTrue(lines.contains("| Pool.map, tiny grain (square of an int) | 2 | 1,829 | 500 | ops/s | 3.66× [3.60, 3.72] |"),
                String.join("\n", lines));
        assertTrue(lines.contains("| goal | measured | verdict |"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("| Pool.map, tiny grain: ≥ 3× CPython fork's items/s | 3.66× [3.60, 3.72]")
                && l.endsWith("| met |")), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("every graded scenario")), "a benchmark run has no scenarios");
    }

    @Test
    void aQuickRunDecidesNoGoal() throws IOException {
        List<String> lines = print(ReportMainTest.run(dir.resolve("quick"), 1.0, 1.0, 1, true, "quick"));
        assertTrue(lines.contains("A quick run (or one whose mode is unknown): a smoke run, no goal is decided."), lines.toString());
        assertTrue(lines.stream().filter(l -> l.startsWith("| Pool.map, tiny grain: ≥ 3×")).allMatch(l -> l.endsWith("| not decided |")),
                String.join("\n", lines));
    }
}
