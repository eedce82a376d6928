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
 * Chromium, and optionally gates the run against a baseline run. Exit codes: 0 done (the gate is
 * advisory unless {@code --enforce}), 1 the rendered page failed the browser check, 2 bad input,
 * 3 a regression with {@code --enforce}.
 *
 * <pre>
 * $ scripts/report                                      # reports/out → reports/out/report.html
 * $ scripts/report --baseline reports/baseline/quick --enforce
 * </pre>
 */
@Command(name = "scripts/report", mixinStandardHelpOptions = true,
        description = "Renders reports/out/report.html from a run's results; gates it against a baseline.")
public final class ReportMain implements Callable<Integer> {
    static final int BROKEN_PAGE = 1;
    static final int BAD_INPUT = 2;
    static final int REGRESSION = 3;

    @Option(names = "--out", paramLabel = "DIR", description = "The run's results, and where the report goes (default ${DEFAULT-VALUE}).")
    private Path out = Paths.get("reports", "out");

    @Option(names = "--coverage", paramLabel = "FILE", description = "Guarantee coverage files (default: each module's target/guarantee-coverage.json).")
    private List<Path> coverage = new ArrayList<>(List.of(Paths.get("runtime/target/guarantee-coverage.json"),
            Paths.get("harness/target/guarantee-coverage.json"),
            Paths.get("scenarios/target/guarantee-coverage.json"), Paths.get("reports/target/guarantee-coverage.json")));

    @Option(names = "--baseline", paramLabel = "DIR", description = "A baseline run (its jmh/ and cpython/ k<k>.json) to gate against.")
    private Path baseline;

    @Option(names = "--enforce", description = "Exit 3 on a regression (default: advisory, the verdict is printed and the exit code is 0).")
    private boolean enforce;

    @Option(names = "--alpha", description = "Significance level of Welch's test (default ${DEFAULT-VALUE}).")
    private double alpha = GateSettings.DEFAULTS.alpha();

    @Option(names = "--min-effect", description = "Smallest change that counts, as a fraction (default ${DEFAULT-VALUE}).")
    private double minEffect = GateSettings.DEFAULTS.minEffect();

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
        List<ReportData.Scenario> scenarios = ReportScenarios.scenarios(run.scenarios());
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
        List<Verdict> verdicts = Goals.judge(workloads, scenarios);
        data.verdicts(verdicts);
        int exit = 0;
        if (baseline != null) {
            exit = gate(data);
        } else {
            data.missing(Section.GATE, "no baseline given (scripts/report --baseline DIR)");
        }
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

    private int gate(ReportData.Builder data) throws Exception {
        List<RunFiles> runs = baselineRuns(baseline);
        if (runs.isEmpty()) {
            console.println("error: no benchmark results under baseline " + baseline
                    + " (expected jmh/k<k>.json, cpython/k<k>.json, or sub-directories of runs holding them)");
            return BAD_INPUT;
        }
        GateReport report = GateSection.compare(runs, RunFiles.load(out), new GateSettings(alpha, minEffect));
        data.gate(GateSection.section(report, baseline.toString()));
        console.println("gate against " + baseline + ":");
        report.table().forEach(line -> console.println("  " + line));
        console.println("gate: " + report.summary());
        if (!report.hasRegression()) {
            return 0;
        }
        console.println(enforce ? "gate: REGRESSION (exit 3)" : "gate: REGRESSION — advisory mode, exit code 0 (--enforce exits 3)");
        return enforce ? REGRESSION : 0;
    }

    /** A baseline is one run (its jmh/ and cpython/), or a directory of runs, pooled by the gate. */
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
