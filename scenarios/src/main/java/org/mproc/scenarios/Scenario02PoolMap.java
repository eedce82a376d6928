package org.mproc.scenarios;

import java.util.List;
import org.mproc.Pool;

/**
 * Scenario 02 — a pool for a parallel map (the seed's section 2).
 *
 * <p><b>The question:</b> the five squares are computed in separate worker JVMs, which finish in
 * whatever order the scheduler allows; does {@code map} still hand back the results in input
 * order? It does, as in CPython (G-POOL-1): each chunk's result carries its index and the parent
 * puts it in its place, so the program prints exactly {@code [1, 4, 9, 16, 25]} every time, never
 * {@code [4, 1, …]}. (With five items and four workers, CPython's default chunk size is 1: five
 * one-item chunks, spread over the workers.)
 *
 * <p>What differs from Python: {@code with Pool(4) as pool} becomes try-with-resources, and
 * leaving it closes the pool (finishes submitted work, then stops and reaps the four workers)
 * where CPython's {@code __exit__} terminates it. The function travels to the workers by
 * serialization, so it is a reference to a static method: it captures nothing.
 *
 * <h2>How to run</h2>
 * <pre>
 * $ scripts/harness                      # builds if needed, then runs every scenario
 * $ java -cp harness/target/classes:scenarios/target/classes org.mproc.scenarios.Scenario02PoolMap
 * [1, 4, 9, 16, 25]
 * </pre>
 * The output never varies; on the 2-core machine where this was written the program takes about
 * 0.4 s, most of it starting the four worker JVMs.
 */
public final class Scenario02PoolMap {
    private Scenario02PoolMap() {}

    static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) {
        List<Integer> results;
        try (Pool pool = new Pool(4)) {
            List<Integer> nums = List.of(1, 2, 3, 4, 5);
            results = pool.map(Scenario02PoolMap::square, nums);
        }
        System.out.println(results);
    }
}
