package org.mproc.scenarios;

import org.mproc.ChildProcess;

/**
 * Scenario 01 — a basic process (the seed's section 1).
 *
 * <p><b>The question:</b> do two children really run at the same time, each in its own JVM? Each
 * worker prints its pid, sleeps a second and says it is done. The two pids differ from each other
 * and from the parent's, and both "Start" lines come before either "End" line: the sleeps
 * overlapped, so the whole program takes about one second, not two.
 *
 * <p>What differs from Python: there is no {@code if __name__ == '__main__'} guard to forget. A
 * child is a fresh JVM that receives only the serialized target, so it never re-runs {@code main}.
 * The target here is a lambda calling a static method: it captures just the name, a String.
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp harness/target/classes:scenarios/target/classes org.mproc.scenarios.Scenario01BasicProcess
 * Start A (PID: 48211)
 * Start B (PID: 48212)
 * End A
 * End B
 * </pre>
 * The pids vary, and A and B may swap places within each pair of lines.
 */
public final class Scenario01BasicProcess {
    private Scenario01BasicProcess() {}

    static void worker(String name) throws InterruptedException {
        System.out.println("Start " + name + " (PID: " + ProcessHandle.current().pid() + ")");
        Thread.sleep(1000);
        System.out.println("End " + name);
    }

    public static void main(String[] args) throws InterruptedException {
        ChildProcess p1 = new ChildProcess("A", () -> worker("A"));
        ChildProcess p2 = new ChildProcess("B", () -> worker("B"));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
    }
}
