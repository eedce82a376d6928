package org.mproc.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.scenarios.trial.Scenario01Report;
import org.mproc.scenarios.trial.TrialChildren;

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
 * <p><b>Graded</b> (G-HAR-1, G-PROC-1, G-PROC-5): each trial starts two children, A and B, whose
 * targets read {@link System#nanoTime()}, sleep 300 ms, read it again and put a
 * {@link Scenario01Report} (name, pid, both times) on a {@link ProcessQueue} the trial created. On
 * Linux {@code nanoTime} is {@code CLOCK_MONOTONIC}, one clock for the machine, so the parent can
 * compare the children's lifetimes; it also checks that every reading lies between its own reading
 * before the first {@code start()} and after the last report, which would catch a clock that is
 * not shared. The stress profile starts four children that sleep 600 ms and asks the same question
 * of all four: were they all alive at one instant? For intervals that is the same as every pair
 * overlapping. JVMs started together begin their targets apart: measured on a two-core machine
 * under a load average of 13, two children up to 180 ms apart and four up to 600 ms, hence the
 * sleeps. A trial may still see one child finish before another began; that is allowed, but
 * never seeing them together within the budget fails the run. A default trial takes 0.5–1 s, a
 * stress trial 1–2.5 s.
 *
 * <table>
 *   <caption>Graded outcomes</caption>
 *   <tr><th>Outcome</th><th>Grade (stress)</th><th>Meaning</th></tr>
 *   <tr><td>{@code distinct pids, lifetimes overlapped}</td><td>REQUIRED (REQUIRED)</td>
 *       <td>all children were alive at one instant, each in a JVM of its own: they ran in parallel</td></tr>
 *   <tr><td>{@code distinct pids, some lifetimes overlapped}</td><td>INTERESTING</td>
 *       <td>stress only: some pairs overlapped, but one child started after another had finished</td></tr>
 *   <tr><td>{@code distinct pids, one ran after the other}</td><td>INTERESTING</td>
 *       <td>no two lifetimes overlapped: one JVM came up after the other's sleep had ended</td></tr>
 *   <tr><td>{@code same pid}</td><td>FORBIDDEN</td><td>two children ran in one JVM</td></tr>
 *   <tr><td>{@code a child ran in the parent's JVM}</td><td>FORBIDDEN</td><td>no child process at all</td></tr>
 *   <tr><td>{@code a child's pid differs from pid()}</td><td>FORBIDDEN</td>
 *       <td>{@code pid()} is not the pid of the JVM that ran the target</td></tr>
 *   <tr><td>{@code a child exited with code N…}</td><td>FORBIDDEN</td>
 *       <td>the target only sleeps and reports, so its exit code is 0 (G-PROC-1)</td></tr>
 *   <tr><td>{@code a child did not exit}</td><td>FORBIDDEN</td>
 *       <td>still alive 10 s after its target had reported</td></tr>
 *   <tr><td>{@code a child sent no report}</td><td>FORBIDDEN</td><td>a report was lost, or came after 10 s</td></tr>
 *   <tr><td>{@code a child's times lie outside the parent's window}</td><td>FORBIDDEN</td>
 *       <td>the clocks are not comparable, so no overlap verdict could be trusted</td></tr>
 *   <tr><td>{@code hang: …}</td><td>FORBIDDEN</td><td>the trial did not end in time</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp "scenarios/target/classes:$(cat scenarios/target/classpath.txt)" org.mproc.scenarios.Scenario01BasicProcess
 * Start A (PID: 48211)
 * Start B (PID: 48212)
 * End A
 * End B
 * </pre>
 * The pids vary, and A and B may swap places within each pair of lines.
 *
 * <p>Graded, in the form of the replay command a failing run prints:
 * <pre>
 * $ scripts/harness run 01 --profile stress --seed 42 --budget 10s
 * </pre>
 * Measured through {@code ScenarioRunner} with 10 s budgets on the two-core machine at a load
 * average of 14: default, 11 trials of about 0.85 s, all {@code distinct pids, lifetimes
 * overlapped}; stress, 6 trials of about 1.5 s, all overlapped. With a 150 ms sleep, one default
 * trial in five saw the children one after the other.
 */
public final class Scenario01BasicProcess implements Scenario {
    static final String OVERLAPPED = "distinct pids, lifetimes overlapped";
    static final String PARTLY = "distinct pids, some lifetimes overlapped";
    static final String SEQUENTIAL = "distinct pids, one ran after the other";
    static final String SAME_PID = "same pid";
    static final String IN_PARENT = "a child ran in the parent's JVM";
    static final String WRONG_PID = "a child's pid differs from pid()";
    static final String NO_REPORT = "a child sent no report";
    static final String CLOCKS = "a child's times lie outside the parent's window";
    static final String NOT_EXITED = "a child did not exit";
    private static final Duration SLEEP = Duration.ofMillis(300);
    private static final Duration STRESS_SLEEP = Duration.ofMillis(600);
    private static final int STRESS_CHILDREN = 4;
    /** Generous: a report normally arrives within half a second of {@code start()}. */
    private static final Duration REPORT_WAIT = Duration.ofSeconds(10);
    private static final Duration REAP_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    /** For the harness (ServiceLoader); the program is {@link #main}. */
    public Scenario01BasicProcess() {}

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

    @Override
    public String id() {
        return "01";
    }

    @Override
    public String title() {
        return "Two children run at the same time, each in its own JVM";
    }

    @Override
    public String seedSection() {
        return "§1 Basic Process";
    }

    @Override
    public OutcomeTable outcomes() {
        return OutcomeTable.builder()
                .exact(OVERLAPPED, Grade.REQUIRED,
                        "all children were alive at one instant, each in a JVM of its own: they ran in parallel")
                .exact(PARTLY, Grade.INTERESTING,
                        "some pairs overlapped, but one child started after another had finished (stress only)")
                .exact(SEQUENTIAL, Grade.INTERESTING,
                        "no two lifetimes overlapped: one JVM came up after the other's sleep had ended")
                .exact(SAME_PID, Grade.FORBIDDEN, "two children ran in one JVM")
                .exact(IN_PARENT, Grade.FORBIDDEN, "a target ran in the parent's JVM: no child process at all")
                .exact(WRONG_PID, Grade.FORBIDDEN, "pid() is not the pid of the JVM that ran the target")
                .regex("a child exited with code -?\\d+.*", Grade.FORBIDDEN,
                        "the target only sleeps and reports, so its exit code is 0 (G-PROC-1)")
                .exact(NO_REPORT, Grade.FORBIDDEN, "a report was lost, or came after " + REPORT_WAIT.toSeconds() + " s")
                .exact(CLOCKS, Grade.FORBIDDEN, "the clocks are not comparable, so no overlap verdict could be trusted")
                .exact(NOT_EXITED, Grade.FORBIDDEN,
                        "a child was still alive " + REAP_WAIT.toSeconds() + " s after its target had reported")
                .regex("hang: .*", Grade.FORBIDDEN, "the trial did not end in time")
                .build();
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        int n = trial.stress() ? STRESS_CHILDREN : 2;
        Duration sleep = trial.stress() ? STRESS_SLEEP : SLEEP;
        ProcessQueue<Scenario01Report> reports = ProcessQueue.create();
        List<ChildProcess> children = new ArrayList<>();
        try {
            long before = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String name = String.valueOf((char) ('A' + i));
                ChildProcess child = ChildProcess.builder().name(name)
                        .target(() -> Scenario01Report.sleepAndReport(reports, name, sleep))
                        .output(line -> { }) // the targets print nothing; a stray line must not reach the console
                        .build();
                child.start();
                children.add(child);
            }
            List<Scenario01Report> received = collect(reports, children);
            long after = System.nanoTime();
            for (ChildProcess child : children) {
                child.join(REAP_WAIT);
            }
            return Outcome.of(verdict(children, received, before, after));
        } finally {
            TrialChildren.reap(children);
            reports.close();
        }
    }

    /** The children's reports, until all have come, one child has failed, or the wait is over. */
    private static List<Scenario01Report> collect(ProcessQueue<Scenario01Report> reports, List<ChildProcess> children)
            throws InterruptedException {
        List<Scenario01Report> received = new ArrayList<>();
        long deadline = System.nanoTime() + REPORT_WAIT.toNanos();
        while (received.size() < children.size() && System.nanoTime() < deadline && !anyFailed(children)) {
            Scenario01Report r = reports.poll(Duration.ofMillis(POLL_MILLIS));
            if (r != null) {
                received.add(r);
            }
        }
        return received;
    }

    private static boolean anyFailed(List<ChildProcess> children) {
        return children.stream().anyMatch(c -> c.exitCode().orElse(0) != 0);
    }

    static String verdict(List<ChildProcess> children, List<Scenario01Report> reports, long before, long after) {
        for (ChildProcess child : children) {
            OptionalInt code = child.exitCode();
            if (code.isEmpty()) {
                return NOT_EXITED;
            }
            if (code.getAsInt() != 0) {
                return "a child exited with code " + code.getAsInt()
                        + child.failure().map(t -> ", failure() " + t.getClass().getName()).orElse("");
            }
        }
        if (reports.size() < children.size()) {
            return NO_REPORT;
        }
        Set<Long> pids = new HashSet<>();
        for (Scenario01Report r : reports) {
            if (r.pid() == ProcessHandle.current().pid()) {
                return IN_PARENT;
            }
            if (children.stream().noneMatch(c -> c.name().equals(r.name()) && c.pid() == r.pid())) {
                return WRONG_PID;
            }
            if (r.startNanos() < before || r.endNanos() > after || r.endNanos() < r.startNanos()) {
                return CLOCKS;
            }
            pids.add(r.pid());
        }
        if (pids.size() < reports.size()) {
            return SAME_PID;
        }
        long lastStart = reports.stream().mapToLong(Scenario01Report::startNanos).max().orElseThrow();
        long firstEnd = reports.stream().mapToLong(Scenario01Report::endNanos).min().orElseThrow();
        if (lastStart < firstEnd) {
            return OVERLAPPED; // a common instant; for intervals, the same as every pair overlapping
        }
        for (int i = 0; i < reports.size(); i++) {
            for (int j = i + 1; j < reports.size(); j++) {
                if (reports.get(i).overlaps(reports.get(j))) {
                    return PARTLY;
                }
            }
        }
        return SEQUENTIAL;
    }
}
