package org.mproc.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pool;
import org.mproc.TaskFailedException;
import org.mproc.WorkerDiedException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.SharedPool;

/** G-POOL-3, -5, -7: task exceptions come back whole; a dead worker fails its call and is replaced. */
class PoolFailureTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    static int failAt(int x, int bad) {
        if (x == bad) {
            throw new IllegalStateException("bad item " + x);
        }
        return x;
    }


    @Test
    @Tag("G-POOL-3")
    void aTaskExceptionFailsTheCallWithItsClassMessageIndexAndWorker() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> POOL.get().map(x -> failAt(x, 37), range(100), 7));
        assertEquals(37, e.taskIndex());
        assertTrue(e.workerPid() > 0);
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("bad item 37", cause.getMessage());
        assertTrue(java.util.Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getMethodName().equals("failAt")));
        assertEquals(range(10), POOL.get().map(x -> x, range(10)), "the pool stays usable");
    }

    static int halt(int x) {
        Runtime.getRuntime().halt(7);
        return x;
    }

    static int exitAt(int x) {
        if (x == 13) {
            System.exit(3);
        }
        return x;
    }

    @Test
    @Tag("G-POOL-5")
    void aWorkerThatHaltsFailsTheCallWithWorkerDiedAndIsReplaced() {
        WorkerDiedException e = assertThrows(WorkerDiedException.class, () -> POOL.get().apply(PoolFailureTest::halt, 1));
        assertEquals(OptionalInt.of(7), e.exitCode());
        assertEquals(range(50), POOL.get().map(x -> x, range(50), 3), "a replacement took over");
    }

    @Test
    @Tag("G-POOL-5")
    void aWorkerThatCallsSystemExitMidMapFailsThatMap() {
        WorkerDiedException e = assertThrows(WorkerDiedException.class,
                () -> POOL.get().map(PoolFailureTest::exitAt, range(40), 4));
        assertTrue(e.firstTaskIndex() <= 13 && 13 <= e.lastTaskIndex(), e::getMessage);
        assertEquals(OptionalInt.of(3), e.exitCode());
        assertEquals(range(20), POOL.get().map(x -> x, range(20)));
    }

    @Test
    @Tag("G-POOL-7")
    void anUnserializableArgumentFailsInTheCallerNamingTheClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> POOL.get().map(x -> x, List.of(new Object())));
        assertTrue(e.getMessage().contains("java.lang.Object"), e::getMessage);
        Object captured = new Object();
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> POOL.get().apply(x -> captured.hashCode() + x, 1));
        assertTrue(f.getMessage().contains("java.lang.Object"), f::getMessage);
    }

    @Test
    @Tag("G-POOL-9")
    void badConfigurationIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new Pool(0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(0));
        assertThrows(IllegalArgumentException.class, () -> POOL.get().map(x -> x, range(3), 0));
        assertThrows(NullPointerException.class, () -> POOL.get().map(null, range(3)));
    }

    @Test
    @Tag("G-POOL-12")
    void afterCloseEverySubmissionThrowsAndNoWorkerIsLeft() throws Exception {
        Pool own = new Pool(1);
        own.close();
        assertThrows(IllegalStateException.class, () -> own.map(x -> x, range(3)));
        assertThrows(IllegalStateException.class, () -> own.apply(x -> x, 1));
        own.join();
    }

    @Test
    @Tag("G-POOL-12")
    void terminateReturnsPromptlyWithThousandsOfQueuedTasks() {
        Pool own = new Pool(2);
        java.util.concurrent.CompletableFuture<List<Integer>> slow = own.mapAsync(PoolFailureTest::sleepy, range(5000), 1);
        own.terminate();
        assertTrue(slow.isCompletedExceptionally() || await().atMost(Delays.SHORT).until(slow::isDone, d -> d));
        assertThrows(java.util.concurrent.ExecutionException.class, slow::get);
        assertThrows(IllegalStateException.class, () -> own.map(x -> x, range(3)));
    }

    static int sleepy(int x) throws InterruptedException {
        Thread.sleep(1000);
        return x;
    }
}
