package org.mproc.queue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * A producer process is granted room for several puts at once (credits) and spends them without
 * asking again; room granted and unused is asked back when another producer waits for it, so a
 * bounded queue blocks puts only while it is full (G-QUEUE-2), never because an idle producer
 * holds its room.
 */
@Tag("G-QUEUE-2")
@Tag("G-QUEUE-4")
class ProcessQueueCreditsTest {

    static void putOneAndIdle(ProcessQueue<Integer> queue) throws InterruptedException {
        queue.put(-1);
        System.out.println("put");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static void putNine(ProcessQueue<Integer> queue) throws InterruptedException {
        for (int i = 0; i < 9; i++) {
            queue.put(i);
        }
        System.out.println("done");
    }

    @Test
    void roomAnIdleProducerWasGrantedGoesToOneThatWaits() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create(10);
        try (Reaper reaper = new Reaper()) {
            List<String> idle = new CopyOnWriteArrayList<>();
            reaper.start(ChildProcess.builder().name("idle-producer")
                    .target(() -> putOneAndIdle(queue)).output(idle::add).build());
            await().atMost(Delays.CHILD).until(() -> idle.contains("put"));
            // The idle producer was granted more room than its one put used.
            ChildProcess busy = reaper.start(ChildProcess.builder().name("busy-producer")
                    .target(() -> putNine(queue)).build());
            Reaper.joinWithin(busy, Delays.CHILD);
            assertEquals(0, busy.exitCode().orElse(-1), QueueTesting.describe(busy));
            assertEquals(10, queue.size());
            assertFalse(queue.offer(99, QueueTesting.STILL_BLOCKED), "the queue is full: no room for an eleventh");
            assertEquals(-1, queue.take());
            assertTrue(queue.offer(99, Duration.ZERO), "a take made room");
        }
    }
}
