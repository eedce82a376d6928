package org.mproc.reports.bench;

import java.util.Arrays;
import java.util.Locale;
import org.mproc.Pool;

/**
 * How many calls a fresh program makes before {@code apply} reaches its steady cost: a new
 * {@code Pool(2)} in a fresh JVM, then {@value #CALLS} {@code apply(square, 7)} one after another,
 * each timed; the median of each range of call numbers is printed as one JSON line.
 * {@code scripts/bench-warmup} runs it in several fresh JVMs, alternating with CPython's twin
 * ({@code scripts/cpython/apply_warmup.py}), and says from which call on each side is steady.
 *
 * <pre>
 *   java -cp reports/target/benchmarks.jar org.mproc.reports.bench.ApplyWarmup
 *   {"impl":"mproc","ranges":[[1,1,3890.2],[2,10,412.5],…,[10001,20000,41.3]]}
 * </pre>
 *
 * Call 1 includes waiting for the workers to start; microseconds.
 */
public final class ApplyWarmup {
    static final int CALLS = 20_000;
    /** Inclusive ranges of call numbers, from the first call on; the same in the CPython twin. */
    static final int[][] RANGES = {{1, 1}, {2, 10}, {11, 100}, {101, 300}, {301, 1_000}, {1_001, 3_000},
        {3_001, 10_000}, {10_001, CALLS}};

    private ApplyWarmup() {}

    public static void main(String[] args) throws Exception {
        double[] micros = new double[CALLS + 1];
        try (Pool pool = new Pool(2)) {
            for (int call = 1; call <= CALLS; call++) {
                long t0 = System.nanoTime();
                int r = pool.apply(PoolTasks::square, 7);
                micros[call] = (System.nanoTime() - t0) / 1e3;
                if (r != 49) {
                    throw new IllegalStateException("apply(square, 7) returned " + r);
                }
            }
        }
        StringBuilder json = new StringBuilder("{\"impl\":\"mproc\",\"ranges\":[");
        for (int i = 0; i < RANGES.length; i++) {
            int from = RANGES[i][0];
            int to = RANGES[i][1];
            double[] slice = Arrays.copyOfRange(micros, from, to + 1);
            Arrays.sort(slice);
            double median = slice.length % 2 == 1 ? slice[slice.length / 2]
                    : (slice[slice.length / 2 - 1] + slice[slice.length / 2]) / 2;
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%d,%d,%.1f]", from, to, median));
        }
        System.out.println(json.append("]}"));
    }
}
