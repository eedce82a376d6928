package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.Manager;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * {@code size()} and {@code isEmpty()} are exact (G-QUEUE-8): every put that returned, in any
 * process, and was not taken is counted, whichever process asks — also while the producers live
 * on and the host has not been told of their puts.
 */
@Tag("G-QUEUE-8")
class ProcessQueueSizeTest {
    private static final int PRODUCERS = 3;
    private static final int EACH = 40;

    /** Puts, says so, and stays alive (its ring is not taken in at its end). */
    static void putAndLinger(ProcessQueue<Integer> queue, int from) throws InterruptedException {
        for (int i = 0; i < EACH; i++) {
            queue.put(from + i);
        }
        System.out.println("put");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // killed by the test
    }

    static void reportSize(ProcessQueue<Integer> queue, ProcessQueue<Integer> sizes) throws InterruptedException {
        sizes.put(queue.size());
        sizes.put(queue.isEmpty() ? 1 : 0);
    }

    private static void startProducers(Reaper reaper, ProcessQueue<Integer> queue) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            int from = p * 1000;
            reaper.start(ChildProcess.builder().name("producer-" + p).target(() -> putAndLinger(queue, from))
                    .output(line -> {
                        if (line.equals("put")) {
                            done.countDown();
                        }
                    }).build());
        }
        assertTrue(done.await(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS), "the producers put everything");
    }

    private static void assertExactEverywhere(ProcessQueue<Integer> queue, Reaper reaper) throws Exception {
        int total = PRODUCERS * EACH;
        assertEquals(total, queue.size(), "asked here");
        assertFalse(queue.isEmpty());
        ProcessQueue<Integer> sizes = ProcessQueue.create();
        ChildProcess asker = reaper.start(new ChildProcess("asker", () -> reportSize(queue, sizes)));
        Reaper.joinWithin(asker, Delays.CHILD);
        assertEquals(total, sizes.poll(Delays.SHORT), "asked by another process");
        assertEquals(0, sizes.poll(Delays.SHORT), "not empty, says that process");
        List<Integer> took = new ArrayList<>();
        while (!queue.isEmpty()) { // CPython's "while not q.empty(): q.get()"
            took.add(queue.take());
        }
        assertEquals(total, took.size(), "the loop took every element");
        assertEquals(0, queue.size());
        assertTrue(queue.isEmpty());
    }

    @Test
    void sizeCountsPutsOfLivingProducersFromTheHostAndFromAnotherProcess() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            startProducers(reaper, queue);
            assertExactEverywhere(queue, reaper);
        }
    }

    @Test
    void sizeOfAManagersQueueCountsPutsOfLivingProducers() throws Exception {
        try (Manager manager = Manager.start(); Reaper reaper = new Reaper()) {
            ProcessQueue<Integer> queue = manager.queue();
            startProducers(reaper, queue);
            assertExactEverywhere(queue, reaper);
        }
    }

    @Test
    void anEmptyQueueSaysSo() throws InterruptedException {
        ProcessQueue<String> queue = ProcessQueue.create();
        assertTrue(queue.isEmpty());
        queue.put("x");
        assertFalse(queue.isEmpty());
        queue.take();
        assertTrue(queue.isEmpty());
    }
}
