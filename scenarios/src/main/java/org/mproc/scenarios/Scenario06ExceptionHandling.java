package org.mproc.scenarios;

import org.mproc.ChildProcess;

/**
 * Scenario 06 — an exception raised in a child (the seed's section 6).
 *
 * <p><b>The question:</b> what does the parent learn when the child's target throws? As in CPython,
 * the child prints {@code Process <name>:} and the stack trace on its own stderr (which mproc
 * copies to the parent's), exits with code 1, and the parent carries on: {@code join()} does not
 * throw. The parent prints the same line as the Python program.
 *
 * <p>What mproc adds: CPython's parent sees only the exit code; here {@link ChildProcess#failure()}
 * returns the child's exception itself, with its class, message and the child's stack frames.
 * This program reports both on stderr, after the Python line, as {@code mproc: …}.
 *
 * <h2>How to run</h2>
 * <pre>
 * $ java -cp harness/target/classes:scenarios/target/classes org.mproc.scenarios.Scenario06ExceptionHandling
 * Process ChildProcess-1:                                               (stderr, from the child)
 * java.lang.RuntimeException: Oops!
 *         at org.mproc.scenarios.Scenario06ExceptionHandling.risky(Scenario06ExceptionHandling.java:36)
 *         at org.mproc.spawn.WorkerMain.runTask(WorkerMain.java:111)
 *         at org.mproc.spawn.WorkerMain.main(WorkerMain.java:67)
 * Process finished (may have errored)                                   (stdout, from the parent)
 * mproc: exit code 1, failure() = java.lang.RuntimeException: Oops!     (stderr, from the parent)
 * </pre>
 * The child's lines and the parent's may interleave differently between stdout and stderr on a
 * terminal; on each stream their order is as shown.
 */
public final class Scenario06ExceptionHandling {
    private Scenario06ExceptionHandling() {}

    static void risky() {
        throw new RuntimeException("Oops!");
    }

    public static void main(String[] args) throws InterruptedException {
        ChildProcess p = ChildProcess.builder().target(Scenario06ExceptionHandling::risky).build();
        p.start();
        p.join();
        System.out.println("Process finished (may have errored)");
        System.err.println("mproc: exit code " + p.exitCode().getAsInt() + ", failure() = "
                + p.failure().map(Throwable::toString).orElse("none"));
    }
}
