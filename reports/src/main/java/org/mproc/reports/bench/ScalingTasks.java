package org.mproc.reports.bench;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mproc.ProcessFunction;

/**
 * The work and the inputs of the scaling suite's map grains, in a small class of their own (a
 * worker loads the class that defines a function it is sent; a benchmark class would drag JMH into
 * it). CPython's side, {@code scripts/cpython/scaling_tasks.py}, uses the same inputs.
 */
final class ScalingTasks {
    static final int TINY_ITEMS = 10_000;
    static final int MEDIUM_ITEMS = 2_000;
    static final int COARSE_ITEMS = 64;

    /**
     * Every child JVM of the suite (pool workers, the manager's server, spares) gets a small heap,
     * through the tree-wide option {@code JvmCommand} reads; mproc's defaults already give SerialGC.
     */
    static final String SMALL_CHILDREN = "-Dmproc.childJvmOptions=-Xmx64m";

    /**
     * Iterations of the medium grain's LCG: one item ≈ 50 µs. Calibrated on the 2-core VM this was
     * written on (JDK 17, C2-compiled, pinned to one core): about 1.1 ns per iteration, 45,000
     * iterations took 49–53 µs. CPython has its own count for ~50 µs (550 there); the grains match
     * in time per item, not in loop count.
     */
    static final int MEDIUM_LOOPS = 45_000;

    private ScalingTasks() {}

    /** Medium grain: a 64-bit LCG (Knuth's MMIX constants) from {@code seed}, as CPython's {@code medium}. */
    static long medium(int seed) {
        long x = seed;
        for (int i = 0; i < MEDIUM_LOOPS; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    /**
     * One map grain: the function a worker runs, the same function for this JVM's baselines, the
     * inputs, and the chunk size ({@code 0}: {@code Pool.map}'s default, CPython's rule).
     */
    record Workload(ProcessFunction<Integer, ?> task, Function<Integer, ?> local, List<Integer> inputs, int chunksize) {}

    /** Built on demand, not in a static initializer: a worker loads this class to rebuild the functions. */
    static Workload workload(String grain) {
        switch (grain) {
            case "tiny":
                return new Workload(PoolTasks::square, PoolTasks::square, range(TINY_ITEMS), 0);
            case "medium":
                return new Workload(ScalingTasks::medium, ScalingTasks::medium, range(MEDIUM_ITEMS), 0);
            case "coarse":
                return new Workload(PoolTasks::factorial, PoolTasks::factorial, coarseInputs(), 1);
            default:
                throw new IllegalArgumentException("grain is tiny, medium or coarse, not '" + grain + "'");
        }
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /**
     * The coarse grain's 64 factorial arguments, as CPython's {@code coarse_inputs()}:
     * {@code n_i = 2000 + (i * 7919) % 1001}, 64 distinct values in [2000, 3000].
     */
    static List<Integer> coarseInputs() {
        return IntStream.range(0, COARSE_ITEMS).mapToObj(i -> 2000 + (i * 7919) % 1001).collect(Collectors.toList());
    }
}
