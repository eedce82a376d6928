package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.ProcessQueue;

/**
 * A process that uses many short-lived queues keeps none of them once they are closed: the
 * scaling benchmark's shape (a fresh queue per call, a pool worker putting thousands of elements
 * into it) once ran a 64 MiB worker out of heap after about 300 queues, each closed queue's link
 * and ring bookkeeping (~185 KB) kept for good.
 */
class ProcessQueueManyQueuesTest {
    private static final int QUEUES = 300;
    private static final int ELEMENTS = 5_000;
    private static final long MOST_GROWTH_BYTES = 8L << 20;

    @Test
    void aWorkerUsingManyClosedQueuesDoesNotKeepThem() throws Exception {
        try (Pool pool = Pool.builder().processes(1).jvmOptions(List.of("-Xmx64m")).build()) {
            for (int q = 0; q < 20; q++) {
                roundTrip(pool);
            }
            long before = pool.apply(ProcessQueueManyQueuesTest::usedHeapAfterGc, 0);
            for (int q = 0; q < QUEUES; q++) {
                roundTrip(pool);
            }
            long after = pool.apply(ProcessQueueManyQueuesTest::usedHeapAfterGc, 0);
            assertTrue(after - before < MOST_GROWTH_BYTES, "the worker's heap grew by " + (after - before)
                    + " bytes over " + QUEUES + " closed queues (from " + before + ")");
        }
    }

    /** The worker puts every element into a fresh queue, then takes them all back; the queue is closed. */
    private static void roundTrip(Pool pool) {
        ProcessQueue<Integer> queue = ProcessQueue.create();
        try {
            assertEquals(ELEMENTS, pool.apply(putAll(queue), ELEMENTS));
            assertEquals(ELEMENTS, pool.apply(takeAll(queue), ELEMENTS));
        } finally {
            queue.close();
        }
    }

    private static ProcessFunction<Integer, Integer> putAll(ProcessQueue<Integer> queue) {
        return n -> {
            for (int i = 0; i < n; i++) {
                queue.put(i);
            }
            return n;
        };
    }

    private static ProcessFunction<Integer, Integer> takeAll(ProcessQueue<Integer> queue) {
        return n -> {
            for (int i = 0; i < n; i++) {
                queue.take();
            }
            return n;
        };
    }

    private static long usedHeapAfterGc(int ignored) {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}
