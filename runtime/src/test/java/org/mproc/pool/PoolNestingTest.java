package org.mproc.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.ChildProcess;
import org.mproc.Pool;
import org.mproc.TaskFailedException;
import org.mproc.WorkerDiedException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.Pids;
import org.mproc.testkit.Pools;
import org.mproc.testkit.SharedPool;

/**
 * G-PROC-8: a pool task may start its own {@link Pool} (or {@link ChildProcess}) inside the worker;
 * it works, and everything it starts is reaped with it — when the task closes it, when the outer
 * pool closes with the inner pool still open, and when the outer worker is killed.
 */
@Tag("G-PROC-8")
class PoolNestingTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);


    static long pidOf(int x) throws InterruptedException {
        Thread.sleep(2);
        return ProcessHandle.current().pid();
    }

    /** What a nesting task saw: the inner map's result, the inner workers, and what was left alive. */
    record Nested(List<Integer> squares, List<Long> innerPids, long outerPid, long aliveAfterClose)
            implements Serializable {}

    static Nested mapInANestedPool(int n) {
        List<Integer> squares;
        List<Long> pids;
        try (Pool inner = new Pool(2)) {
            squares = inner.map(x -> x * x, range(n), 3);
            pids = inner.map(PoolNestingTest::pidOf, range(8), 1).stream().distinct().collect(Collectors.toList());
        }
        long alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
        return new Nested(squares, pids, ProcessHandle.current().pid(), alive);
    }

    @Test
    void aTaskMapsOnItsOwnPoolAndLeavesNothingBehind() {
        List<Nested> all = POOL.get().map(PoolNestingTest::mapInANestedPool, List.of(10, 25), 1);
        for (Nested nested : all) {
            int n = nested.squares().size();
            assertEquals(range(n).stream().map(x -> x * x).collect(Collectors.toList()), nested.squares());
            assertEquals(0, nested.aliveAfterClose(), "the inner pool's close() left processes alive");
            assertEquals(2, nested.innerPids().size(), "the inner pool had two workers: " + nested.innerPids());
            for (long pid : nested.innerPids()) {
                assertTrue(pid != nested.outerPid());
                await().atMost(Delays.SHORT).until(() -> Pids.hasExited(pid));
            }
        }
        assertEquals(List.of(10, 25), all.stream().map(x -> x.squares().size()).collect(Collectors.toList()));
    }

    /** Opens an inner pool and returns its worker's pid without closing it. */
    static long leaveANestedPoolOpen(int x) throws InterruptedException {
        Pool inner = new Pool(1);
        return inner.apply(PoolNestingTest::pidOf, x);
    }

    @Test
    void aNestedPoolLeftOpenIsReapedWhenTheOuterPoolCloses() {
        Pool outer = new Pool(1);
        long innerPid;
        try {
            innerPid = outer.apply(PoolNestingTest::leaveANestedPoolOpen, 1);
            assertTrue(ProcessHandle.of(innerPid).map(ProcessHandle::isAlive).orElse(false),
                    "the inner pool stays up while its task's worker lives");
            assertEquals(Integer.valueOf(4), outer.apply(x -> x * 2, 2), "the outer pool still answers");
        } finally {
            Pools.closeWithin(outer, Delays.CHILD);
        }
        await().atMost(Delays.SHORT).until(() -> Pids.hasExited(innerPid));
    }

    /** Opens an inner pool, says who is who, and waits. */
    static int nestAndWait(int x, String dir) throws InterruptedException {
        Pool inner = new Pool(1);
        Marks.put(dir, "inner", Long.toString(inner.apply(PoolNestingTest::pidOf, x)));
        Marks.put(dir, "outer", Marks.pid());
        Thread.sleep(60_000);
        return x;
    }

    @Test
    void whenTheOuterWorkerIsKilledItsNestedPoolDiesWithIt() throws Exception {
        Pool outer = new Pool(1);
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<Integer> f = outer.applyAsync(x -> nestAndWait(x, dir), 1);
            long outerPid = Long.parseLong(marks.awaitMark("outer", Delays.CHILD));
            long innerPid = Long.parseLong(marks.read("inner"));
            ProcessHandle.of(outerPid).ifPresent(ProcessHandle::destroyForcibly);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> f.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(e.getCause() instanceof WorkerDiedException, () -> "got " + e.getCause());
            // G-PROC-7: a child whose parent was killed exits within 2 s.
            await().atMost(Delays.scaled(Duration.ofSeconds(2)).plus(Delays.SHORT))
                    .until(() -> Pids.hasExited(innerPid));
        } finally {
            Pools.closeWithin(outer, Delays.CHILD);
        }
    }

    static final int INNER_HALT_STATUS = 3;

    /** Runs a task on an inner pool whose worker halts; the inner pool's WorkerDiedException escapes. */
    static long innerWorkerDies(int status) {
        try (Pool inner = new Pool(1)) {
            return inner.apply(x -> {
                Runtime.getRuntime().halt(x);
                return -1L;
            }, status);
        }
    }

    @Test
    @Tag("G-POOL-5")
    void aNestedPoolsWorkerDeathReachesTheOuterCallerAsWorkerDiedException() {
        TaskFailedException failed = assertThrows(TaskFailedException.class,
                () -> POOL.get().apply(PoolNestingTest::innerWorkerDies, INNER_HALT_STATUS));
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failed.getCause(),
                () -> "the inner death arrived as " + failed.getCause());
        assertEquals(OptionalInt.of(INNER_HALT_STATUS), died.exitCode(), died::getMessage);
        assertEquals(0, died.firstTaskIndex());
        assertEquals(0, died.lastTaskIndex());
        assertNotEquals(failed.workerPid(), died.pid(), "the inner worker is not the outer one");
        assertEquals(List.of(1, 4), POOL.get().map(x -> x * x, List.of(1, 2), 1), "the outer pool still answers");
    }

    static int childExitCode(int code) throws InterruptedException {
        ChildProcess child = new ChildProcess("nested", () -> System.exit(code));
        child.start();
        child.join();
        return child.exitCode().orElse(-1000);
    }

    @Test
    void aTaskStartsAndJoinsAChildProcess() {
        assertEquals(List.of(0, 3, 5), POOL.get().map(PoolNestingTest::childExitCode, List.of(0, 3, 5), 1));
        assertEquals(OptionalInt.of(7), OptionalInt.of(POOL.get().apply(PoolNestingTest::childExitCode, 7)));
    }
}
