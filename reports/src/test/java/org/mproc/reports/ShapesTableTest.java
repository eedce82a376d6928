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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's table of a recorded run: provenance on top, rows as the report has them, goals only for a full run. */
class ShapesTableTest {
    @TempDir
    Path run;

    private static String result(String name, String capacity, double score) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"%s\",\"mode\":\"thrpt\",\"params\":{\"capacity\":\"%s\",\"workers\":\"2\"},"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":0,\"scoreUnit\":\"ops/s\",\"rawData\":[[%f,%f,%f,%f,%f]]}}",
                name, capacity, score, 0.99 * score, score, 1.01 * score, 0.995 * score, 1.005 * score);
    }

    private void write(String mode) throws IOException {
        Path shapes = Files.createDirectories(run.resolve("shapes").resolve("start"));
        Files.writeString(shapes.getParent().resolve("mproc-steady.json"),
                "[" + result("org.mproc.reports.bench.ShapesQueueBenchmark.oneToOne", "1000", 150_000) + "]");
        Files.writeString(shapes.getParent().resolve("cpython-queue.json"),
                "[" + result("cpython.ShapesQueue.oneToOne.fork", "1000", 60_000) + "]");
        Files.writeString(shapes.resolve("env.json"), "{\"cpuModel\":\"Test CPU\",\"cores\":2,\"jdk\":\"openjdk 17\","
                + "\"python\":\"Python 3.11\",\"mode\":\"" + mode + "\"}");
        Files.writeString(run.resolve("provenance.json"),
                "{\"commit\":\"abc1234\",\"date\":\"2026-12-06\",\"command\":\"scripts/bench-shapes --full\"}");
    }

    private List<String> lines() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShapesTable.print(run, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aFullRunIsPrintedWithItsProvenanceAndDecidedGoals() throws IOException {
        write("full");
        List<String> lines = lines();
        assertEquals("Recorded run: commit abc1234, 2026-12-06, `scripts/bench-shapes --full`", lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.get(2).startsWith("Machine: Test CPU, 2 cores, openjdk 17, Python 3.11; mode full"), lines.get(2));
        assertEquals("| ShapesQueue.oneToOne {capacity=1000} vs CPython fork | 150,000 | 60,000 | ops/s | 2.50× "
                + "| ≥ 1.5× CPython | met (2.50× [2.46, 2.54]) |", lines.get(lines.size() - 1));
    }

    @Test
    void aQuickRunDecidesNoGoal() throws IOException {
        write("quick");
        List<String> lines = lines();
        assertTrue(lines.contains("A quick run (or one whose mode is unknown): a smoke run, no goal is decided."), lines.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("| smoke run: not decided |"), lines.get(lines.size() - 1));
    }

    @Test
    void numbersKeepThreeFiguresAndGroupThousands() {
        assertEquals("1,234,568", ShapesTable.number(1_234_567.8));
        assertEquals("457", ShapesTable.number(456.7));
        assertEquals("45.7", ShapesTable.number(45.67));
        assertEquals("4.57", ShapesTable.number(4.567));
        assertEquals("", ShapesTable.number(null));
    }
}
