package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.JoinableProcessQueue;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/** The queue between processes: delivery, copies, timeouts, close and join, across real child JVMs. */
class ProcessQueueBasicsTest {

    static void produce(ProcessQueue<Object> queue, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            queue.put(i);
        }
    }

    static void consumeInto(ProcessQueue<Object> from, ProcessQueue<Object> to, int n) throws InterruptedException {
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(from.take());
        }
        to.put(got);
    }

    @Test
    @Tag("G-QUEUE-1")
    void aChildsPutsArriveInOrderAndOnceInTheParent() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess producer = reaper.start(new ChildProcess("producer", () -> produce(queue, 1000)));
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                got.add(queue.poll(Delays.CHILD));
            }
            Reaper.joinWithin(producer, Delays.CHILD);
            assertEquals(0, producer.exitCode().orElseThrow());
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                expected.add(i);
            }
            assertEquals(expected, got);
            assertNull(queue.poll());
        }
    }

    @Test
    @Tag("G-QUEUE-1")
    void aProducerChildAndAConsumerChildShareTheParentsQueue() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        ProcessQueue<Object> results = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess consumer = reaper.start(new ChildProcess("consumer", () -> consumeInto(queue, results, 3)));
            ChildProcess producer = reaper.start(new ChildProcess("producer", () -> {
                queue.put(42);
                queue.put(null);
                queue.put("hello");
            }));
            assertEquals(Arrays.asList(42, null, "hello"), results.poll(Delays.CHILD));
            Reaper.joinWithin(producer, Delays.CHILD);
            Reaper.joinWithin(consumer, Delays.CHILD);
        }
    }

    @Test
    @Tag("G-QUEUE-3")
    void elementsAreCopies() throws Exception {
        ProcessQueue<List<Integer>> queue = ProcessQueue.create();
        List<Integer> list = new ArrayList<>(List.of(1, 2));
        queue.put(list);
        list.add(3);
        assertEquals(List.of(1, 2), queue.take());
    }

    @Test
    @Tag("G-QUEUE-2")
    void pollAndOfferTimeOutAndAFullQueueBlocksPut() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create(1);
        long start = System.nanoTime();
        assertNull(queue.poll(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
        queue.put(1);
        start = System.nanoTime();
        assertFalse(queue.offer(2, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                queue.put(3);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> blocked.get(300, TimeUnit.MILLISECONDS));
        assertEquals(1, queue.take());
        blocked.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(3, queue.take());
    }

    static void putThenClose(ProcessQueue<Object> queue) throws InterruptedException {
        queue.put("last");
        queue.close();
    }

    @Test
    @Tag("G-QUEUE-6")
    void closeFromAChildDrainsThenFailsEveryoneAndWakesBlockedTakers() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess closer = reaper.start(new ChildProcess("closer", () -> putThenClose(queue)));
            Reaper.joinWithin(closer, Delays.CHILD);
            assertEquals(0, closer.exitCode().orElseThrow());
            assertThrows(IllegalStateException.class, () -> queue.put("late"));
            assertEquals("last", queue.take());
            assertThrows(IllegalStateException.class, queue::take);
        }
        ProcessQueue<Object> empty = ProcessQueue.create();
        CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return empty.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> blocked.get(200, TimeUnit.MILLISECONDS));
        empty.close();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> blocked.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
    }

    @Test
    @Tag("G-QUEUE-5")
    void anUnserializableElementThrowsInTheCallerAndLeavesTheQueueUnchanged() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        queue.put("before");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> queue.put(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(1, queue.size());
        assertEquals("before", queue.take());
    }

    static void workAndMarkDone(JoinableProcessQueue<Integer> work, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            work.take();
            work.taskDone();
        }
    }

    @Test
    @Tag("G-QUEUE-7")
    void joinReturnsAfterEveryElementIsMarkedDoneAndOneTooManyThrows() throws Exception {
        JoinableProcessQueue<Integer> work = JoinableProcessQueue.create();
        work.putAll(List.of(1, 2, 3));
        try (Reaper reaper = new Reaper()) {
            ChildProcess worker = reaper.start(new ChildProcess("worker", () -> workAndMarkDone(work, 3)));
            assertTimeoutPreemptively(Delays.CHILD, work::join);
            Reaper.joinWithin(worker, Delays.CHILD);
        }
        assertThrows(IllegalStateException.class, work::taskDone);
    }
}
