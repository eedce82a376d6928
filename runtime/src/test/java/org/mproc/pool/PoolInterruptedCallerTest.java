package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.testkit.Delays;

/**
 * A caller's thread writes its chunks to the workers itself; an interrupt, set before the call or
 * arriving during the write, must neither lose the call nor close a worker's connection (which
 * would make the pool take the worker for dead and replace it).
 */
@Tag("G-POOL-8")
class PoolInterruptedCallerTest {

    static long pid(int x) {
        return ProcessHandle.current().pid();
    }

    static int square(int x) {
        return x * x;
    }

    private static Set<Long> workerPids(Pool pool) {
        List<Integer> xs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            xs.add(i);
        }
        return new HashSet<>(pool.map(PoolInterruptedCallerTest::pid, xs, 1));
    }

    /** Joins {@code t}, which may still interrupt this thread once or twice before it ends. */
    private static void joinDespiteInterrupts(Thread t) {
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException late) {
                // the interrupter's last few
            }
        }
        Thread.interrupted();
    }

    @Test
    void submissionsFromAnInterruptedThreadRunAndNoWorkerIsReplaced() throws Exception {
        try (Pool pool = new Pool(2)) {
            Set<Long> before = workerPids(pool);
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            AtomicBoolean interrupting = new AtomicBoolean(true);
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                while (interrupting.get()) {
                    caller.interrupt();
                    Thread.onSpinWait();
                }
            }, "interrupter");
            interrupter.start();
            try {
                for (int i = 0; i < 2_000; i++) {
                    results.add(pool.applyAsync(PoolInterruptedCallerTest::square, i));
                }
            } finally {
                interrupting.set(false);
                joinDespiteInterrupts(interrupter);
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i * i, results.get(i).get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS));
            }
            Set<Long> after = workerPids(pool);
            assertEquals(before, after, "a worker was replaced: its connection was closed under a write");
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }
}
