package org.mproc.scenarios;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.mproc.Pool;
import org.mproc.TaskFailedException;
import org.mproc.harness.Outcome;
import org.mproc.harness.OutcomeTable;
import org.mproc.harness.Scenario;
import org.mproc.harness.TrialContext;
import org.mproc.harness.subject.MapSubject;
import org.mproc.harness.subject.RealMap;
import org.mproc.scenarios.trial.MapOrderCheck;
import org.mproc.scenarios.trial.MapTrial;
import org.mproc.scenarios.trial.TimedResult;

/**
 * Scenario 04 — parallel factorials (the seed's section 4).
 *
 * <p><b>The question:</b> a pool of four workers computes factorials with the seed's recursive
 * definition; do the results come back whole and in input order? They do:
 * {@code [120, 720, 5040, 40320]} (G-POOL-1). {@link BigInteger} stands in for Python's unbounded
 * {@code int}, so the same code stays exact past 20!, where a {@code long} would overflow.
 *
 * <p><b>And when the recursion is too deep?</b> In Python, {@code pool.apply(factorial, (200000,))}
 * passes the default recursion limit of 1,000 frames: the worker raises {@code RecursionError} and
 * the pool re-raises it in the parent. On the JVM the same recursion runs out of thread stack: the
 * worker throws {@link StackOverflowError}, which fails the call with a {@link TaskFailedException}
 * whose cause is that error, restored in the parent with the worker's frames (the JVM keeps the
 * innermost 1,024) and naming the worker's pid (G-POOL-3). The worker catches it and lives on
 * (the same pid is still alive afterwards), so the pool stays usable: the program then prints the
 * factorials of 1 to 4 from the same pool. The pid is the only part of the output that changes
 * between runs.
 *
 * <p>How deep is too deep: a worker runs tasks on its main thread, whose stack is the JVM's
 * default (1 MiB on 64-bit Linux; mproc sets no {@code -Xss}). Measured in workers on JDK 17, this
 * recursion overflowed between depths 10,000 and 15,000 in a fresh worker, still interpreting, and
 * between 20,000 and 25,000 once the JIT had compiled it (compiled frames are smaller). 200,000 is
 * eight times past that, so it overflows every time, and fast: the call fails 35–60 ms after it is
 * submitted, long before any multiplication gets large.
 *
 * <h2>Graded</h2>
 * As a harness scenario, each trial maps the factorials through a {@link MapSubject} (the real one
 * is {@link Pool#map}); each task returns its factorial with the worker's pid and the
 * {@link System#nanoTime()} at which it finished, and {@link MapOrderCheck} compares the results
 * with the factorials computed here, one after another, and sees whether the workers finished out
 * of order. The default profile is the seed's shape: {@code Pool(4)}, {@code [5, 6, 7, 8]}, chunk
 * size 1. The stress profile maps 64 factorials of 300 to 3,000 (drawn from the trial's random
 * source, so a replay with the same seed maps the same numbers) with chunk size 1 over
 * {@code Pool(3)}: their costs differ by two orders of magnitude, so a small one started after a
 * large one overtakes it in every trial. (The deep-recursion part of the program is not graded
 * here: task failures belong to the Pool variant of 06.)
 *
 * <table>
 *   <caption>Outcomes (G-HAR-1), the same rows as 02</caption>
 *   <tr><th>Outcome</th><th>default</th><th>stress</th><th>Meaning</th></tr>
 *   <tr><td>{@code in input order, completion order differed}</td><td>INTERESTING</td><td>REQUIRED</td>
 *       <td>workers finished out of order and map still returned input order</td></tr>
 *   <tr><td>{@code in input order, completion order same}</td><td>ACCEPTABLE</td><td>ACCEPTABLE</td>
 *       <td>the workers happened to finish in input order</td></tr>
 *   <tr><td>{@code out of input order}</td><td>FORBIDDEN</td><td>FORBIDDEN</td>
 *       <td>the right results in another order: completion order leaked out</td></tr>
 *   <tr><td>{@code wrong values}</td><td>FORBIDDEN</td><td>FORBIDDEN</td>
 *       <td>as many results as inputs, but not the sequential answer</td></tr>
 *   <tr><td>{@code missing results}, {@code extra results}</td><td>FORBIDDEN</td><td>FORBIDDEN</td>
 *       <td>fewer or more results than inputs</td></tr>
 *   <tr><td>{@code computed in the caller, not in workers}</td><td>FORBIDDEN</td><td>FORBIDDEN</td>
 *       <td>the right answer, but no worker computed it</td></tr>
 * </table>
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp "scenarios/target/classes:$(cat scenarios/target/classpath.txt)" org.mproc.scenarios.Scenario04ParallelFactorial
 * [120, 720, 5040, 40320]
 * factorial(200000): TaskFailedException caused by java.lang.StackOverflowError in worker 13759
 * [1, 2, 6, 24]
 * $ mvn -o -q -pl scenarios -am verify -Dtest=GradedScenariosTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The pid varies; the rest never does. On the 2-core machine where this was written the program
 * takes about 0.5 s, most of it starting the four worker JVMs. Graded on that machine while other
 * builds kept it busy (load average 14), a default trial took 0.4–1.5 s and a stress trial
 * 0.7–1.3 s; every one of about 50 stress trials saw "completion order differed". A failing run
 * prints its replay command, e.g. {@code scripts/harness run 04 --profile stress --seed 42 --budget 10s}.
 */
public final class Scenario04ParallelFactorial implements Scenario {
    /** Deep enough to overflow a worker's default 1 MiB stack every time. */
    static final int TOO_DEEP = 200_000;

    /** Used by ServiceLoader. */
    public Scenario04ParallelFactorial() {}

    static BigInteger factorial(int n) {
        return n == 0 ? BigInteger.ONE : BigInteger.valueOf(n).multiply(factorial(n - 1));
    }

    static TimedResult<BigInteger> timedFactorial(int n) {
        return TimedResult.now(factorial(n));
    }

    public static void main(String[] args) {
        try (Pool pool = new Pool(4)) {
            List<Integer> nums = List.of(5, 6, 7, 8);
            List<BigInteger> facts = pool.map(Scenario04ParallelFactorial::factorial, nums);
            System.out.println(facts);

            try {
                pool.apply(Scenario04ParallelFactorial::factorial, TOO_DEEP);
                System.out.println("factorial(" + TOO_DEEP + "): no error (a larger stack than expected?)");
            } catch (TaskFailedException e) {
                System.out.println("factorial(" + TOO_DEEP + "): TaskFailedException caused by "
                        + e.getCause().getClass().getName() + " in worker " + e.workerPid());
            }

            System.out.println(pool.map(Scenario04ParallelFactorial::factorial, List.of(1, 2, 3, 4)));
        }
    }

    @Override
    public String id() {
        return "04";
    }

    @Override
    public String title() {
        return "Parallel factorials come back whole and in input order";
    }

    @Override
    public String seedSection() {
        return "§4 Parallel Factorial Calculation";
    }

    @Override
    public OutcomeTable outcomes() {
        return MapOrderCheck.outcomes();
    }

    @Override
    public Optional<Class<?>> subjectType() {
        return Optional.of(MapSubject.class);
    }

    @Override
    public Outcome runOnce(TrialContext trial) {
        List<Integer> nums = trial.stress() ? stressNumbers(trial.random()) : List.of(5, 6, 7, 8);
        List<BigInteger> expected = nums.stream().map(Scenario04ParallelFactorial::factorial).collect(Collectors.toList());
        MapSubject subject = trial.subject(MapSubject.class, RealMap::new);
        List<TimedResult<BigInteger>> results = MapTrial.run(subject, trial.stress() ? 3 : 4,
                Scenario04ParallelFactorial::timedFactorial, nums, 1);
        return MapOrderCheck.check(expected, results);
    }

    private static List<Integer> stressNumbers(SplittableRandom random) {
        List<Integer> nums = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            nums.add(random.nextInt(300, 3001));
        }
        return nums;
    }
}
