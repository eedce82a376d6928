package org.mproc.harness.junit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Outcome;
import org.mproc.harness.TrialContext;

/**
 * A graded scenario as a JUnit 5 test (G-HAR-8): implement {@link #runOnce}, annotate the class
 * with {@link GradedScenario} and its {@link Expect} rows, and JUnit shows one test,
 * {@code passesItsOutcomeTable()} (shown as "passes its outcome table" under the class), that runs the trials through the harness's runner within
 * {@code -Dmproc.budget} under {@code -Dmproc.profile}, prints the graded table, and fails with the
 * verdict and a Maven command that replays the run when an outcome is FORBIDDEN or UNDECLARED, a
 * REQUIRED one never came, or a trial leaked a process or a file.
 *
 * <pre>{@code
 * @GradedScenario(id = "counter", title = "four processes add 1 through the manager's updateAndGet")
 * @Expect(key = "exact", grade = Grade.REQUIRED, desc = "every increment counted")
 * @Expect(regex = "lost \\d+", grade = Grade.FORBIDDEN, desc = "an increment was overwritten")
 * class AtomicCounterScenarioTest implements GradedScenarioTest {
 *     @Override
 *     public Outcome runOnce(TrialContext trial) throws Exception {
 *         int tasks = trial.stress() ? 8 : 2;              // the default shape, and the stress shape
 *         int lost = countWithTasks(tasks);                // real processes; ends all it starts
 *         return Outcome.of(lost == 0 ? "exact" : "lost " + lost);
 *     }
 * }
 * }</pre>
 *
 * The class is used test-scoped: it needs {@code junit-jupiter-api} on the class path, which the
 * harness does not bring along.
 */
@ExtendWith(GradedScenarioExtension.class)
public interface GradedScenarioTest {
    /**
     * Runs the scenario once with real processes and says what it observed. Runs on a thread of
     * its own, is interrupted when it overruns {@link GradedScenario#trialTimeout()}, and must end
     * everything it started: the runner checks after every trial (G-HAR-2).
     *
     * @param trial the profile (which shape to run), the trial's index and its seeded random source
     * @return the observed outcome, graded by the class's {@link Expect} rows
     * @throws Exception anything; a trial that throws has the outcome {@code threw <class>: <message>}
     */
    Outcome runOnce(TrialContext trial) throws Exception;

    /**
     * The dimensions of the scenario's shape that shrink when a trial fails (G-HAR-6): read each
     * one in {@link #runOnce} with {@code trial.dimension(name, value)}, and a failing run prints
     * the smallest shape that still fails and a Maven command that replays it
     * ({@code -Dmproc.shape=…}). None by default: the run then says it was not shrunk.
     *
     * <pre>{@code
     * public Dimensions dimensions() {
     *     return Dimensions.main("increments", 1).and("tasks", 2);
     * }
     * }</pre>
     *
     * @return the dimensions, the main one first
     */
    default Dimensions dimensions() {
        return Dimensions.none();
    }

    /**
     * The one test JUnit shows for the scenario: grades this class's trials and fails with the
     * table, the verdict and the replay command.
     *
     * @param run given by {@link GradedScenarioExtension}, with the run's settings
     */
    @Test
    @DisplayName("passes its outcome table")
    default void passesItsOutcomeTable(ScenarioRun run) {
        run.assertPasses(this);
    }
}
