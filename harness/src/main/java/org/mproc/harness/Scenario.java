package org.mproc.harness;

import java.time.Duration;
import java.util.Optional;

/**
 * A documented scenario the harness runs with real processes, repeats within a budget and grades
 * (G-HAR-1). Implementations are registered in {@code META-INF/services/org.mproc.harness.Scenario}
 * and have a public no-argument constructor.
 *
 * <pre>{@code
 * public Outcome runOnce(TrialContext trial) throws Exception {
 *     int n = trial.profile() == Profile.STRESS ? 200 : 5;
 *     try (Pool pool = new Pool(4)) {
 *         List<Integer> squares = trial.subject(MapSubject.class).map(pool, Squares::square, inputs(n));
 *         return Outcome.of(squares.equals(expected(n)) ? "in input order" : "out of order");
 *     }
 * }
 * }</pre>
 *
 * A trial must end everything it started (G-HAR-2: the runner checks after every trial) and must
 * answer to interruption: a trial that overruns {@link #trialTimeout()} is interrupted and counted
 * as a hang.
 */
public interface Scenario {
    /** Short and stable, used on the command line and as the JSON file name: {@code "05b"}. */
    String id();

    /** One line: what the scenario shows. */
    String title();

    /** Which part of the seed it mirrors: {@code "§5 Using Manager for Shared State"}. */
    String seedSection();

    OutcomeTable outcomes();

    /** Runs the scenario once with real processes and says what it observed. */
    Outcome runOnce(TrialContext trial) throws Exception;

    /** The subject interface this scenario exercises, if any (see {@code org.mproc.harness.subject}). */
    default Optional<Class<?>> subjectType() {
        return Optional.empty();
    }

    /**
     * The dimensions of this scenario's shape that shrink after a failing trial (G-HAR-6), each read
     * in {@link #runOnce} with {@link TrialContext#dimension}. None by default: the shape does not
     * shrink, and a failure says so.
     */
    default Dimensions dimensions() {
        return Dimensions.none();
    }

    /** How long one trial may take before it counts as a hang. */
    default Duration trialTimeout() {
        return Duration.ofSeconds(60);
    }
}
