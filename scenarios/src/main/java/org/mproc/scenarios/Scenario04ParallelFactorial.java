package org.mproc.scenarios;

import java.math.BigInteger;
import java.util.List;
import org.mproc.Pool;
import org.mproc.TaskFailedException;

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
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp harness/target/classes:scenarios/target/classes org.mproc.scenarios.Scenario04ParallelFactorial
 * [120, 720, 5040, 40320]
 * factorial(200000): TaskFailedException caused by java.lang.StackOverflowError in worker 13759
 * [1, 2, 6, 24]
 * </pre>
 * The pid varies; the rest never does. On the 2-core machine where this was written the program
 * takes about 0.5 s, most of it starting the four worker JVMs.
 */
public final class Scenario04ParallelFactorial {
    /** Deep enough to overflow a worker's default 1 MiB stack every time. */
    static final int TOO_DEEP = 200_000;

    private Scenario04ParallelFactorial() {}

    static BigInteger factorial(int n) {
        return n == 0 ? BigInteger.ONE : BigInteger.valueOf(n).multiply(factorial(n - 1));
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
}
