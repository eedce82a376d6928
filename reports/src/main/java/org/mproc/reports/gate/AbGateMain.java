package org.mproc.reports.gate;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The judging half of {@code scripts/gate}: reads an A/B run's per-fork JMH files
 * ({@code RUN/ref/fork-<n>.json}, {@code RUN/head/fork-<n>.json}), judges every benchmark
 * ({@link AbJudge}) against its threshold ({@link NoiseCalibration}), prints the table and writes
 * {@code RUN/gate.json} and {@code RUN/gate.txt}; in A/A mode it also writes the calibration.
 * Exit codes: 0 done (advisory), 2 bad input, 3 a regression with {@code --enforce}.
 *
 * <pre>
 * $ java -cp reports/target/benchmarks.jar org.mproc.reports.gate.AbGateMain --run target/gate/run \
 *       --calibration target/gate/calibration.json --ref-label "ref 21a481a" --head-label "head 09572db"
 * </pre>
 */
@Command(name = "AbGateMain", mixinStandardHelpOptions = true,
        description = "Judges an A/B run of scripts/gate: per benchmark, the interval of head's time per op over the ref's.")
public final class AbGateMain implements Callable<Integer> {
    static final int BAD_INPUT = 2;
    static final int REGRESSION = 3;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run: DIR/ref/fork-<n>.json and DIR/head/fork-<n>.json.")
    private Path run;

    @Option(names = "--ref-label", description = "What the ref side was (default ${DEFAULT-VALUE}).")
    private String refLabel = "ref";

    @Option(names = "--head-label", description = "What the head side was (default ${DEFAULT-VALUE}).")
    private String headLabel = "head";

    @Option(names = "--calibration", paramLabel = "FILE", description = "An A/A calibration to take thresholds from.")
    private Path calibration;

    @Option(names = "--write-calibration", paramLabel = "FILE", description = "A/A mode: write this run's spread per benchmark here.")
    private Path writeCalibration;

    @Option(names = "--provenance", paramLabel = "KEY=VALUE", description = "Recorded with the calibration (commit, machine, command …).")
    private Map<String, String> provenance = new LinkedHashMap<>();

    @Option(names = "--floor", description = "The smallest threshold, a fraction (default ${DEFAULT-VALUE}).")
    private double floor = 0.10;

    @Option(names = "--noise-multiple", description = "k: threshold = max(floor, k × A/A spread) (default ${DEFAULT-VALUE}).")
    private double multiple = 2.0;

    @Option(names = "--confidence", description = "Confidence of the intervals (default ${DEFAULT-VALUE}).")
    private double confidence = 0.95;

    @Option(names = "--enforce", description = "Exit 3 on a regression (default: advisory, exit 0).")
    private boolean enforce;

    private final PrintStream console;

    AbGateMain(PrintStream console) {
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    public static int run(PrintStream console, String... args) {
        CommandLine cli = new CommandLine(new AbGateMain(console));
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
        if (!(floor > 0 && floor < 1) || !(multiple >= 0) || !(confidence > 0 && confidence < 1)) {
            console.println("error: --floor must be in (0, 1), --noise-multiple >= 0, --confidence in (0, 1)");
            return BAD_INPUT;
        }
        List<ForkSamples> samples;
        NoiseCalibration thresholds;
        try {
            samples = ForkSamples.load(run);
            thresholds = thresholds();
        } catch (IllegalArgumentException | java.io.IOException e) {
            console.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        List<AbComparison> rows = new ArrayList<>();
        for (ForkSamples s : samples) {
            rows.add(AbJudge.judge(s, thresholds.threshold(s.key(), floor, multiple), confidence));
        }
        AbGateReport report = new AbGateReport(refLabel, headLabel, rows, calibrationText(thresholds));
        List<String> text = new ArrayList<>();
        text.add("gate: " + headLabel + " against " + refLabel + "; change = head's time per operation over the ref's, "
                + "minus 1 (+ slower), median of pairwise fork ratios, distribution-free interval");
        text.add("thresholds: " + report.calibration());
        report.table().forEach(line -> text.add("  " + line));
        text.add("gate: " + report.summary());
        if (writeCalibration != null) {
            NoiseCalibration measured = NoiseCalibration.measure(samples, provenance);
            measured.write(writeCalibration);
            text.add("A/A spread of one fork on this machine (written to " + writeCalibration + "):");
            measured.spread().forEach((key, s) -> text.add(String.format(Locale.ROOT, "  %-60s %5.1f%%  → threshold ±%.1f%%",
                    AbGateReport.shortKey(key), 100 * s, 100 * Math.max(floor, multiple * s))));
        }
        text.forEach(console::println);
        Files.write(run.resolve("gate.txt"), text, StandardCharsets.UTF_8);
        report.writeJson(run.resolve("gate.json"));
        if (!report.hasRegression()) {
            return 0;
        }
        console.println(enforce ? "gate: REGRESSION (exit 3)" : "gate: REGRESSION — advisory, exit code 0 (--enforce exits 3)");
        return enforce ? REGRESSION : 0;
    }

    private NoiseCalibration thresholds() throws java.io.IOException {
        if (calibration == null || !Files.isRegularFile(calibration)) {
            return new NoiseCalibration(Map.of(), Map.of());
        }
        return NoiseCalibration.read(calibration);
    }

    private String calibrationText(NoiseCalibration c) {
        String rule = String.format(Locale.ROOT, "max(%.0f%%, %.3g × A/A spread of one fork)", 100 * floor, multiple);
        if (c.spread().isEmpty()) {
            return String.format(Locale.ROOT, "%.0f%% each: no A/A calibration%s (scripts/gate --against HEAD measures one)",
                    100 * floor, calibration == null ? "" : " at " + calibration);
        }
        return rule + " from " + calibration + " " + c.provenance();
    }
}
