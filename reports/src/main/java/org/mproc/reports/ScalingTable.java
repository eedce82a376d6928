package org.mproc.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mproc.reports.Workload.Role;
import org.mproc.reports.html.ReportData.Verdict;
import org.mproc.reports.stats.BenchmarkResult;
import org.mproc.reports.stats.SpeedRatio;

/**
 * Prints a scaling run ({@code scripts/bench-scaling} and {@code scripts/cpython/bench-scaling}
 * into one directory) as the Markdown the README quotes: where it came from, the machine, per
 * workload and core count mproc's mean beside CPython fork's with the speed ratio and its
 * interval, then the goals as the report judges them (decided only in a full run).
 *
 * <pre>
 *   scripts/scaling-table reports/recorded/scaling-full
 * </pre>
 */
public final class ScalingTable {
    private ScalingTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: scripts/scaling-table <run directory holding jmh/ and cpython/>");
            System.exit(2);
        }
        RunFiles run = RunFiles.load(Paths.get(args[0]));
        if (!run.hasBenchmarks()) {
            System.err.println("error: no jmh/k<k>.json or cpython/k<k>.json under " + args[0]
                    + " (scripts/bench-scaling --out " + args[0] + " writes them)");
            System.exit(2);
        }
        print(run, System.out);
    }

    static void print(RunFiles run, PrintStream out) throws IOException {
        Path provenanceFile = run.directory().resolve("provenance.json");
        if (Files.isRegularFile(provenanceFile)) {
            JsonNode p = new ObjectMapper().readTree(provenanceFile.toFile());
            out.printf("Recorded run: commit %s, %s, `%s`%n%n", p.path("commit").asText("?"), p.path("date").asText("?"),
                    p.path("command").asText("?"));
        }
        boolean full = run.env().map(e -> "full".equals(e.path("mode").asText())).orElse(false);
        run.env().ifPresent(e -> out.printf("Machine: %s, %d cores%s, JDK %s, Python %s; mode %s%n%n",
                e.path("cpuModel").asText("?"), e.path("cores").asInt(), e.path("pinned").asBoolean() ? " (pinned per k)" : "",
                e.path("jdk").asText("?"), e.path("python").asText("not measured"), e.path("mode").asText("?")));
        if (!full) {
            out.println("A quick run (or one whose mode is unknown): a smoke run, no goal is decided.");
            out.println();
        }
        Map<String, WorkloadResults> workloads = new LinkedHashMap<>();
        out.println("| workload | k | mproc | CPython fork | unit | mproc's speed over CPython's [95% interval] |");
        out.println("|---|---|---|---|---|---|");
        for (Workload w : Workloads.ALL) {
            WorkloadResults results = new WorkloadResults(w, run);
            workloads.put(w.id(), results);
            String unit = results.unit().orElse("");
            for (int k : results.perCores(Role.MPROC).map(m -> m.keySet()).orElse(java.util.Set.of())) {
                BenchmarkResult mproc = results.perCores(Role.MPROC).get().get(k);
                Optional<BenchmarkResult> fork = results.perCores(Role.CPYTHON_FORK).map(m -> m.get(k));
                String ratio = fork.flatMap(f -> SpeedRatio.of(mproc, f, Goals.CONFIDENCE)).map(SpeedRatio::text).orElse("");
                out.printf("| %s | %d | %s | %s | %s | %s |%n", w.title(), k, ShapesTable.number(WorkloadResults.mean(mproc, unit).estimate()),
                        fork.map(f -> ShapesTable.number(WorkloadResults.mean(f, unit).estimate())).orElse(""), unit, ratio);
            }
        }
        out.println();
        out.println("| goal | measured | verdict |");
        out.println("|---|---|---|");
        List<Verdict> verdicts = new ArrayList<>(Goals.judge(workloads, List.of(), full));
        verdicts.remove(0); // the scenarios' row: not part of a benchmark run
        for (Verdict v : verdicts) {
            out.printf(Locale.ROOT, "| %s | %s | %s |%n", v.goal(), v.measured(), v.met().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }
}
