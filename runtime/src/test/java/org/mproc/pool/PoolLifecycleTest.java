package org.mproc.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mproc.Pair;
import org.mproc.Pool;
import org.mproc.ProcessException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.Pids;
import org.mproc.testkit.Pools;

/**
 * G-POOL-12: one test per transition and per rejected call of the table beside {@code Pool}'s state
 * field (RUNNING → CLOSING → TERMINATED by {@code close()}, → TERMINATED by {@code terminate()} from
 * RUNNING or CLOSING); after either, every submission throws {@link IllegalStateException} and no
 * worker process is alive. Each test has its own pool: every one of them ends it.
 */
@Tag("G-POOL-12")
class PoolLifecycleTest {


    static long pidOf(int x) throws InterruptedException {
        Thread.sleep(2);
        return ProcessHandle.current().pid();
    }

    static int gated(int x, String dir) throws InterruptedException {
        Marks.put(dir, "started-" + x, Marks.pid());
        Marks.awaitGate(dir, "go", Delays.LONG);
        return x * 10;
    }

    static int slow(int x) throws InterruptedException {
        Thread.sleep(150);
        return x * 10;
    }

    static int sleepLong(int x) throws InterruptedException {
        Thread.sleep(60_000);
        return x;
    }

    private static List<Long> workerPids(Pool pool) {
        return pool.map(PoolLifecycleTest::pidOf, range(4 * pool.processes()), 1).stream().distinct()
                .collect(Collectors.toList());
    }

    private static void assertAllExited(List<Long> pids) {
        for (long pid : pids) {
            assertTrue(Pids.hasExited(pid), "worker " + pid + " is still alive");
        }
    }

    /** Runs {@code step} on another thread and fails (instead of hanging) if it takes longer than {@code bound}. */
    private static void within(Duration bound, String what, Executable step) throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                step.execute();
            } catch (Throwable t) {
                throw new CompletionException(t);
            }
        });
        try {
            done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not return within " + bound);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException
                    ? e.getCause().getCause() : e.getCause();
            throw new AssertionError(what + " threw " + cause, cause);
        }
    }

    /** The calls that must be refused once the pool is no longer RUNNING. */
    private static void assertEverySubmissionThrows(Pool pool) {
        assertThrows(IllegalStateException.class, () -> pool.map(x -> x, range(3)));
        assertThrows(IllegalStateException.class, () -> pool.map(x -> x, range(3), 2));
        assertThrows(IllegalStateException.class, () -> pool.mapAsync(x -> x, range(3)));
        assertThrows(IllegalStateException.class, () -> pool.mapAsync(x -> x, range(3), 2));
        assertThrows(IllegalStateException.class, () -> pool.apply(x -> x, 1));
        assertThrows(IllegalStateException.class, () -> pool.applyAsync(x -> x, 1));
        assertThrows(IllegalStateException.class, () -> pool.starmap(Integer::sum, List.of(Pair.of(1, 2))));
        assertThrows(IllegalStateException.class, () -> pool.starmap(Integer::sum, List.of(Pair.of(1, 2)), 1));
        assertThrows(IllegalStateException.class, () -> pool.starmapAsync(Integer::sum, List.of(Pair.of(1, 2))));
        assertThrows(IllegalStateException.class, () -> pool.starmapAsync(Integer::sum, List.of(Pair.of(1, 2)), 1));
    }

    // ---- RUNNING → CLOSING → TERMINATED --------------------------------------------------------

    @Test
    void closeFinishesSubmittedWorkThenStopsTheWorkers() throws Exception {
        Pool pool = new Pool(2);
        List<Long> pids = workerPids(pool);
        CompletableFuture<List<Integer>> slow = pool.mapAsync(PoolLifecycleTest::slow, range(8), 1);
        CompletableFuture<Integer> one = pool.applyAsync(PoolLifecycleTest::slow, 9);
        within(Delays.CHILD, "close()", pool::close);
        assertTrue(slow.isDone() && one.isDone(), "close() returned before the submitted calls ended");
        assertEquals(range(8).stream().map(x -> x * 10).collect(Collectors.toList()), slow.get());
        assertEquals(90, one.get());
        assertAllExited(pids);
    }

    @Test
    void closeFinishesThousandsOfQueuedTasks() throws Exception {
        Pool pool = new Pool(2);
        List<Long> pids = workerPids(pool);
        CompletableFuture<List<Integer>> many = pool.mapAsync(x -> x + 1, range(3000), 1);
        within(Delays.LONG, "close()", pool::close);
        assertEquals(range(3000).stream().map(x -> x + 1).collect(Collectors.toList()), many.getNow(null));
        assertAllExited(pids);
    }

    @Test
    void whileClosingSubmissionsThrowAndJoinWaitsForTheEnd() throws Exception {
        Pool pool = new Pool(2);
        List<Long> pids = workerPids(pool);
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<List<Integer>> held = pool.mapAsync(x -> gated(x, dir), range(2), 1);
            marks.awaitMark("started-0", Delays.CHILD);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
            // CLOSING: close() is waiting for the held call, and new work is refused.
            await().atMost(Delays.SHORT).until(() -> refuses(pool));
            assertEverySubmissionThrows(pool);
            CompletableFuture<Void> joining = CompletableFuture.runAsync(() -> {
                try {
                    pool.join();
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            assertFalse(closing.isDone() || joining.isDone() || held.isDone(), "the held call keeps the pool CLOSING");
            marks.open("go");
            assertEquals(List.of(0, 10), held.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            closing.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
            joining.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertAllExited(pids);
    }

    /** Whether the pool refuses a submission (a harmless one, that completes if accepted). */
    private static boolean refuses(Pool pool) {
        try {
            pool.applyAsync(x -> x, 0);
            return false;
        } catch (IllegalStateException refused) {
            return true;
        }
    }

    @Test
    void closeTwiceAndCloseFromTryWithResourcesReturn() throws Exception {
        Pool pool = new Pool(1);
        List<Long> pids = workerPids(pool);
        try (Pool same = pool) {
            assertEquals(range(3), same.map(x -> x, range(3)));
        }
        within(Delays.SHORT, "a second close()", pool::close);
        within(Delays.SHORT, "join() after close()", pool::join);
        assertAllExited(pids);
    }

    // ---- → TERMINATED by terminate() ----------------------------------------------------------

    @Test
    void terminateFromRunningFailsPendingCallsKillsWorkersAndReturnsPromptly() throws Exception {
        Pool pool = new Pool(2);
        List<Long> pids = workerPids(pool);
        CompletableFuture<List<Integer>> queued = pool.mapAsync(PoolLifecycleTest::sleepLong, range(5000), 1);
        CompletableFuture<Integer> one = pool.applyAsync(PoolLifecycleTest::sleepLong, 1);
        within(Delays.SHORT, "terminate() with thousands of queued long tasks", pool::terminate);
        for (CompletableFuture<?> f : List.of(queued, one)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(ProcessException.class, e.getCause());
        }
        assertAllExited(pids);
        assertEverySubmissionThrows(pool);
    }

    static int length(byte[] bytes) {
        return bytes.length;
    }

    static int gatedLength(byte[] bytes, String dir) throws InterruptedException {
        Marks.awaitGate(dir, "go", Delays.LONG);
        return bytes.length;
    }

    static int identity(int x) {
        return x;
    }

    /**
     * A submission that passed the RUNNING check just before terminate() reaches the dispatcher
     * after it: it must fail, not stay pending in a pool with no worker left (which would keep
     * terminate() waiting for ever). Two threads submit in a tight loop while terminate() runs.
     */
    @Test
    void submissionsRacingTerminateFailAndNeverHoldItUp() throws Exception {
        for (int round = 0; round < 5; round++) {
            Pool pool = new Pool(1);
            List<CompletableFuture<Integer>> futures = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread submitter = new Thread(() -> {
                    try {
                        while (true) {
                            futures.add(pool.applyAsync(PoolLifecycleTest::identity, 1));
                        }
                    } catch (IllegalStateException refused) {
                        // terminate() has run: the loop ends
                    }
                }, "racing-submitter-" + t);
                submitter.start();
                submitters.add(submitter);
            }
            await().atMost(Delays.SHORT).until(() -> futures.size() > 50);
            within(Delays.SHORT, "terminate() while submissions race it", pool::terminate);
            for (Thread submitter : submitters) {
                submitter.join(Delays.SHORT.toMillis());
                assertFalse(submitter.isAlive(), "a submitter still runs after terminate()");
            }
            for (CompletableFuture<Integer> f : futures) {
                try {
                    assertEquals(1, f.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException failed) {
                    assertInstanceOf(RuntimeException.class, failed.getCause()); // refused or failed: fine
                } catch (TimeoutException e) {
                    throw new AssertionError("a call submitted around terminate() never completed", e);
                }
            }
        }
    }

    /**
     * A worker reads its socket only between chunks: a megabyte chunk sent to a busy worker would
     * block the pool's dispatch until that worker's task ended. Large chunks go to idle workers.
     */
    @Test
    void aBusyWorkerNeverHoldsUpLargeChunksOrTerminate() throws Exception {
        Pool pool = new Pool(2);
        List<Long> pids = workerPids(pool);
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<Integer> busy = pool.applyAsync(x -> gated(x, dir), 7);
            marks.awaitMark("started-7", Delays.CHILD);
            List<byte[]> large = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                large.add(new byte[(1 << 20) + i]);
            }
            within(Delays.LONG, "a map of 1 MiB chunks beside a busy worker",
                    () -> assertEquals(List.of(1 << 20, (1 << 20) + 1, (1 << 20) + 2, (1 << 20) + 3, (1 << 20) + 4,
                            (1 << 20) + 5), pool.map(PoolLifecycleTest::length, large, 1)));
            // Held at the gate, so none of them can finish before terminate() (on a loaded machine
            // the idle worker could otherwise run all six first).
            CompletableFuture<List<Integer>> queued = pool.mapAsync(b -> gatedLength(b, dir), large, 1);
            within(Delays.SHORT, "terminate() with 1 MiB chunks queued behind a busy worker", pool::terminate);
            assertThrows(ExecutionException.class, () -> busy.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertThrows(ExecutionException.class, () -> queued.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        }
        assertAllExited(pids);
    }

    @Test
    void terminateFromClosingEndsTheCloseAndFailsTheHeldCall() throws Exception {
        Pool pool = new Pool(2);
        List<Long> pids = workerPids(pool);
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<List<Integer>> held = pool.mapAsync(x -> gated(x, dir), range(2), 1);
            marks.awaitMark("started-0", Delays.CHILD);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
            await().atMost(Delays.SHORT).until(() -> refuses(pool));
            within(Delays.SHORT, "terminate() while CLOSING", pool::terminate);
            closing.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> held.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(ProcessException.class, e.getCause());
        }
        assertAllExited(pids);
        assertEverySubmissionThrows(pool);
    }

    @Test
    void terminateAfterCloseIsQuiet() throws Exception {
        Pool pool = new Pool(1);
        List<Long> pids = workerPids(pool);
        pool.close();
        within(Delays.SHORT, "terminate() after close()", pool::terminate);
        assertAllExited(pids);
        assertEverySubmissionThrows(pool);
    }

    @Test
    void terminateTwiceAndCloseAfterTerminateAreQuiet() throws Exception {
        Pool pool = new Pool(1);
        List<Long> pids = workerPids(pool);
        pool.terminate();
        within(Delays.SHORT, "a second terminate()", pool::terminate);
        within(Delays.SHORT, "close() after terminate()", pool::close);
        assertAllExited(pids);
        assertEverySubmissionThrows(pool);
    }

    // ---- join() --------------------------------------------------------------------------------

    @Test
    void joinWhileRunningThrows() throws Exception {
        Pool pool = new Pool(1);
        try {
            assertThrows(IllegalStateException.class, pool::join);
            assertEquals(range(4), pool.map(x -> x, range(4)), "the refused join() changed nothing");
        } finally {
            Pools.closeWithin(pool, Delays.CHILD);
        }
    }

    @Test
    void joinAfterCloseReturns() throws Exception {
        Pool pool = new Pool(1);
        List<Long> pids = workerPids(pool);
        pool.close();
        within(Delays.SHORT, "join() after close()", pool::join);
        assertAllExited(pids);
    }

    @Test
    void joinAfterTerminateReturns() throws Exception {
        Pool pool = new Pool(1);
        List<Long> pids = workerPids(pool);
        pool.terminate();
        within(Delays.SHORT, "join() after terminate()", pool::join);
        assertAllExited(pids);
    }

    // ---- rejected submissions ------------------------------------------------------------------

    @Test
    void everySubmissionAfterCloseThrows() {
        Pool pool = new Pool(1);
        List<Long> pids = workerPids(pool);
        pool.close();
        assertEverySubmissionThrows(pool);
        assertAllExited(pids);
    }

    @Test
    void everySubmissionAfterTerminateThrows() {
        Pool pool = new Pool(1);
        List<Long> pids = workerPids(pool);
        pool.terminate();
        assertEverySubmissionThrows(pool);
        assertAllExited(pids);
    }
}
