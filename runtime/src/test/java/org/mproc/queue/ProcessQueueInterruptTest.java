package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessException;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * Interrupts and the queue. An interrupt that lands on a thread blocked in {@code take()} while
 * another thread puts must not lose the element: the take either returns it (with the interrupt
 * status set again) or throws {@link InterruptedException} and leaves it in the queue (G-QUEUE-1).
 * Checked round by round, through the host's own handle and through a remote link from a child.
 * And an interrupt is the caller's business only: a thread that is interrupted while it uses a
 * queue must not break the queue for the other threads of its process, nor lose an element the
 * host hands to another process (G-QUEUE-1, G-QUEUE-6: only the host's death fails calls with
 * {@link ProcessException}).
 */
class ProcessQueueInterruptTest {
    /** Time for the rounds of one race test, in whichever process runs them. */
    private static final Duration RACE_BUDGET = Delays.scaled(Duration.ofMillis(2500));
    private static final int MAX_ROUNDS = 1000;
    private static final String INTERRUPTED = "InterruptedException";

    /** What the rounds saw: how each take ended, and what went wrong (at most a few lines). */
    record Races(long seed, int rounds, int taken, int interrupted, List<String> problems) implements Serializable {
        @Override
        public String toString() {
            return "seed " + seed + ", " + rounds + " rounds: " + taken + " takes returned the element, " + interrupted
                    + " were interrupted first" + (problems.isEmpty() ? "" : "\n" + String.join("\n", problems));
        }
    }

    /**
     * Rounds of: a taker thread parks in {@code take()}; then, after random short spins, one thread
     * puts the round's number while this thread interrupts the taker. Afterwards the number must
     * have been taken, or (take interrupted) be the one element left in the queue. Runs in the test
     * JVM or in a child.
     */
    static Races interruptRaces(ProcessQueue<Integer> queue, long budgetNanos, long seed) throws Exception {
        List<String> problems = new ArrayList<>();
        Random random = new Random(seed);
        ExecutorService putter = Executors.newSingleThreadExecutor();
        int rounds = 0;
        int interrupted = 0;
        int taken = 0;
        try {
            queue.size(); // opens the link, so a parked taker is parked on its take
            long end = System.nanoTime() + budgetNanos;
            for (int r = 0; r < MAX_ROUNDS && System.nanoTime() - end < 0 && problems.size() < 5; r++) {
                rounds++;
                AtomicReference<Object> outcome = new AtomicReference<>();
                Thread taker = new Thread(() -> outcome.set(takeOrSay(queue)), "taker-" + r);
                taker.start();
                QueueTesting.awaitParked(taker);
                int value = r;
                int putSpin = random.nextInt(200);
                int interruptSpin = random.nextInt(200);
                Future<?> put = putter.submit(() -> {
                    spin(putSpin);
                    queue.put(value);
                    return null;
                });
                spin(interruptSpin);
                taker.interrupt();
                put.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
                taker.join(Delays.SHORT.toMillis());
                Object got = outcome.get();
                if (taker.isAlive()) {
                    problems.add("round " + r + ": the interrupted take is still blocked after " + Delays.SHORT);
                    break;
                } else if (Integer.valueOf(value).equals(got)) {
                    taken++;
                    Object extra = queue.poll();
                    if (extra != null) {
                        problems.add("round " + r + ": " + value + " was taken and " + extra + " is still in the queue");
                    }
                } else if (INTERRUPTED.equals(got)) {
                    interrupted++;
                    // A put from a remote link may still be on its way to the host: wait for it.
                    Object left = queue.poll(Delays.SHORT);
                    if (!Integer.valueOf(value).equals(left)) {
                        problems.add("round " + r + ": the take was interrupted and " + value
                                + " is LOST: neither taken nor left in the queue (found " + left + ")");
                    }
                } else {
                    problems.add("round " + r + ": put " + value + " but the take ended with " + got);
                }
            }
        } finally {
            putter.shutdownNow();
        }
        return new Races(seed, rounds, taken, interrupted, problems);
    }

    private static Object takeOrSay(ProcessQueue<Integer> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            return INTERRUPTED;
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static void spin(int micros) {
        long end = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    private static void assertNoProblems(Races races) {
        assertEquals(List.of(), races.problems(), races::toString);
        // Both endings must occur, or the rounds did not race the interrupt against the put.
        assertTrue(races.taken() > 0 && races.interrupted() > 0, () -> "the race was not exercised: " + races);
    }

    @Test
    @Tag("G-QUEUE-1")
    void anInterruptedTakeOnTheHostLosesNoElementPutConcurrently() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create();
        Races races = assertTimeoutPreemptively(Delays.LONG,
                () -> interruptRaces(queue, RACE_BUDGET.toNanos(), System.nanoTime()));
        assertNoProblems(races);
    }

    static void racesInChild(ProcessQueue<Integer> queue, ProcessQueue<Object> report, long budgetNanos, long seed)
            throws Exception {
        report.put(interruptRaces(queue, budgetNanos, seed));
    }

    @Test
    @Tag("G-QUEUE-1")
    void anInterruptedTakeOnARemoteLinkLosesNoElementPutConcurrently() throws Exception {
        ProcessQueue<Integer> queue = ProcessQueue.create();
        ProcessQueue<Object> report = ProcessQueue.create();
        long budget = RACE_BUDGET.toNanos();
        long seed = System.nanoTime();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("interrupted-taker",
                    () -> racesInChild(queue, report, budget, seed)));
            Object outcome = report.poll(Delays.CHILD.plus(RACE_BUDGET));
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> QueueTesting.describe(child));
            assertInstanceOf(Races.class, outcome, () -> "the child reported " + outcome);
            assertNoProblems((Races) outcome);
            assertNull(queue.poll(), "an element is left in the queue after every round was accounted for");
        }
    }

    /**
     * In a child: one thread parks in {@code take()} on the parent's queue, then this thread, with
     * its interrupt status set, puts. Whatever that put does (returns, or throws
     * {@link InterruptedException}), the host is alive, so the parked take and later calls must keep
     * working. Reports through the exit: an {@link AssertionError} says what broke.
     */
    static void putWhileInterruptedBesideAParkedTake(ProcessQueue<Object> queue) throws Exception {
        queue.size();
        CompletableFuture<Object> parked = new CompletableFuture<>();
        Thread taker = new Thread(() -> {
            try {
                parked.complete(queue.take());
            } catch (Throwable t) {
                parked.completeExceptionally(t);
            }
        }, "parked-taker");
        taker.start();
        QueueTesting.awaitParked(taker);
        Thread.currentThread().interrupt();
        String putOutcome;
        try {
            queue.put("put-while-interrupted");
            putOutcome = "returned";
        } catch (InterruptedException e) {
            putOutcome = "threw InterruptedException";
        } catch (RuntimeException e) {
            putOutcome = "threw " + e;
        }
        Thread.interrupted();
        if (putOutcome.startsWith("threw") && !putOutcome.equals("threw InterruptedException")) {
            throw new AssertionError("a put by an interrupted thread " + putOutcome
                    + " although the queue's host is alive");
        }
        if (!putOutcome.equals("returned")) {
            queue.put("put-while-interrupted"); // the interrupted put had no effect: the taker still needs one
        }
        Object got;
        try {
            got = parked.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("after a put by an interrupted thread (which " + putOutcome
                    + "), another thread's take failed with " + e.getCause(), e.getCause());
        }
        if (!"put-while-interrupted".equals(got)) {
            throw new AssertionError("the parked take returned " + got);
        }
        queue.put("later");
        Object later = queue.poll(Delays.SHORT);
        if (!"later".equals(later)) {
            throw new AssertionError("after a put by an interrupted thread, a later put and poll gave " + later);
        }
    }

    @Test
    @Tag("G-QUEUE-6")
    void anInterruptedPutOnARemoteLinkDoesNotBreakTheQueueForOtherThreads() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("interrupted-putter",
                    () -> putWhileInterruptedBesideAParkedTake(queue)));
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> QueueTesting.describe(child));
        }
        assertNull(queue.poll(), "everything the child put was taken back by the child");
    }

    static void takeAndReport(ProcessQueue<Object> queue, ProcessQueue<Object> report) throws InterruptedException {
        queue.size();
        report.put("taking");
        Object got = queue.take();
        report.put("took " + got);
    }

    @Test
    @Tag("G-QUEUE-1")
    void aPutByAnInterruptedThreadOfTheHostReachesATakerInAnotherProcess() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        ProcessQueue<Object> report = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("taker", () -> takeAndReport(queue, report)));
            assertEquals("taking", report.poll(Delays.CHILD));
            assertNull(report.poll(QueueTesting.STILL_BLOCKED), "the child's take must wait for a put");
            // The host's put hands the element straight to the parked remote take.
            Thread.currentThread().interrupt();
            try {
                queue.put("handed over by an interrupted thread");
            } finally {
                Thread.interrupted();
            }
            Object reported = report.poll(Delays.SHORT);
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals("took handed over by an interrupted thread", reported,
                    () -> "the element put by an interrupted host thread was LOST on its way to the taker; the taker "
                            + QueueTesting.describe(child) + "; left in the queue: " + queue.poll());
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> QueueTesting.describe(child));
        }
    }
}
