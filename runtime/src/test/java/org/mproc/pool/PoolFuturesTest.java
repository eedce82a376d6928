package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pool;
import org.mproc.TaskFailedException;
import org.mproc.internal.pool.PoolEngine;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.SharedPool;

/**
 * G-POOL-8: {@code applyAsync}/{@code mapAsync} futures time out in {@code get(timeout)} after about
 * the timeout; they complete on a pool-owned thread, never a wire reader, so a callback that throws
 * or blocks leaves the pool working; {@code cancel} drops the call's unstarted chunks. Callbacks are
 * attached while the task is held at a gate, so they run on the completing thread, not the caller's.
 */
@Tag("G-POOL-8")
class PoolFuturesTest {
    private static final Duration GATE_BOUND = Delays.LONG;
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    /** Holds the task until the test opens {@code gate}, then returns {@code x}. */
    static int gated(int x, String dir, String gate) throws InterruptedException {
        Marks.awaitGate(dir, gate, GATE_BOUND);
        return x;
    }

    static int fails(int x, String dir, String gate) throws InterruptedException {
        Marks.awaitGate(dir, gate, GATE_BOUND);
        throw new IllegalStateException("task " + x + " fails");
    }


    private static void assertPoolAnswers() throws Exception {
        CompletableFuture<List<Integer>> later = POOL.get().mapAsync(x -> x + 1, range(12), 2);
        assertEquals(range(12).stream().map(x -> x + 1).collect(Collectors.toList()),
                later.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS), "a later call completes");
    }

    @Test
    void getWithATimeoutThrowsTimeoutExceptionAfterAboutTheTimeout() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<Integer> f = POOL.get().applyAsync(x -> gated(x, dir, "go"), 5);
            long timeout = 300;
            long t0 = System.nanoTime();
            assertThrows(TimeoutException.class, () -> f.get(timeout, TimeUnit.MILLISECONDS));
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waited >= timeout, "gave up after " + waited + " ms, before the timeout");
            assertTrue(waited < timeout + Delays.SHORT.toMillis(), "gave up only after " + waited + " ms");
            assertFalse(f.isDone(), "a timed-out get does not end the call");
            marks.open("go");
            assertEquals(5, f.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS), "the call still completes");
        }
    }

    @Test
    void mapAsyncGetWithATimeoutThrowsTimeoutException() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<List<Integer>> f = POOL.get().mapAsync(x -> gated(x, dir, "go"), range(6), 1);
            assertThrows(TimeoutException.class, () -> f.get(200, TimeUnit.MILLISECONDS));
            marks.open("go");
            assertEquals(range(6), f.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void futuresCompleteOnAPoolThreadNeverOnAWireReader() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            AtomicReference<String> ok = new AtomicReference<>();
            AtomicReference<String> failed = new AtomicReference<>();
            AtomicReference<String> mapped = new AtomicReference<>();
            CompletableFuture<Integer> a = POOL.get().applyAsync(x -> gated(x, dir, "go"), 1);
            CompletableFuture<Integer> b = POOL.get().applyAsync(x -> fails(x, dir, "go"), 2);
            CompletableFuture<List<Integer>> c = POOL.get().mapAsync(x -> gated(x, dir, "go"), range(5), 2);
            CompletableFuture<?> all = CompletableFuture.allOf(
                    a.whenComplete((r, e) -> ok.set(Thread.currentThread().getName())),
                    b.whenComplete((r, e) -> failed.set(Thread.currentThread().getName())),
                    c.whenComplete((r, e) -> mapped.set(Thread.currentThread().getName())));
            assertFalse(a.isDone() || b.isDone() || c.isDone(), "the callbacks are attached before completion");
            marks.open("go");
            assertThrows(ExecutionException.class, () -> all.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            for (AtomicReference<String> thread : List.of(ok, failed, mapped)) {
                String name = thread.get();
                assertFalse(name.startsWith("mproc-conn-"), name + " is a wire reader");
                assertTrue(name.startsWith("mproc-pool-"), name + " is not a pool-owned thread");
                assertFalse(name.equals(Thread.currentThread().getName()), "completed on the caller's thread");
            }
        }
    }

    @Test
    void aCallbackThatThrowsLeavesThePoolWorking() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<Integer> f = POOL.get().applyAsync(x -> gated(x, dir, "go"), 3);
            CompletableFuture<Integer> g = POOL.get().applyAsync(x -> gated(x, dir, "go"), 4);
            CompletableFuture<Void> throwing = f.thenAccept(r -> {
                throw new IllegalStateException("a callback that throws");
            });
            CompletableFuture<Void> erroring = g.thenAccept(r -> {
                throw new AssertionError("a callback that throws an Error");
            });
            marks.open("go");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> throwing.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertThrows(ExecutionException.class, () -> erroring.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(3, f.get(), "the call itself succeeded");
            assertPoolAnswers();
        }
    }

    @Test
    void aCallbackThatBlocksLeavesThePoolWorking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<Integer> f = POOL.get().applyAsync(x -> gated(x, dir, "go"), 3);
            CompletableFuture<Integer> sibling = POOL.get().applyAsync(x -> gated(x, dir, "go"), 4);
            CompletableFuture<Void> blocked = f.thenAccept(r -> {
                blocking.countDown();
                try {
                    release.await(GATE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            marks.open("go");
            assertTrue(blocking.await(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS), "the callback runs");
            // While the callback blocks, a sibling call, later calls, and failures still complete.
            assertEquals(4, sibling.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertPoolAnswers();
            assertThrows(TaskFailedException.class, () -> POOL.get().apply(x -> fails(x, dir, "go"), 9));
            assertFalse(blocked.isDone());
        } finally {
            release.countDown();
        }
    }

    /** Leaves a mark per task, then takes a while. */
    static int slowMarked(int x, String dir) throws InterruptedException {
        Marks.put(dir, "ran-" + x, Marks.pid());
        Thread.sleep(100);
        return x;
    }

    @Test
    void cancelDropsTheCallsUnstartedChunks() throws Exception {
        // One worker, 50 tasks of 100 ms: without cancellation they would take 5 s.
        Pool own = new Pool(1);
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            int tasks = 50;
            CompletableFuture<List<Integer>> f = own.mapAsync(x -> slowMarked(x, dir), range(tasks), 1);
            marks.awaitMark("ran-0", Delays.CHILD);
            assertTrue(f.cancel(true));
            assertTrue(f.isCancelled());
            CompletableFuture<Integer> next = own.applyAsync(x -> x * 2, 21);
            try {
                assertEquals(42, next.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException stillRunning) {
                throw new AssertionError("after cancel, the next call still waits behind the cancelled one: "
                        + marks.names("ran-").size() + " of its " + tasks + " tasks have run");
            }
            int ran = marks.names("ran-").size();
            assertTrue(ran <= 1 + PoolEngine.MAX_PREFETCH, ran + " tasks of the cancelled call ran");
        } finally {
            own.terminate();
        }
    }
}
