package org.mproc.scenarios.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.mproc.harness.CPython;
import org.mproc.harness.CPythonResults;
import org.mproc.harness.CPythonRunner;
import org.mproc.harness.Durations;
import org.mproc.harness.Profile;
import org.mproc.harness.RunSettings;
import org.mproc.harness.Scenario;
import org.mproc.harness.ScenarioFailure;
import org.mproc.harness.ScenarioResult;
import org.mproc.harness.SideBySideTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cpython [ID…]}: runs each scenario's CPython program ({@code scenarios/cpython/<id>.py})
 * under the fork and spawn start methods, graded by the scenario's own table (G-HAR-7), writes
 * {@code <out>/scenarios-cpython/<method>/<id>.json}, and prints one table per scenario with a
 * column for mproc (read from {@code <out>/scenarios/<id>.json} when a run left it) and one per
 * start method; {@code --profile stress} runs the programs in the scenarios' stress shapes, beside
 * mproc's result only when it is of the same profile. A CPython FORBIDDEN outcome is a finding about CPython: the exit code is 0 then,
 * and 0 without python3 too; 2 when a program could not run (a crash, other output) or the
 * arguments are wrong.
 */
@Command(name = "cpython", description = "Runs the scenarios' CPython programs under fork and spawn, beside mproc's results.")
public final class CPythonCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Scenario ids; all with a program when none.")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--budget", paramLabel = "DURATION", description = "Time budget per scenario and start method (default ${DEFAULT-VALUE}).")
    private String budget = "2s";

    @Option(names = "--profile", paramLabel = "default|stress",
            description = "The shapes and grades: default (the seed's) or stress (default ${DEFAULT-VALUE}).")
    private String profile = "default";

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Longest trial timeout; a scenario's own is used when shorter (default: the scenario's own, as mproc's runs).")
    private String timeout;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the trials' inputs (default: random, printed).")
    private Long seed;

    @Option(names = "--start-method", paramLabel = "fork|spawn", description = "One start method only (default: both).")
    private String startMethod;

    @Option(names = "--python", paramLabel = "NAME", description = "The interpreter (default: $MPROC_PYTHON, else python3).")
    private String python = CPython.configured();

    @Option(names = "--programs", paramLabel = "DIR", description = "Where the programs are (default ${DEFAULT-VALUE}).")
    private Path programs = Paths.get("scenarios", "cpython");

    @Option(names = "--out", paramLabel = "DIR", description = "Where mproc's JSON is read and CPython's written (default ${DEFAULT-VALUE}).")
    private Path out = Paths.get("reports", "out");

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream console = main.out();
        RunSettings settings;
        List<Scenario> scenarios;
        List<String> methods;
        Duration cap;
        try {
            long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
            settings = new RunSettings(Profile.parse(profile), Durations.parse(budget), chosenSeed, Optional.empty());
            cap = timeout == null ? null : Durations.parse(timeout);
            scenarios = ids.isEmpty() ? ScenarioCatalog.all() : ScenarioCatalog.select(ids);
            methods = startMethod == null ? CPythonRunner.START_METHODS : List.of(startMethod.trim().toLowerCase(Locale.ROOT));
            if (!CPythonRunner.START_METHODS.containsAll(methods)) {
                throw new IllegalArgumentException("unknown start method '" + startMethod + "': expected fork or spawn");
            }
        } catch (IllegalArgumentException e) {
            console.println("error: " + e.getMessage());
            return Main.INFRASTRUCTURE;
        }
        Path results = out.resolve(CPythonResults.DIRECTORY);
        Optional<CPython> found = CPython.find(python);
        CPythonResults.reset(results, found, python + " not found");
        if (found.isEmpty()) {
            console.println(CPython.missing(python));
            return 0;
        }
        CPythonRunner runner = cap == null ? new CPythonRunner(found.get(), programs, console::println)
                : new CPythonRunner(found.get(), programs, cap, console::println);
        console.printf("CPython %s (%s) beside mproc: %s, profile %s, budget %s per scenario and start method, "
                + "trial timeout %s, seed %d%n", found.get().version(), found.get().command(), String.join(" and ", methods),
                settings.profile().label(), Durations.format(settings.budget()),
                cap == null ? "the scenario's own" : "at most " + Durations.format(cap), settings.seed());
        console.println("A FORBIDDEN outcome in a CPython column is a finding about CPython, not a failure of this run.");
        int exit = 0;
        for (Scenario scenario : scenarios) {
            console.println();
            if (runner.programFor(scenario).isEmpty()) {
                console.println(scenario.id() + "  " + scenario.title());
                console.println("  no CPython program (see " + programs.resolve("README.md") + ")");
                continue;
            }
            List<SideBySideTable.Column> columns = new ArrayList<>();
            Path mproc = out.resolve("scenarios").resolve(scenario.id().toLowerCase(Locale.ROOT) + ".json");
            columns.add(mprocColumn(scenario, mproc, settings.profile()));
            for (String method : methods) {
                ScenarioResult r = runner.run(scenario, method, settings);
                CPythonResults.write(r, found.get(), method, results);
                columns.add(new SideBySideTable.Column(CPythonRunner.label(method), CPythonResults.toJson(r, found.get(), method), null));
                if (r.failures().stream().anyMatch(f -> f.kind() == ScenarioFailure.Kind.INFRASTRUCTURE)) {
                    exit = Main.INFRASTRUCTURE;
                }
            }
            SideBySideTable.lines(scenario.id(), scenario.title(), columns).forEach(console::println);
        }
        console.println();
        console.println("CPython results: " + results + "/<fork|spawn>/<id>.json"
                + (exit == 0 ? "" : "; a CPython program could not run (see 'could not run' above)"));
        return exit;
    }

    /** mproc's last result of the scenario when it is of {@code profile}; else a column that says what to run. */
    private static SideBySideTable.Column mprocColumn(Scenario scenario, Path file, Profile profile) throws IOException {
        String run = "scripts/harness run " + scenario.id() + (profile == Profile.DEFAULT ? "" : " --profile " + profile.label());
        Optional<JsonNode> result = CPythonResults.read(file);
        if (result.isEmpty()) {
            return new SideBySideTable.Column("mproc", null, "no result at " + file + " (run " + run + ")");
        }
        String of = result.get().path("profile").asText();
        if (!of.equals(profile.label())) {
            return new SideBySideTable.Column("mproc", null, "the result at " + file + " is of profile " + of + " (run " + run + ")");
        }
        return new SideBySideTable.Column("mproc", result.get(), null);
    }
}
