package org.mproc.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Synthetic;

/**
 * The report command on synthetic runs written in JMH's JSON shape with the suite's names: what it
 * renders: goals decided on intervals in full mode and not at all in quick mode, the last
 * scripts/gate result as the gate section, recorded runs as history.
 */
class ReportMainTest {
    private static final String BENCH = "org.mproc.reports.bench.";

    @TempDir
    Path dir;

    /** One full-mode run: per core count, mproc at {@code mprocSpeed} and everything at {@code machineSpeed}. */
    private static Path run(Path out, double mprocSpeed, double machineSpeed, long seed, boolean python) throws IOException {
        return run(out, mprocSpeed, machineSpeed, seed, python, "full");
    }

    static Path run(Path out, double mprocSpeed, double machineSpeed, long seed, boolean python, String mode)
            throws IOException {
        for (int k = 1; k <= 2; k++) {
            List<BenchmarkResult> jmh = new ArrayList<>();
            List<BenchmarkResult> cpython = new ArrayList<>();
            String workers = String.valueOf(k);
            double m = mprocSpeed * machineSpeed;
            for (String grain : List.of("tiny", "medium", "coarse")) {
                Map<String, String> params = Map.of("grain", grain, "workers", workers);
                String jmhClass = BENCH + Workloads.mapClass(grain);
                jmh.add(rate(jmhClass + ".mproc", params, 1000 * k * 0.9 * m, seed++));
                jmh.add(rate(jmhClass + ".forkJoin", params, 1000 * k * 0.95 * machineSpeed, seed++));
                jmh.add(rate(jmhClass + ".sequential", params, 1000 * machineSpeed, seed++));
                cpython.add(rate("cpython.MapScaling.fork", params, 300 * k * 0.85 * machineSpeed, seed++));
                cpython.add(rate("cpython.MapScaling.spawn", params, 280 * k * 0.85 * machineSpeed, seed++));
                cpython.add(rate("cpython.MapScaling.sequential", params, 300 * machineSpeed, seed++));
            }
            Map<String, String> onlyWorkers = Map.of("workers", workers);
            jmh.add(time(BENCH + "ApplyScalingBenchmark.mproc", onlyWorkers, 60 / m, "us/op", seed++));
            jmh.add(rate(BENCH + "QueueScalingBenchmark.mproc", onlyWorkers, 200_000 * m, seed++));
            jmh.add(time(BENCH + "ManagerScalingBenchmark.mproc", onlyWorkers, 45 / m, "us/op", seed++));
            jmh.add(time(BENCH + "StartScalingBenchmark.cold", Map.of(), 120 / m, "ms/op", seed++));
            jmh.add(time(BENCH + "StartScalingBenchmark.warm", Map.of(), 20 / m, "ms/op", seed++));
            jmh.add(time(BENCH + "SocketPingPongBenchmark.roundTrip", Map.of(), 32 / machineSpeed, "us/op", seed++));
            for (String method : List.of("fork", "spawn")) {
                cpython.add(time("cpython.ApplyScaling." + method, onlyWorkers, 160 / machineSpeed, "us/op", seed++));
                cpython.add(rate("cpython.QueueScaling." + method, onlyWorkers, 250_000 * machineSpeed, seed++));
                cpython.add(time("cpython.ManagerScaling." + method, onlyWorkers, 40 / machineSpeed, "us/op", seed++));
                cpython.add(time("cpython.StartScaling." + method, onlyWorkers, (method.equals("fork") ? 3 : 65) / machineSpeed, "ms/op", seed++));
            }
            write(out.resolve("jmh/k" + k + ".json"), Synthetic.json(jmh));
            if (python) {
                write(out.resolve("cpython/k" + k + ".json"), Synthetic.json(cpython));
            }
        }
        write(out.resolve("env.json"), "{\"cores\": 2, \"jdk\": \"17\", \"python\": " + (python ? "\"3.11.7\"" : "null") + ", \"mode\": \"" + mode + "\"}");
        write(out.resolve("scenarios/05.json"), "{\"schemaVersion\": 1, \"id\": \"05\", \"title\": \"racy <counter>\", \"verdict\": \"PASS\","
                + " \"profile\": \"default\", \"trials\": 4, \"budgetMs\": 3000, \"actualMs\": 3100, \"outcomes\": [{\"key\": \"4\","
                + " \"samples\": 4, \"frequency\": 1.0, \"grade\": \"INTERESTING\", \"description\": \"lost update\"}], \"failures\": []}");
        return out;
    }

    private static BenchmarkResult rate(String name, Map<String, String> params, double mean, long seed) {
        return Synthetic.noisy(name, "ops/s", params, mean, 0.02, 1, 5, seed);
    }

    private static BenchmarkResult time(String name, Map<String, String> params, double mean, String unit, long seed) {
        return Synthetic.noisy(name, unit, params, mean, 0.02, 1, 5, seed);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private record Result(int code, String out) {}

    private static Result report(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ReportMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rendersChartsFitsRatiosScenariosAndGoalsFromARun() throws Exception {
        Path out = run(dir.resolve("run"), 1.0, 1.0, 1, true);
        Result r = report("--out", out.toString(), "--no-browser-check");
        assertEquals(0, r.code(), r.out());
        Document page = Jsoup.parse(out.resolve("report.html").toFile(), "UTF-8");
        String data = page.getElementById("report-data").data();
        assertEquals(10, data.split("\"kind\" ?: ?\"(THROUGHPUT|SPEEDUP)\"", -1).length - 1,
                "one chart per workload measured, two per map grain");
        assertTrue(data.contains("racy <counter>") || data.contains("racy \\u003Ccounter>"), "the scenario table is in the data");
        assertTrue(r.out().contains("MET      every graded scenario passes — 1 of 1 passed"), r.out());
        assertTrue(r.out().contains("MET      Pool.map, tiny grain: ≥ 3× CPython fork's items/s"), r.out());
        // 45 µs against CPython's 40: not half, but within 1.5 × the 32 µs floor measured in the same run
        assertTrue(r.out().contains("MET      Manager get ≤ max(½ CPython fork's, 1.5× floor) — 4"), r.out());
    }

    @Test
    void quickModeIsASmokeRunThatDecidesNoPerformanceGoal() throws Exception {
        Path out = run(dir.resolve("quick"), 1.0, 1.0, 1, true, "quick");
        Result r = report("--out", out.toString(), "--no-browser-check");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("MET      every graded scenario passes"), r.out());
        assertTrue(r.out().contains("NOT_DECIDED Pool.map, tiny grain"), r.out());
        assertFalse(r.out().contains("MET      Pool.map") || r.out().contains("NOT_MET"), r.out());
        Document page = Jsoup.parse(out.resolve("report.html").toFile(), "UTF-8");
        assertTrue(page.getElementById("smoke-run").text().contains("decides nothing"), "the smoke-run banner is on top");
        assertFalse(page.select(".tile-label").text().contains("goals met"), page.select(".tiles").text());
        List<String> badges = page.select(".verdict-table .badge").eachText();
        assertEquals(6, badges.stream().filter("smoke run: not decided"::equals).count(), badges.toString());
        assertEquals(List.of("met"), badges.stream().filter(b -> b.contains("met")).toList(), "only the scenarios' row: " + badges);
    }

    @Test
    void aGoalWhoseIntervalStraddlesItIsInconclusive() throws Exception {
        // tiny map: mproc 0.82 × 900 items/s per core against CPython's 255, with this seed's noise 3.00×: the goal itself
        Path out = run(dir.resolve("edge"), 0.82, 1.0, 1, true);
        Result r = report("--out", out.toString(), "--no-browser-check");
        assertTrue(r.out().contains("INCONCLUSIVE Pool.map, tiny grain: ≥ 3× CPython fork's items/s — 3.00× ["), r.out());
        assertTrue(r.out().contains("NOT_MET  apply round trip"), r.out());
        Document page = Jsoup.parse(out.resolve("report.html").toFile(), "UTF-8");
        assertTrue(page.select(".verdict-table").text().contains("inconclusive"), page.select(".verdict-table").text());
        assertTrue(page.select(".tile-label").text().contains("1 inconclusive"), page.select(".tiles").text());
    }

    @Test
    void theLastGateResultIsTheGateSection() throws Exception {
        Path out = run(dir.resolve("run"), 1.0, 1.0, 1, true);
        write(out.resolve("gate/gate.json"), "{\"ref\": \"ref abc1234 (HEAD~1)\", \"head\": \"head def5678\", \"summary\":"
                + " \"1 benchmark: 1 regressed, 0 improved, 0 unchanged, 0 inconclusive\", \"rows\": [{\"benchmark\": \""
                + BENCH + "ApplyScalingBenchmark.mproc{workers=2}\", \"unit\": \"us/op\", \"refForks\": 6, \"headForks\": 6,"
                + " \"refMedian\": 47.1, \"headMedian\": 61.5, \"change\": 0.30, \"lower\": 0.24, \"upper\": 0.37,"
                + " \"confidence\": 0.959, \"threshold\": 0.112, \"thresholdSource\": \"2 × A/A 5.6%\", \"verdict\": \"REGRESSED\","
                + " \"note\": \"slower beyond the threshold\"}]}");
        Result r = report("--out", out.toString(), "--gate", out.resolve("gate").toString(), "--no-browser-check");
        assertEquals(0, r.code(), r.out());
        Document page = Jsoup.parse(out.resolve("report.html").toFile(), "UTF-8");
        String gate = page.getElementById("gate").text();
        assertTrue(gate.contains("head def5678 against ref abc1234") && gate.contains("+30.0% [+24.0%, +37.0%] @95.9%")
                && gate.contains("REGRESSED"), gate);
    }

    @Test
    void historyShowsTheRatiosAgainstRecordedRunsWithoutGating() throws Exception {
        Path baseline = run(dir.resolve("base"), 1.0, 1.0, 100, true);
        Path same = run(dir.resolve("same"), 1.0, 1.0, 900, true);
        Path slow = run(dir.resolve("slow"), 0.7, 1.0, 900, true);
        Result unchanged = report("--out", same.toString(), "--history", baseline.toString(), "--gate", dir.resolve("none").toString(),
                "--no-browser-check");
        assertEquals(0, unchanged.code(), unchanged.out());
        assertTrue(unchanged.out().contains("history against") && unchanged.out().contains(" 0 regressed"), unchanged.out());
        Result slower = report("--out", slow.toString(), "--history", baseline.toString(), "--gate", dir.resolve("none").toString(),
                "--no-browser-check");
        assertEquals(0, slower.code(), "history is not a gate: " + slower.out());
        assertFalse(slower.out().contains(" 0 regressed"), slower.out());
        Document page = Jsoup.parse(slow.resolve("report.html").toFile(), "UTF-8");
        assertTrue(page.getElementById("gate").text().contains("history: recorded runs, not a gate"), page.getElementById("gate").text());
    }

    @Test
    void withoutPythonTheReportSaysSoAndTheGoalsHaveNoData() throws Exception {
        Path out = run(dir.resolve("nopy"), 1.0, 1.0, 5, false);
        Result r = report("--out", out.toString(), "--no-browser-check");
        assertEquals(0, r.code(), r.out());
        assertTrue(Files.readString(out.resolve("report.html")).contains("python3 was not found: CPython was not measured"));
        assertTrue(r.out().contains("NO_DATA  Queue child → child: ≥ CPython fork's throughput — CPython not measured"), r.out());
    }

    @Test
    void aMissingHistoryIsBadInput() throws Exception {
        Path out = run(dir.resolve("run"), 1.0, 1.0, 1, true);
        Result r = report("--out", out.toString(), "--history", dir.resolve("nowhere").toString(), "--gate",
                dir.resolve("none").toString(), "--no-browser-check");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("no benchmark results under " + dir.resolve("nowhere")), r.out());
        assertFalse(Files.exists(out.resolve("report.html")), "nothing written on bad input");
    }
}
