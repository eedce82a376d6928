package org.mproc.harness;

/**
 * Why a scenario run failed.
 *
 * @param kind    what broke the contract
 * @param trial   the trial that showed it (0 is the warm-up), or -1 for the run as a whole
 * @param message what was seen, naming the outcome or the leaked resource
 */
public record ScenarioFailure(Kind kind, int trial, String message) {
    public enum Kind {
        /** An outcome graded FORBIDDEN was observed. */
        FORBIDDEN,
        /** An outcome no row declares was observed. */
        UNDECLARED,
        /** A REQUIRED row was never observed within the budget. */
        REQUIRED_MISSING,
        /** A trial left a process, socket, pipe or file behind (G-HAR-2). */
        LEAK,
        /** The harness itself could not run the scenario (not a verdict on the subject). */
        INFRASTRUCTURE
    }

    /** Whether this is a verdict on the code under test (exit code 1) rather than the harness (2). */
    public boolean semantic() {
        return kind != Kind.INFRASTRUCTURE;
    }
}
