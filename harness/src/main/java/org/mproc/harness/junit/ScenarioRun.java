package org.mproc.harness.junit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mproc.harness.ConsoleTable;
import org.mproc.harness.ScenarioResult;
import org.mproc.harness.ScenarioRunner;

/**
 * One graded run of a {@link GradedScenarioTest} with the settings of this JUnit run (G-HAR-8):
 * the harness's {@link ScenarioRunner} — warm-up, trials within the budget, a leak check after each
 * (G-HAR-1, G-HAR-2, G-HAR-5) — then the table on standard output (Surefire keeps it in the test's
 * report) and, unless the run passed, a failure whose message is the verdict, the table and the
 * Maven command that replays the run (G-HAR-3). Made by {@link GradedScenarioExtension}.
 *
 * <pre>{@code
 * @Test
 * default void passesItsOutcomeTable(ScenarioRun run) {
 *     run.assertPasses(this);
 * }
 * }</pre>
 */
public final class ScenarioRun {
    /** The key under which the table is also published as a JUnit report entry. */
    static final String REPORT_KEY = "mproc.scenario";

    private final Function<String, Optional<String>> parameters;
    private final Consumer<String> output;
    private final Consumer<String> report;

    /** The settings are read when the run starts, so a wrong one fails the test with its own message. */
    ScenarioRun(Function<String, Optional<String>> parameters, Consumer<String> output, Consumer<String> report) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.output = Objects.requireNonNull(output, "output");
        this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * Runs {@code test}'s trials, prints the graded table, and returns when the run passed.
     *
     * @param test the scenario; its class carries {@link GradedScenario} and its {@link Expect} rows
     * @throws org.opentest4j.AssertionFailedError when the run failed: a FORBIDDEN or UNDECLARED
     *         outcome, a REQUIRED one never observed, or a leak; the message holds the verdict, the
     *         table and the replay command
     * @throws IllegalStateException when the annotations are wrong (no {@link GradedScenario}, no
     *         row, a row with both or neither of key and regex, overlapping rows), before any
     *         trial runs, or when the harness itself could not run the scenario
     * @throws IllegalArgumentException when a setting cannot be read, naming it
     */
    public void assertPasses(GradedScenarioTest test) {
        ScenarioSettings settings = ScenarioSettings.from(parameters);
        AnnotatedScenario scenario = new AnnotatedScenario(test);
        ScenarioResult ran = new ScenarioRunner(output).run(scenario, settings.run());
        ScenarioResult result = ran.withReplay(settings.replay(test.getClass()), shrunk -> settings.withShape(shrunk).replay(test.getClass()));
        List<String> table = ConsoleTable.lines(result);
        table.forEach(output);
        report.accept(String.join("\n", table));
        if (result.passed()) {
            return;
        }
        String message = verdict(result) + "\n" + String.join("\n", table);
        if (result.exitCode() == 2) {
            throw new IllegalStateException(message);
        }
        fail(message);
    }

    /** One line: which scenario failed, under which settings, and why. */
    private static String verdict(ScenarioResult r) {
        String why = r.failures().stream().map(f -> f.message()).collect(Collectors.joining("; "));
        return "scenario " + r.id() + " failed (" + r.settings().profile().label() + ", seed " + r.settings().seed()
                + ", " + r.trials() + (r.trials() == 1 ? " trial): " : " trials): ") + why + " — replay: " + r.replay();
    }
}
