package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.JoinableProcessQueue;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-QUEUE-2, -6 and -7 through a remote link: a child calls a queue the test hosts. Timeouts run
 * out after about the timeout; a put blocked on a full queue is released by a take in another
 * process; a close in the host wakes a child blocked in take or put with
 * {@link IllegalStateException}; a close races a child opening the queue and still returns;
 * {@code taskDone()} once too many from a child throws. Children report through a second queue or
 * through their exit.
 */
class ProcessQueueRemoteCallsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    /** "About the timeout": a deadline never fires early, but clocks are read a little apart. */
    private static final Duration EARLY = Duration.ofMillis(5);
    private static final Duration OPEN_CLOSE_BUDGET = Delays.scaled(Duration.ofSeconds(2));

    static void timeOutRemotely(ProcessQueue<Object> empty, ProcessQueue<Object> full, ProcessQueue<Object> report)
            throws InterruptedException {
        empty.size();
        full.size(); // both links are open: what follows times the calls themselves
        long t0 = System.nanoTime();
        Object polled = empty.poll(TIMEOUT);
        long pollNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        boolean offered = full.offer("over capacity", TIMEOUT);
        long offerNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        Object polledNow = empty.poll();
        boolean offeredNow = full.offer("over capacity", Duration.ZERO);
        long nowNanos = System.nanoTime() - t0;
        report.put(new ArrayList<>(Arrays.asList(polled, pollNanos, offered, offerNanos, polledNow, offeredNow, nowNanos)));
    }

    @Test
    @Tag("G-QUEUE-2")
    void pollAndOfferFromAChildTimeOutAfterAboutTheTimeoutAndLeaveTheQueueUnchanged() throws Exception {
        ProcessQueue<Object> empty = ProcessQueue.create();
        ProcessQueue<Object> full = ProcessQueue.create(1);
        ProcessQueue<Object> report = ProcessQueue.create();
        full.put("filler");
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("timer", () -> timeOutRemotely(empty, full, report)));
            Object reported = report.poll(Delays.CHILD);
            assertInstanceOf(List.class, reported, () -> QueueTesting.describe(child));
            List<?> r = (List<?>) reported;
            assertNull(r.get(0), "poll(timeout) on an empty queue");
            assertAboutTheTimeout("poll(" + TIMEOUT + ")", (Long) r.get(1));
            assertEquals(false, r.get(2), "offer(timeout) on a full queue");
            assertAboutTheTimeout("offer(" + TIMEOUT + ")", (Long) r.get(3));
            assertNull(r.get(4), "poll() on an empty queue");
            assertEquals(false, r.get(5), "offer(e, 0) on a full queue");
            assertTrue((Long) r.get(6) < Delays.SHORT.toNanos(), "poll() and offer(e, 0) do not wait: " + r.get(6) + " ns");
            Reaper.joinWithin(child, Delays.CHILD);
        }
        assertEquals(1, full.size(), "a timed-out offer put nothing");
        assertEquals("filler", full.take());
        assertNull(full.poll());
        // The timed-out offers hold no room: the queue takes one element again, and only one.
        assertTrue(full.offer("again", Delays.SHORT));
        assertFalse(full.offer("one too many", Duration.ZERO));
        assertNull(empty.poll());
    }

    private static void assertAboutTheTimeout(String call, long nanos) {
        assertTrue(nanos >= TIMEOUT.minus(EARLY).toNanos(), call + " returned after only " + nanos / 1_000_000 + " ms");
        assertTrue(nanos <= TIMEOUT.plus(Delays.SHORT).toNanos(), call + " returned after " + nanos / 1_000_000 + " ms");
    }

    static void putIntoFullQueue(ProcessQueue<Object> full, ProcessQueue<Object> report) throws InterruptedException {
        full.size();
        report.put("putting");
        full.put("second");
        report.put("put returned");
    }

    @Test
    @Tag("G-QUEUE-2")
    void aChildBlockedInPutOnAFullQueueIsReleasedByATakeInTheHost() throws Exception {
        ProcessQueue<Object> full = ProcessQueue.create(1);
        ProcessQueue<Object> report = ProcessQueue.create();
        full.put("first");
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("putter", () -> putIntoFullQueue(full, report)));
            assertEquals("putting", report.poll(Delays.CHILD), () -> QueueTesting.describe(child));
            assertNull(report.poll(QueueTesting.STILL_BLOCKED), "the child's put must block while the queue is full");
            assertEquals(1, full.size());
            assertEquals("first", full.take());
            assertEquals("put returned", report.poll(Delays.SHORT), "a take must release the blocked put");
            assertEquals("second", full.poll(Delays.SHORT));
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> QueueTesting.describe(child));
        }
    }

    /** In a child: reports, blocks in take, reports how the take ended, then tries a put. */
    static void takeUntilClosed(ProcessQueue<Object> queue, ProcessQueue<Object> report) throws InterruptedException {
        queue.size();
        report.put("taking");
        try {
            report.put("take returned " + queue.take());
        } catch (IllegalStateException e) {
            report.put("take threw IllegalStateException");
        }
        try {
            queue.put("after close");
            report.put("put after close returned");
        } catch (IllegalStateException e) {
            report.put("put threw IllegalStateException");
        }
    }

    @Test
    @Tag("G-QUEUE-6")
    void closeInTheHostWakesAChildBlockedInTakeAndRefusesItsLaterPut() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        ProcessQueue<Object> report = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("taker", () -> takeUntilClosed(queue, report)));
            assertEquals("taking", report.poll(Delays.CHILD), () -> QueueTesting.describe(child));
            assertNull(report.poll(QueueTesting.STILL_BLOCKED), "the child's take must block on an empty queue");
            closeWithin(queue, "with a child blocked in take()");
            assertEquals("take threw IllegalStateException", report.poll(Delays.SHORT));
            assertEquals("put threw IllegalStateException", report.poll(Delays.SHORT));
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> QueueTesting.describe(child));
        }
        assertThrows(IllegalStateException.class, queue::take, "closed and empty");
    }

    static void putUntilClosed(ProcessQueue<Object> full, ProcessQueue<Object> report) throws InterruptedException {
        full.size();
        report.put("putting");
        try {
            full.put("no room");
            report.put("put returned");
        } catch (IllegalStateException e) {
            report.put("put threw IllegalStateException");
        }
    }

    @Test
    @Tag("G-QUEUE-6")
    void closeInTheHostFailsAChildBlockedInPutAndKeepsWhatWasIn() throws Exception {
        ProcessQueue<Object> full = ProcessQueue.create(1);
        ProcessQueue<Object> report = ProcessQueue.create();
        full.put("filler");
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("putter", () -> putUntilClosed(full, report)));
            assertEquals("putting", report.poll(Delays.CHILD), () -> QueueTesting.describe(child));
            assertNull(report.poll(QueueTesting.STILL_BLOCKED), "the child's put must block on a full queue");
            closeWithin(full, "with a child blocked in put()");
            assertEquals("put threw IllegalStateException", report.poll(Delays.SHORT));
            Reaper.joinWithin(child, Delays.CHILD);
        }
        assertEquals("filler", full.take(), "a closed queue still drains");
        assertThrows(IllegalStateException.class, full::take, "the refused put left nothing behind");
    }

    private static void closeWithin(ProcessQueue<?> queue, String when) throws InterruptedException {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(queue::close);
        try {
            closing.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hang) {
            throw new AssertionError("close() " + when + " did not return within " + Delays.SHORT);
        } catch (ExecutionException e) {
            throw new AssertionError("close() " + when + " threw " + e.getCause(), e.getCause());
        }
    }

    /** In a child: opens each queue that comes on {@code control} and takes until it is closed. */
    @SuppressWarnings("unchecked")
    static void openEachQueueAsItComes(ProcessQueue<Object> control, ProcessQueue<Object> report)
            throws InterruptedException {
        while (true) {
            ProcessQueue<Object> q;
            try {
                q = (ProcessQueue<Object>) control.take();
            } catch (IllegalStateException closed) {
                return;
            }
            String outcome;
            try {
                q.size();
                outcome = "take returned " + q.take();
            } catch (IllegalStateException e) {
                outcome = "closed";
            }
            report.put(outcome);
        }
    }

    @Test
    @Tag("G-QUEUE-6")
    void closeRacingAChildThatOpensTheQueueStillReturnsAndWakesTheChild() throws Exception {
        ProcessQueue<Object> control = ProcessQueue.create();
        ProcessQueue<Object> report = ProcessQueue.create();
        Random random = new Random();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("opener", () -> openEachQueueAsItComes(control, report)));
            // Round 0 lets the child start before the clock runs.
            ProcessQueue<Object> first = ProcessQueue.create();
            control.put(first);
            first.close();
            assertEquals("closed", report.poll(Delays.CHILD), () -> QueueTesting.describe(child));
            long end = System.nanoTime() + OPEN_CLOSE_BUDGET.toNanos();
            int rounds = 0;
            while (System.nanoTime() - end < 0) {
                rounds++;
                ProcessQueue<Object> q = ProcessQueue.create();
                control.put(q);
                // Close while the child is about to open q, or opening it, or has opened it.
                long spinUntil = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(random.nextInt(1500));
                while (System.nanoTime() - spinUntil < 0) {
                    Thread.onSpinWait();
                }
                closeWithin(q, "in round " + rounds + " (the child was opening the queue)");
                assertEquals("closed", report.poll(Delays.SHORT), "round " + rounds + ": the child's take");
            }
            control.close();
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> QueueTesting.describe(child));
        }
    }

    static void takeTwoMarkTwoDoneThenOneMore(JoinableProcessQueue<Object> work, ProcessQueue<Object> report)
            throws InterruptedException {
        work.take();
        work.take();
        work.taskDone();
        work.taskDone();
        report.put("two done");
        work.taskDone(); // one too many: must throw, and so end this child with exit code 1
    }

    @Test
    @Tag("G-QUEUE-7")
    void taskDoneOnceTooManyFromAChildThrowsIllegalStateException() throws Exception {
        JoinableProcessQueue<Object> work = JoinableProcessQueue.create();
        ProcessQueue<Object> report = ProcessQueue.create();
        work.put("a");
        work.put("b");
        try (Reaper reaper = new Reaper()) {
            ChildProcess worker = reaper.start(new ChildProcess("worker", () -> takeTwoMarkTwoDoneThenOneMore(work, report)));
            assertEquals("two done", report.poll(Delays.CHILD), () -> QueueTesting.describe(worker));
            CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> {
                try {
                    work.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            joined.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
            Reaper.joinWithin(worker, Delays.CHILD);
            assertEquals(OptionalInt.of(1), worker.exitCode(), () -> "the third taskDone() must throw: "
                    + QueueTesting.describe(worker));
            Throwable failure = worker.failure().orElseThrow();
            assertInstanceOf(IllegalStateException.class, failure, failure::toString);
            assertTrue(failure.getMessage().contains("taskDone"), failure::getMessage);
        }
        assertNull(work.poll());
    }
}
