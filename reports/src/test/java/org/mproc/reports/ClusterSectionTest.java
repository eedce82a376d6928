package org.mproc.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.reports.html.ReportData;
import org.mproc.reports.html.ReportData.ClusterRow;
import org.mproc.reports.html.ReportData.ProjectionRow;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.Synthetic;

/**
 * The cluster section from a small run written as {@code scripts/bench-cluster} writes it
 * ({@code cluster/map-k<k>.json}, {@code roundtrip.json}, {@code env.json}, JMH's JSON shape):
 * each figure beside the local one, the goal decided only by a full run, the projection with its
 * assumptions, and a missing directory named with the command that fills it.
 */
class ClusterSectionTest {
    private static final String MAP = "org.mproc.reports.bench.ClusterMapBenchmark.";
    private static final String ROUND_TRIP = "org.mproc.reports.bench.ClusterRoundTripBenchmark.";

    @TempDir
    Path dir;

    private static BenchmarkResult result(String name, Map<String, String> params, double mean, String unit, long seed) {
        return Synthetic.noisy(name, unit, params, mean, 0.01, 1, 5, seed);
    }

    /**
     * A run on {@code cores} cores: the local pool maps 70 items/s per core, the 3-member cluster
     * {@code clusterShare} of that (1 and 2 members a little less), the sequential baseline 75
     * items/s; apply 400 µs on the cluster against 100 locally; the queues, the increments alike.
     */
    private static Path write(Path out, int cores, double clusterShare, String mode) throws IOException {
        long seed = 1;
        for (int k = 1; k <= cores; k++) {
            double local = 70 * k;
            List<BenchmarkResult> map = new ArrayList<>();
            for (int members = 1; members <= 3; members++) {
                double share = members == 3 ? clusterShare : clusterShare - 0.05;
                map.add(result(MAP + "cluster", Map.of("members", String.valueOf(members)), share * local, "ops/s", seed++));
            }
            map.add(result(MAP + "local", Map.of(), local, "ops/s", seed++));
            map.add(result(MAP + "sequential", Map.of(), 75, "ops/s", seed++));
            file(out.resolve("cluster/map-k" + k + ".json"), Synthetic.json(map));
        }
        List<BenchmarkResult> roundTrips = List.of(
                result(ROUND_TRIP + "applyCluster", Map.of(), 400, "us/op", seed++),
                result(ROUND_TRIP + "applyLocal", Map.of(), 100, "us/op", seed++),
                result(ROUND_TRIP + "queueCluster", Map.of(), 10_000, "ops/s", seed++),
                result(ROUND_TRIP + "queueLocal", Map.of(), 100_000, "ops/s", seed++),
                result(ROUND_TRIP + "queueBatchedCluster", Map.of(), 200_000, "ops/s", seed++),
                result(ROUND_TRIP + "queueBatchedLocal", Map.of(), 400_000, "ops/s", seed++),
                result(ROUND_TRIP + "namespaceIncrementCluster", Map.of(), 0.5, "ms/op", seed++),
                result(ROUND_TRIP + "namespaceIncrementLocal", Map.of(), 50, "us/op", seed++),
                result(ROUND_TRIP + "dictMergeCluster", Map.of(), 450, "us/op", seed++),
                result(ROUND_TRIP + "dictMergeLocal", Map.of(), 45, "us/op", seed));
        file(out.resolve("cluster/roundtrip.json"), Synthetic.json(roundTrips));
        file(out.resolve("cluster/env.json"), "{\"cores\": " + cores + ", \"mode\": \"" + mode + "\"}");
        return out;
    }

    private static void file(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static ReportData.Cluster section(Path out) throws IOException {
        return ClusterSection.section(ClusterSection.load(out).orElseThrow());
    }

    @Test
    void eachClusterFigureStandsBesideTheLocalOneWithTheRatio() throws Exception {
        List<ClusterRow> rows = section(write(dir, 2, 0.95, "full")).rows();
        assertEquals(8, rows.size(), rows.toString());
        ClusterRow three = rows.get(2);
        assertEquals("coarse map, 3 members (2 cores)", three.figure());
        assertEquals("ops/s", three.unit());
        assertEquals(0.95, three.ratio(), 0.02);
        ClusterRow apply = rows.get(3);
        assertEquals("apply round trip", apply.figure());
        assertEquals(0.25, apply.ratio(), 0.01, "four times the local time is a quarter of its speed");
        ClusterRow increment = rows.get(6);
        assertEquals("ms/op", increment.unit());
        assertEquals(0.05, increment.local(), 0.001, "the local time in the cluster's unit");
        assertEquals(0.1, increment.ratio(), 0.005);
        assertEquals("no goal", increment.verdict());
    }

    @Test
    void aFullRunDecidesTheGoalOnTheRatiosInterval() throws Exception {
        ClusterRow met = section(write(dir.resolve("met"), 2, 0.95, "full")).rows().get(2);
        assertEquals("≥ 0.90× local", met.goal());
        assertTrue(met.verdict().startsWith("met (0.9"), met.verdict());
        assertEquals("good", met.verdictClass());
        ClusterRow notMet = section(write(dir.resolve("slow"), 2, 0.7, "full")).rows().get(2);
        assertTrue(notMet.verdict().matches("not met \\(0\\.[67]\\d× \\[.*"), notMet.verdict());
        assertEquals("bad", notMet.verdictClass());
    }

    @Test
    void aQuickRunDecidesNothing() throws Exception {
        ClusterRow quick = section(write(dir, 2, 0.7, "quick")).rows().get(2);
        assertEquals("smoke run: not decided", quick.verdict());
        assertEquals("neutral", quick.verdictClass());
    }

    @Test
    void theProjectionBracketsTheMeasuredEfficiencyBetweenHeldAndAllSerial() throws Exception {
        ReportData.Cluster cluster = section(write(dir, 2, 0.95, "full"));
        List<ProjectionRow> projection = cluster.projection();
        assertEquals(List.of(8, 64, 512), projection.stream().map(ProjectionRow::cores).toList());
        assertTrue(cluster.projectionNote().startsWith("a model, not a measurement"), cluster.projectionNote());
        // 2 members on 2 cores map 0.90 × 140 = 126 items/s against 75 alone: E = 0.84; t = 1/75 s, h = 100 µs
        double perCore = 1 / (1 / 75.0 + 100e-6);
        double efficiency = 126 / 150.0;
        ProjectionRow eight = projection.get(0);
        assertEquals(efficiency, eight.efficiency(), 0.02);
        assertEquals(8 * efficiency * perCore, eight.throughput(), 8 * perCore * 0.02);
        // all serial: Amdahl through (1, 1) and (2, 1.68): f = (1/1.68 - 1/2) / (1/2) ≈ 0.19
        double f = (1 / (2 * efficiency) - 0.5) / 0.5;
        assertEquals(perCore / (f + (1 - f) / 8), eight.pessimistic(), perCore * 0.1);
        projection.forEach(p -> assertTrue(p.pessimistic() <= p.throughput() + 1e-9, p.toString()));
        assertTrue(projection.get(2).throughput() / projection.get(2).pessimistic() > 50, "far apart at 512 cores: " + projection);
        String assumptions = String.join(" ", cluster.assumptions());
        assertTrue(assumptions.matches(".*t = 13\\.\\d\\d ms.*"), assumptions);
        assertTrue(assumptions.matches(".*E = 0\\.8\\d.*"), assumptions);
        assertTrue(assumptions.contains("h = 100 µs an assumed network round trip between machines (not measured)"), assumptions);
    }

    @Test
    void oneCoreCountGivesNoProjectionAndSaysWhy() throws Exception {
        ReportData.Cluster cluster = section(write(dir, 1, 0.95, "full"));
        assertEquals(List.of(), cluster.projection());
        assertTrue(cluster.projectionNote().startsWith("no projection: it needs the map with one member per core on at least 2 cores"),
                cluster.projectionNote());
    }

    @Test
    void theReportRendersTheSectionWithItsModelLabelled() throws Exception {
        Path out = write(dir, 2, 0.95, "full");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int code = ReportMain.run(new PrintStream(console, true, StandardCharsets.UTF_8), "--out", out.toString(),
                "--no-browser-check");
        assertEquals(0, code, console.toString(StandardCharsets.UTF_8));
        Document page = Jsoup.parse(out.resolve("report.html").toFile(), "UTF-8");
        Element section = page.getElementById("cluster");
        assertEquals(8, section.select("#cluster-table tbody tr").size());
        assertTrue(section.select("#cluster-table").text().contains("coarse map, 3 members (2 cores)"));
        assertTrue(section.getElementById("cluster-projection").text().contains("a model, not a measurement"));
        assertEquals(3, section.select("#cluster-model tbody tr").size());
        assertEquals(4, section.select(".assumptions li").size());
        assertTrue(section.select(".nodata").isEmpty(), section.text());
    }

    @Test
    void withoutTheDirectoryTheSectionSaysWhichCommandProducesIt() throws Exception {
        assertTrue(ClusterSection.load(dir).isEmpty());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int code = ReportMain.run(new PrintStream(console, true, StandardCharsets.UTF_8), "--out", dir.toString(),
                "--no-browser-check");
        assertEquals(0, code, console.toString(StandardCharsets.UTF_8));
        Document page = Jsoup.parse(dir.resolve("report.html").toFile(), "UTF-8");
        Element section = page.getElementById("cluster");
        assertTrue(section.select(".nodata").text().contains("(run scripts/bench-cluster)"), section.text());
        assertNull(section.getElementById("cluster-table"));
        assertFalse(section.text().contains("Projection"), section.text());
    }
}
