package org.mproc.scenarios.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.mproc.harness.ConsoleTable;
import org.mproc.harness.Durations;
import org.mproc.harness.JUnitXml;
import org.mproc.harness.Profile;
import org.mproc.harness.ResultJson;
import org.mproc.harness.RunSettings;
import org.mproc.harness.Scenario;
import org.mproc.harness.ScenarioResult;
import org.mproc.harness.ScenarioRunner;
import org.mproc.harness.Shape;
import org.mproc.harness.ShrinkLimits;
import org.mproc.scenarios.cluster.ClusterBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code run [ID…]}: runs scenarios one after the other, prints each one's graded table, writes
 * {@code <out>/scenarios/<id>.json} and {@code <out>/junit/TEST-mproc-scenarios.xml}, and exits
 * with the worst code of the run (0 pass, 1 semantic failure, 2 infrastructure). A failing trial
 * is shrunk (G-HAR-6) within {@code --shrink-time}; {@code --shape} runs a shape a shrink printed.
 */
@Command(name = "run", description = "Runs graded scenarios (all when no id is given).")
public final class RunCommand implements Callable<Integer> {
    static final String JUNIT_SUITE = "mproc-scenarios";

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Scenario ids (see list); all when none.")
    private List<String> ids = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "default|stress",
            description = "default: the seed's shapes; stress: shapes big enough to catch broken code, and the stress grades.")
    private String profile = System.getProperty("mproc.profile", "default");

    @Option(names = "--budget", paramLabel = "DURATION", description = "Time budget per scenario: 500ms, 5s, 2m (default ${DEFAULT-VALUE}).")
    private String budget = System.getProperty("mproc.budget", "3s");

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the trials' inputs (default: random, printed).")
    private Long seed;

    @Option(names = "--subject", paramLabel = "CLASS", description = "Replace the real implementation with this subject class.")
    private String subject;

    @Option(names = "--backend", paramLabel = "local|cluster",
            description = "local: the runtime's own processes (default); cluster: the pool scenarios (02, 04, 06b) on a local cluster "
                    + "of member JVMs, through their cluster adapters.")
    private String backend = "local";

    @Option(names = "--cluster-members", paramLabel = "N", description = "Member JVMs of the cluster backend's cluster (default 3).")
    private Integer clusterMembers;

    @Option(names = "--shape", paramLabel = "NAME=N[,NAME=N…]",
            description = "Run with these values of the scenario's shape dimensions, as a shrunk failure prints them (e.g. elements=40,producers=1).")
    private String shape;

    @Option(names = "--shrink-time", paramLabel = "DURATION",
            description = "How long shrinking a failing trial may take, outside the budget; 0s turns it off (default ${DEFAULT-VALUE}).")
    private String shrinkTime = "60s";

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where JSON and JUnit XML go (default reports/out; with --backend cluster, reports/out/on-cluster).")
    private Path out;

    @Override
    public Integer call() {
        PrintStream console = main.out();
        RunSettings settings;
        List<Scenario> scenarios;
        ShrinkLimits limits;
        try {
            if (!onCluster() && !"local".equals(backend)) {
                throw new IllegalArgumentException("unknown --backend '" + backend + "'; known: local, cluster");
            }
            if (clusterMembers != null && !onCluster()) {
                throw new IllegalArgumentException("--cluster-members needs --backend cluster");
            }
            if (clusterMembers != null) {
                ClusterBackend.members(clusterMembers);
            }
            long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
            settings = new RunSettings(Profile.parse(profile), Durations.parse(budget), chosenSeed, Optional.ofNullable(subject),
                    Shape.parse(shape));
            scenarios = onCluster() ? onTheCluster() : chosen();
            for (Scenario s : scenarios) {
                checkShape(s, settings.shape());
            }
            limits = ShrinkLimits.DEFAULT.withTimeCap(Durations.parse(shrinkTime));
        } catch (IllegalArgumentException e) {
            console.println("error: " + e.getMessage());
            return Main.INFRASTRUCTURE;
        }
        console.printf("mproc harness: %d scenario%s, profile %s, budget %s each, seed %d%s%n", scenarios.size(),
                scenarios.size() == 1 ? "" : "s", settings.profile().label(), Durations.format(settings.budget()), settings.seed(),
                onCluster() ? ", backend cluster" : "");
        ScenarioRunner runner = new ScenarioRunner(console::println, limits);
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            console.printf("%n▶ %s  %s …%n", scenario.id(), scenario.title());
            ScenarioResult result = runner.run(scenario, onCluster() ? settings.withSubject(ClusterBackend.adapter(scenario.id())) : settings);
            results.add(result);
            ConsoleTable.lines(result).forEach(console::println);
        }
        return finish(console, results);
    }

    /** A {@code --shape} must name only the scenario's dimensions, none below its minimum. */
    private static void checkShape(Scenario scenario, Shape shape) {
        try {
            scenario.dimensions().check(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--shape " + shape + " does not fit scenario " + scenario.id() + ": " + e.getMessage());
        }
    }

    private boolean onCluster() {
        return "cluster".equals(backend);
    }

    /**
     * The scenarios {@code --backend cluster} grades: those named that have a cluster adapter, or
     * all that have one; the backend picks their subjects itself.
     */
    private List<Scenario> onTheCluster() {
        if (subject != null) {
            throw new IllegalArgumentException("--backend cluster gives each scenario its cluster adapter; it cannot be combined with --subject");
        }
        List<Scenario> scenarios = ids.isEmpty() ? ScenarioCatalog.select(List.copyOf(ClusterBackend.scenarioIds())) : ScenarioCatalog.select(ids);
        for (Scenario s : scenarios) {
            if (ClusterBackend.adapter(s.id()).isEmpty()) {
                throw new IllegalArgumentException("scenario " + s.id() + " is not graded on the cluster backend; it grades "
                        + String.join(", ", ClusterBackend.scenarioIds()));
            }
        }
        return scenarios;
    }

    private List<Scenario> chosen() {
        if (!ids.isEmpty()) {
            return ScenarioCatalog.select(ids);
        }
        if (subject == null) {
            return ScenarioCatalog.all();
        }
        Class<?> type;
        try {
            type = Class.forName(subject);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("subject class " + subject + " is not on the class path");
        }
        List<Scenario> accepting = ScenarioCatalog.accepting(type);
        if (accepting.isEmpty()) {
            throw new IllegalArgumentException("no scenario exercises a subject like " + subject);
        }
        return accepting;
    }

    private int finish(PrintStream console, List<ScenarioResult> results) {
        Path out = this.out != null ? this.out
                : onCluster() ? Paths.get("reports", "out", "on-cluster") : Paths.get("reports", "out");
        int exit = results.stream().mapToInt(ScenarioResult::exitCode).max().orElse(0);
        long passed = results.stream().filter(ScenarioResult::passed).count();
        console.printf("%n%d of %d scenarios passed%n", passed, results.size());
        try {
            Path json = out.resolve("scenarios");
            for (ScenarioResult r : results) {
                ResultJson.write(r, json);
            }
            Path xml = JUnitXml.write(JUNIT_SUITE, results, out.resolve("junit"));
            console.println("results: " + json + "/<id>.json, " + xml);
        } catch (IOException e) {
            console.println("error: cannot write results under " + out + ": " + e.getMessage());
            return Main.INFRASTRUCTURE;
        }
        return exit;
    }
}
