package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;

/**
 * Prefetch must not starve idle workers (DESIGN.md, Pool dispatch: workers pull chunks): with as
 * many tasks as workers, every worker runs one, as in CPython, where {@code Pool(2).map(f, [a, b])}
 * runs {@code a} and {@code b} at the same time. Each task waits until both have started, so the
 * test fails (after a bound) rather than measuring time when they run one after the other.
 */
class PoolDispatchFairnessTest {
    private Pool pool;

    /** A fresh pool per test: both workers idle, nothing left over from another test. */
    @BeforeEach
    void startPool() {
        pool = new Pool(2);
    }

    @AfterEach
    void stopPool() {
        pool.terminate();
    }

    /** Says it started, then waits (bounded) until {@code all} tasks have started. */
    static long meet(int x, String dir, int all) throws InterruptedException {
        Marks.put(dir, "started-" + x, Marks.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (Marks.count(dir, "started-") < all) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("task " + x + " ran alone: the other task had not started after 3 s");
            }
            Thread.sleep(5);
        }
        return ProcessHandle.current().pid();
    }

    @Test
    void twoTasksOnTwoIdleWorkersRunAtTheSameTime() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            List<Long> pids = pool.map(x -> meet(x, dir, 2), List.of(0, 1), 1);
            assertEquals(2, pids.stream().distinct().count(), "both tasks ran on one worker: " + pids);
        }
    }

    @Test
    void twoApplyAsyncCallsOnTwoIdleWorkersRunAtTheSameTime() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<Long> a = pool.applyAsync(x -> meet(x, dir, 2), 0);
            CompletableFuture<Long> b = pool.applyAsync(x -> meet(x, dir, 2), 1);
            long pa = a.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
            long pb = b.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(2, List.of(pa, pb).stream().distinct().collect(Collectors.toList()).size());
        }
    }
}
