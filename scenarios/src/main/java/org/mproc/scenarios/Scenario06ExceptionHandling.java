package org.mproc.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mproc.ChildProcess;
import org.mproc.harness.Grade;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.scenarios.trial.Scenario06Expected;
import org.mproc.scenarios.trial.TrialChildren;

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
 * <p><b>Graded</b> (G-HAR-1, G-PROC-1, G-PROC-3, G-PROC-4): each trial runs the same target in a
 * child whose output goes to {@link ChildProcess.Builder#output}, so nothing reaches the console.
 * That consumer receives the child's stdout and stderr lines alike, unmarked; the target prints
 * nothing else, so the traceback lines in it are the child's stderr. The parent then checks the exit
 * code, {@code failure()} against the exception thrown (same class, message and top frame:
 * {@code risky}), and that the output holds the whole traceback in order: {@code Process <name>:},
 * {@code java.lang.RuntimeException: Oops!}, then a frame in {@code risky}. The stress profile runs
 * three such children at once, each printing a random number (0–199) of lines on stdout before it
 * throws, and also checks that every one of those lines arrived, in order, by the time
 * {@code join()} returned.
 *
 * <table>
 *   <caption>Graded outcomes</caption>
 *   <tr><th>Outcome</th><th>Grade</th><th>Meaning</th></tr>
 *   <tr><td>{@code exit code 1, failure() RuntimeException: Oops! from risky, traceback in the output}</td>
 *       <td>REQUIRED</td><td>CPython's exit code and stderr, and the exception itself in the parent</td></tr>
 *   <tr><td>{@code exit code 0: the exception went unnoticed}</td><td>FORBIDDEN</td>
 *       <td>the child looked successful</td></tr>
 *   <tr><td>{@code exit code N, expected 1}</td><td>FORBIDDEN</td><td>an uncaught exception exits with 1</td></tr>
 *   <tr><td>{@code failure() empty}</td><td>FORBIDDEN</td><td>the parent did not get the exception</td></tr>
 *   <tr><td>{@code failure() differs: …}</td><td>FORBIDDEN</td>
 *       <td>another class (a {@code RemoteTraceback} stand-in too), message or top frame</td></tr>
 *   <tr><td>{@code no whole traceback in the output: …}</td><td>FORBIDDEN</td>
 *       <td>a traceback line is missing, or out of order</td></tr>
 *   <tr><td>{@code printed lines lost or reordered}</td><td>FORBIDDEN</td>
 *       <td>stress: stdout was incomplete when {@code join()} returned</td></tr>
 *   <tr><td>{@code the child did not exit}</td><td>FORBIDDEN</td><td>still alive after 10 s</td></tr>
 *   <tr><td>{@code hang: …}</td><td>FORBIDDEN</td><td>the trial did not end in time</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * <pre>
 * $ java -cp "scenarios/target/classes:$(cat scenarios/target/classpath.txt)" org.mproc.scenarios.Scenario06ExceptionHandling
 * Process ChildProcess-1:                                               (stderr, from the child)
 * java.lang.RuntimeException: Oops!
 *         at org.mproc.scenarios.Scenario06ExceptionHandling.risky(Scenario06ExceptionHandling.java:101)
 *         at org.mproc.internal.spawn.WorkerMain.runTask(WorkerMain.java:129)
 *         at org.mproc.internal.spawn.WorkerMain.main(WorkerMain.java:59)
 * Process finished (may have errored)                                   (stdout, from the parent)
 * mproc: exit code 1, failure() = java.lang.RuntimeException: Oops!     (stderr, from the parent)
 * </pre>
 * The child's lines and the parent's may interleave differently between stdout and stderr on a
 * terminal; on each stream their order is as shown. The line numbers in the frames are those of
 * the sources they were printed from, and move with them.
 *
 * <p>Graded, in the form of the replay command a failing run prints:
 * <pre>
 * $ scripts/harness run 06 --profile stress --seed 42 --budget 10s
 * </pre>
 * Measured through {@code ScenarioRunner} with 10 s budgets on the two-core machine under load:
 * default, 38 trials of about 0.26 s; stress, 17 trials of about 0.56 s; every one the required
 * outcome.
 */
public final class Scenario06ExceptionHandling implements Scenario {
    static final String EXPECTED = "exit code 1, failure() " + Scenario06Expected.TEXT
            + " from risky, traceback in the output";
    static final String EXIT_0 = "exit code 0: the exception went unnoticed";
    static final String NO_FAILURE = "failure() empty";
    static final String LINES_LOST = "printed lines lost or reordered";
    static final String NOT_EXITED = "the child did not exit";
    private static final int STRESS_CHILDREN = 3;
    private static final int MAX_LINES = 200;
    /** Generous: the child normally exits within half a second. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    /** For the harness (ServiceLoader); the program is {@link #main}. */
    public Scenario06ExceptionHandling() {}

    static void risky() {
        throw new RuntimeException("Oops!");
    }

    /** The stress target: some stdout first, then the same exception from the same frame. */
    static void printThenFail(int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println(line(i));
        }
        risky();
    }

    private static String line(int i) {
        return "line " + i;
    }

    public static void main(String[] args) throws InterruptedException {
        ChildProcess p = ChildProcess.builder().target(Scenario06ExceptionHandling::risky).build();
        p.start();
        p.join();
        System.out.println("Process finished (may have errored)");
        System.err.println("mproc: exit code " + p.exitCode().getAsInt() + ", failure() = "
                + p.failure().map(Throwable::toString).orElse("none"));
    }

    @Override
    public String id() {
        return "06";
    }

    @Override
    public String title() {
        return "A child's exception: exit code 1, the traceback on stderr, the exception itself in the parent";
    }

    @Override
    public String seedSection() {
        return "§6 Exception Handling in Processes";
    }

    @Override
    public OutcomeTable outcomes() {
        return OutcomeTable.builder()
                .exact(EXPECTED, Grade.REQUIRED,
                        "CPython's exit code and stderr; failure() is the child's exception: same class, message, top frame")
                .exact(EXIT_0, Grade.FORBIDDEN, "the child looked successful though its target threw")
                .regex("exit code -?\\d+, expected 1", Grade.FORBIDDEN,
                        "an uncaught exception exits with code 1 (G-PROC-1)")
                .exact(NO_FAILURE, Grade.FORBIDDEN, "the parent did not get the child's exception (G-PROC-3)")
                .regex("failure\\(\\) differs: .*", Grade.FORBIDDEN,
                        "failure() has another class (a RemoteTraceback stand-in too), message or top frame (G-PROC-3)")
                .regex("no whole traceback in the output: .*", Grade.FORBIDDEN,
                        "'Process <name>:', the exception or its frame in risky missing or out of order (G-PROC-1, G-PROC-4)")
                .exact(LINES_LOST, Grade.FORBIDDEN,
                        "stress: lines printed before the throw missing or out of order once join() returned (G-PROC-4)")
                .exact(NOT_EXITED, Grade.FORBIDDEN,
                        "the child was still alive " + EXIT_WAIT.toSeconds() + " s after it started")
                .regex("hang: .*", Grade.FORBIDDEN, "the trial did not end in time")
                .build();
    }

    @Override
    public Outcome runOnce(TrialContext trial) throws Exception {
        int n = trial.stress() ? STRESS_CHILDREN : 1;
        List<ChildProcess> children = new ArrayList<>();
        List<Queue<String>> outputs = new ArrayList<>();
        List<Integer> printed = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int lines = trial.stress() ? trial.random().nextInt(MAX_LINES) : 0;
                Queue<String> output = new ConcurrentLinkedQueue<>(); // two pump threads write to it
                ChildProcess child = ChildProcess.builder().target(() -> printThenFail(lines))
                        .output(output::add).build();
                child.start();
                children.add(child);
                outputs.add(output);
                printed.add(lines);
            }
            for (int i = 0; i < n; i++) {
                Optional<String> wrong = check(children.get(i), outputs.get(i), printed.get(i));
                if (wrong.isPresent()) {
                    return Outcome.of(wrong.get());
                }
            }
            return Outcome.of(EXPECTED);
        } finally {
            TrialChildren.reap(children);
        }
    }

    /** What is wrong with how {@code child} ended, or empty when it ended as it should. */
    private static Optional<String> check(ChildProcess child, Queue<String> output, int printed)
            throws InterruptedException {
        if (!child.join(EXIT_WAIT)) {
            return Optional.of(NOT_EXITED);
        }
        int code = child.exitCode().getAsInt();
        if (code == 0) {
            return Optional.of(EXIT_0);
        }
        if (code != 1) {
            return Optional.of("exit code " + code + ", expected 1");
        }
        Optional<Throwable> failure = child.failure();
        if (failure.isEmpty()) {
            return Optional.of(NO_FAILURE);
        }
        Optional<String> differs = Scenario06Expected.difference(failure.get(),
                Scenario06ExceptionHandling.class, "risky");
        if (differs.isPresent()) {
            return Optional.of("failure() differs: " + differs.get());
        }
        List<String> lines = List.copyOf(output); // whole once join() has returned (G-PROC-4)
        Optional<String> traceback = tracebackProblem(lines, child.name());
        if (traceback.isPresent()) {
            return Optional.of("no whole traceback in the output: " + traceback.get());
        }
        List<String> expected = IntStream.range(0, printed).mapToObj(Scenario06ExceptionHandling::line)
                .collect(Collectors.toList());
        List<String> got = lines.stream().filter(l -> l.startsWith("line ")).collect(Collectors.toList());
        return got.equals(expected) ? Optional.empty() : Optional.of(LINES_LOST);
    }

    /** CPython's three parts of the traceback, in this order, or which one is missing. */
    private static Optional<String> tracebackProblem(List<String> lines, String name) {
        int header = lines.indexOf("Process " + name + ":");
        int exception = lines.indexOf("java.lang." + Scenario06Expected.TEXT);
        String frame = "at " + Scenario06ExceptionHandling.class.getName() + ".risky(";
        int top = IntStream.range(0, lines.size()).filter(i -> lines.get(i).trim().startsWith(frame))
                .findFirst().orElse(-1);
        if (header < 0) {
            return Optional.of("missing the 'Process <name>:' line");
        }
        if (exception < 0) {
            return Optional.of("missing the 'java.lang." + Scenario06Expected.TEXT + "' line");
        }
        if (top < 0) {
            return Optional.of("missing the frame in risky");
        }
        return header < exception && exception < top ? Optional.empty() : Optional.of("its lines are out of order");
    }
}
