package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.SharedPool;

/**
 * Close while other processes are just opening the queue: the close barrier must hear from each
 * of them, however their opening and the closing notice interleave (G-QUEUE-6).
 */
@Tag("G-QUEUE-6")
class ProcessQueueCloseRaceTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    static List<Integer> takeUntilClosed(ProcessQueue<Integer> queue) throws InterruptedException {
        List<Integer> got = new ArrayList<>();
        try {
            while (true) {
                got.add(queue.take());
            }
        } catch (IllegalStateException closed) {
            return got;
        }
    }

    @Test
    void closeRightAfterConsumersOpenNeverHangsAndLosesNothing() throws Exception {
        for (int round = 0; round < 60; round++) {
            ProcessQueue<Integer> queue = ProcessQueue.create();
            CompletableFuture<List<Integer>> first = POOL.get().applyAsync(ProcessQueueCloseRaceTest::takeUntilClosed, queue);
            CompletableFuture<List<Integer>> second = POOL.get().applyAsync(ProcessQueueCloseRaceTest::takeUntilClosed, queue);
            queue.put(round);
            assertTimeoutPreemptively(Delays.SHORT, queue::close, "close() in round " + round);
            List<Integer> all = new ArrayList<>(first.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            all.addAll(second.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(List.of(round), all, "round " + round);
        }
    }
}
