package org.mproc.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mproc.reports.gate.GateReport;
import org.mproc.reports.gate.GateSettings;
import org.mproc.reports.html.BrowserCheck;
import org.mproc.reports.html.HtmlReport;
import org.mproc.reports.html.ReportData.EnvRow;
import org.mproc.reports.html.ReportData.Section;
import org.mproc.reports.html.ReportData.Verdict;
import org.mproc.reports.html.ReportData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code scripts/report}: renders one self-contained HTML report from a run's raw results
 * (scenario JSON, JMH and CPython JSON per core count, guarantee coverage), checks it in headless
 * Chromium. Its gate section shows the last {@code scripts/gate} result ({@code reports/out/gate}),
 * or with {@code --history} the in-run ratios against recorded runs. Exit codes: 0 done, 1 the
 * rendered page failed the browser check, 2 bad input.
 *
 * <pre>
 * $ scripts/report                                      # reports/out → reports/out/report.html
 * $ scripts/report --history reports/baseline/quick       # a trend against recorded runs
 * </pre>
 */
@Command(name = "scripts/report", mixinStandardHelpOptions = true,
        description = "Renders reports/out/report.html from a run's results and the last scripts/gate result.")
public final class ReportMain implements Callable<Integer> {
    static final int BROKEN_PAGE = 1;
    static final int BAD_INPUT = 2;

    @Option(names = "--out", paramLabel = "DIR", description = "The run's results, and where the report goes (default ${DEFAULT-VALUE}).")
    private Path out = Paths.get("reports", "out");

    @Option(names = "--coverage", paramLabel = "FILE", description = "Guarantee coverage files (default: each module's target/guarantee-coverage.json).")
    private List<Path> coverage = new ArrayList<>(List.of(Paths.get("runtime/target/guarantee-coverage.json"),
            Paths.get("harness/target/guarantee-coverage.json"),
            Paths.get("scenarios/target/guarantee-coverage.json"), Paths.get("reports/target/guarantee-coverage.json")));

    @Option(names = "--history", paramLabel = "DIR", description = "Recorded runs (their jmh/ and cpython/ k<k>.json) to show the in-run ratios' change against, "
            + "when there is no scripts/gate result; history, not a gate.")
    private Path history;

    @Option(names = "--gate", paramLabel = "DIR", description = "The scripts/gate result to show (default ${DEFAULT-VALUE}).")
    private Path gateDir = Paths.get("reports", "out", "gate");

    @Option(names = "--no-browser-check", negatable = true, description = "Check the page in headless Chromium and take a screenshot (default: on).")
    private boolean browserCheck = true;

    private final PrintStream console;

    ReportMain(PrintStream console) {
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    public static int run(PrintStream console, String... args) {
        CommandLine cli = new CommandLine(new ReportMain(console));
        cli.setOut(new PrintWriter(console, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(console, true, StandardCharsets.UTF_8));
        cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cli.setParameterExceptionHandler((e, a) -> {
            cli.getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(cli.getErr());
            return BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        RunFiles run;
        try {
            run = RunFiles.load(out);
        } catch (IllegalArgumentException e) {
            console.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        ReportData.Builder data = ReportData.builder("mproc: scenarios and scaling",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        data.environment(environment(run));
        List<ReportData.Scenario> scenarios = ReportScenarios.scenarios(run.scenarios(), out.resolve("scenarios-cpython"));
        data.scenarios(scenarios).coverage(ReportScenarios.coverage(coverage));
        if (scenarios.isEmpty()) {
            data.missing(Section.SCENARIOS, "no scenario results under " + out.resolve("scenarios") + " (run scripts/harness)");
        }
        Map<String, WorkloadResults> workloads = new LinkedHashMap<>();
        List<ReportData.Chart> charts = new ArrayList<>();
        List<ReportData.Fit> fits = new ArrayList<>();
        List<ReportData.RatioRow> ratios = new ArrayList<>();
        for (Workload w : Workloads.ALL) {
            WorkloadResults results = new WorkloadResults(w, run);
            workloads.put(w.id(), results);
            if (!results.empty()) {
                charts.addAll(ScalingSection.charts(results));
                fits.addAll(ScalingSection.fits(results));
                ratios.addAll(RatioSection.rows(results));
            }
        }
        ScalingSection.oversubscription(run.oversubscription()).ifPresent(charts::add);
        data.charts(charts).fits(fits).ratios(ratios);
        if (!run.hasBenchmarks()) {
            data.missing(Section.CHARTS, "no benchmark results under " + out + "/jmh or /cpython (run scripts/bench-scaling)");
            data.missing(Section.FITS, "no benchmark results");
        }
        if (run.cpython().isEmpty()) {
            data.missing(Section.RATIOS, pythonMissing(run) ? "python3 was not found: CPython was not measured"
                    : "no CPython results under " + out.resolve("cpython") + " (run scripts/cpython/bench-scaling)");
        }
        boolean fullRun = run.env().map(e -> "full".equals(e.path("mode").asText())).orElse(false);
        data.shapes(ShapesSection.rows(ShapesSection.load(out), fullRun));
        java.util.Optional<ClusterSection.Run> cluster = ClusterSection.load(out);
        if (cluster.isPresent()) {
            data.cluster(ClusterSection.section(cluster.get()));
        } else {
            data.missing(Section.CLUSTER, "no cluster results under " + out.resolve(ClusterSection.DIRECTORY)
                    + " (run scripts/bench-cluster)");
        }
        List<Verdict> verdicts = Goals.judge(workloads, scenarios, fullRun);
        data.verdicts(verdicts);
        try {
            gateSection(data);
        } catch (IllegalArgumentException e) {
            console.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        int exit = 0;
        Path html = HtmlReport.write(data.build(), out.resolve("report.html"));
        for (Verdict v : verdicts) {
            console.printf("  %-8s %s — %s%n", v.met(), v.goal(), v.measured());
        }
        console.println("report: " + html);
        if (browserCheck) {
            BrowserCheck.Result check = BrowserCheck.check(html, out.resolve("report.png"));
            if (!check.ok()) {
                console.println("error: the report failed the browser check: " + check.errors());
                return Math.max(exit, BROKEN_PAGE);
            }
            console.println("browser check: " + check.charts() + " charts drew, no error; screenshot " + check.screenshot());
        }
        return exit;
    }

    /**
     * The gate section: the last scripts/gate result when there is one; else, with --history, the
     * in-run ratios against recorded runs (Welch, as a trend: the verdicts there are not a gate).
     */
    private void gateSection(ReportData.Builder data) throws Exception {
        java.util.Optional<ReportData.Gate> ab = AbGateSection.load(gateDir);
        if (ab.isPresent()) {
            data.gate(ab.get());
            console.println("gate: " + ab.get().summary());
            return;
        }
        if (history == null) {
            data.missing(Section.GATE, "no scripts/gate result under " + gateDir + " (scripts/gate runs one: A/B against a git ref)");
            return;
        }
        List<RunFiles> runs = baselineRuns(history);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no benchmark results under " + history
                    + " (expected jmh/k<k>.json, cpython/k<k>.json, or sub-directories of runs holding them)");
        }
        GateReport report = GateSection.compare(runs, RunFiles.load(out), GateSettings.DEFAULTS);
        data.gate(GateSection.section(report, history + " (history: recorded runs, not a gate; scripts/gate is the gate)"));
        console.println("history against " + history + ": " + report.summary());
    }

    /** Recorded history is one run (its jmh/ and cpython/), or a directory of runs, pooled. */
    static List<RunFiles> baselineRuns(Path dir) throws java.io.IOException {
        RunFiles single = RunFiles.load(dir);
        if (single.hasBenchmarks()) {
            return List.of(single);
        }
        List<RunFiles> runs = new ArrayList<>();
        if (java.nio.file.Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(dir)) {
                for (Path sub : entries.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
                    RunFiles run = RunFiles.load(sub);
                    if (run.hasBenchmarks()) {
                        runs.add(run);
                    }
                }
            }
        }
        return runs;
    }

    private List<EnvRow> environment(RunFiles run) {
        List<EnvRow> rows = new ArrayList<>();
        if (run.env().isPresent()) {
            JsonNode env = run.env().get();
            env.properties().forEach(f -> rows.add(new EnvRow(f.getKey(),
                    f.getValue().isNull() ? "missing" : f.getValue().asText())));
        } else {
            rows.add(new EnvRow("cores", String.valueOf(Runtime.getRuntime().availableProcessors())));
            rows.add(new EnvRow("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
            rows.add(new EnvRow("benchmarks", "not run (no env.json)"));
        }
        return rows;
    }

    private static boolean pythonMissing(RunFiles run) {
        return run.env().map(e -> e.path("python").isNull() || e.path("python").isMissingNode()).orElse(false);
    }
}
