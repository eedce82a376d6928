package org.mproc.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.ProcessException;
import org.mproc.WorkerDiedException;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.Pids;
import org.mproc.testkit.Pools;

/**
 * G-POOL-10 and G-POOL-11, seen through worker pids and marks the workers leave: the initializer runs
 * exactly once per worker (replacements included) before any task on it, and the constructor
 * returns only once every worker has run it; a throwing initializer fails creation with its cause
 * and leaves no process, and one that throws in a replacement fails later calls; with
 * {@code maxTasksPerChild = k} no worker runs more than k chunks, and results stay correct.
 */
class PoolWorkerLifetimeTest {
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(4));

    /** A worker's memory of its initializer: statics are per JVM. */
    static final class InitState {
        static int runs;
        static long doneNanos;

        private InitState() {}
    }

    /** Takes a while (so that a constructor returning early would be seen), then leaves a mark. */
    static void slowInit(String dir) throws InterruptedException {
        InitState.runs++;
        if (Marks.exists(dir, "poison")) {
            Marks.put(dir, "init-failed-" + Marks.pid(), Marks.pid());
            throw new IllegalStateException("initializer refused in " + Marks.pid());
        }
        Thread.sleep(200);
        InitState.doneNanos = System.nanoTime();
        Marks.put(dir, "init-" + Marks.pid() + "-" + InitState.runs, Marks.pid());
    }

    /** What a task saw of its worker. */
    record Seen(int x, long pid, int initRuns, boolean initBeforeTask) implements Serializable {}

    static Seen look(int x) throws InterruptedException {
        Thread.sleep(2);
        return new Seen(x, ProcessHandle.current().pid(), InitState.runs,
                InitState.doneNanos != 0 && InitState.doneNanos < System.nanoTime());
    }


    private static Map<Long, Integer> initsPerPid(Marks marks) {
        Map<Long, Integer> inits = new HashMap<>();
        for (String name : marks.names("init-")) {
            if (!name.startsWith("init-failed-")) {
                inits.merge(Long.parseLong(marks.read(name)), 1, Integer::sum);
            }
        }
        return inits;
    }

    private static void assertEveryTaskRanAfterExactlyOneInit(List<Seen> seen, Marks marks) {
        Map<Long, Integer> inits = initsPerPid(marks);
        for (Seen s : seen) {
            assertEquals(1, s.initRuns(), "worker " + s.pid() + " ran its initializer " + s.initRuns() + " times");
            assertTrue(s.initBeforeTask(), "task " + s.x() + " ran before its worker's initializer finished");
            assertEquals(Integer.valueOf(1), inits.get(s.pid()), "initializer marks of worker " + s.pid());
        }
        inits.forEach((pid, n) -> assertEquals(1, n, "worker " + pid + " ran its initializer " + n + " times"));
    }

    @Test
    @Tag("G-POOL-10")
    void theInitializerRunsOncePerWorkerBeforeAnyTaskAndBeforeTheConstructorReturns() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            Pool pool = Pool.builder().processes(2).initializer(() -> slowInit(dir)).build();
            try {
                // No waiting: the constructor returned, so both workers have run the initializer.
                assertEquals(2, initsPerPid(marks).size(), "initializer marks when the constructor returned: "
                        + marks.names());
                List<Seen> seen = pool.map(PoolWorkerLifetimeTest::look, range(40), 1);
                assertEquals(range(40), seen.stream().map(Seen::x).collect(Collectors.toList()));
                assertEveryTaskRanAfterExactlyOneInit(seen, marks);
                assertTrue(initsPerPid(marks).keySet().containsAll(seen.stream().map(Seen::pid)
                        .collect(Collectors.toSet())));
            } finally {
                Pools.closeWithin(pool, Delays.CHILD);
            }
        }
    }

    @Test
    @Tag("G-POOL-10")
    void replacementWorkersRunTheInitializerOnceToo() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            Pool pool = Pool.builder().processes(2).maxTasksPerChild(2).initializer(() -> slowInit(dir)).build();
            try {
                List<Seen> seen = pool.map(PoolWorkerLifetimeTest::look, range(12), 1);
                assertEquals(range(12), seen.stream().map(Seen::x).collect(Collectors.toList()));
                assertTrue(seen.stream().map(Seen::pid).distinct().count() >= 3, "workers were replaced");
                assertEveryTaskRanAfterExactlyOneInit(seen, marks);
            } finally {
                Pools.closeWithin(pool, Delays.CHILD);
            }
        }
    }

    @Test
    @Tag("G-POOL-10")
    void aThrowingInitializerFailsCreationWithItsCauseAndLeavesNoProcess() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            marks.open("poison");
            CompletableFuture<Pool> building = CompletableFuture.supplyAsync(
                    () -> Pool.builder().processes(2).initializer(() -> slowInit(dir)).build());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> building.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
            ProcessException failure = assertInstanceOf(ProcessException.class, e.getCause());
            IllegalStateException cause = assertInstanceOf(IllegalStateException.class, failure.getCause(),
                    () -> "the initializer's exception is the cause: " + failure);
            assertTrue(cause.getMessage().startsWith("initializer refused in "), cause::getMessage);
            List<String> failed = marks.names("init-failed-");
            assertTrue(!failed.isEmpty(), "the initializer ran");
            for (String name : failed) {
                long pid = Long.parseLong(marks.read(name));
                assertTrue(Pids.hasExited(pid), "worker " + pid + " outlived the failed constructor");
            }
        }
    }

    static int halt(int x) {
        Runtime.getRuntime().halt(9);
        return x;
    }

    /** A one-worker pool whose replacement worker's initializer throws; returns that worker's pid. */
    private static long breakThroughAReplacement(Pool pool, Marks marks) {
        assertEquals(range(5), pool.map(x -> x, range(5)));
        marks.open("poison");
        assertThrows(WorkerDiedException.class, () -> pool.apply(PoolWorkerLifetimeTest::halt, 1));
        return Long.parseLong(marks.awaitMark(awaitName(marks, "init-failed-"), Delays.CHILD));
    }

    @Test
    @Tag("G-POOL-10")
    void aReplacementWhoseInitializerThrowsFailsLaterCallsWithThatCause() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            Pool pool = Pool.builder().processes(1).initializer(() -> slowInit(dir)).build();
            try {
                long replacement = breakThroughAReplacement(pool, marks);
                // Whether the next call is pending when the initializer fails or comes after it, it
                // fails with a ProcessException that carries the initializer's exception.
                for (int i = 0; i < 3; i++) {
                    Throwable failure = failureOf(() -> pool.mapAsync(x -> x, range(4), 1));
                    assertInstanceOf(ProcessException.class, failure, () -> "got " + Causes.text(failure));
                    assertTrue(Causes.text(failure).contains("initializer refused in " + replacement),
                            () -> Causes.text(failure));
                }
                await().atMost(Delays.SHORT).until(() -> Pids.hasExited(replacement));
            } finally {
                endQuietly(pool);
            }
        }
    }

    @Test
    @Tag("G-POOL-10")
    @Tag("G-POOL-12")
    void aPoolStoppedByAFailingReplacementInitializerClosesAndJoinsQuietly() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            Pool pool = Pool.builder().processes(1).initializer(() -> slowInit(dir)).build();
            try {
                long replacement = breakThroughAReplacement(pool, marks);
                await().atMost(Delays.SHORT).until(() -> Pids.hasExited(replacement));
                CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
                closing.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS); // the pool has stopped: close returns
                pool.join();
                assertThrows(IllegalStateException.class, () -> pool.map(x -> x, range(2)));
            } finally {
                endQuietly(pool);
            }
        }
    }

    @Test
    @Tag("G-POOL-10")
    void aPoolBrokenByAFailingReplacementInitializerCanBeJoinedWithoutClose() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            Pool pool = Pool.builder().processes(1).initializer(() -> slowInit(dir)).build();
            try {
                long replacement = breakThroughAReplacement(pool, marks);
                // The mark is left before the initializer throws: the pool is broken only once the
                // parent has read the failure, which a call failing with it proves.
                Throwable failure = failureOf(() -> pool.mapAsync(x -> x, range(1), 1));
                assertTrue(Causes.text(failure).contains("initializer refused in " + replacement),
                        () -> Causes.text(failure));
                // The pool terminated by itself (G-POOL-10): join() waits for that end rather than
                // call the pool still running.
                CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> {
                    try {
                        pool.join();
                    } catch (InterruptedException e) {
                        throw new CompletionException(e);
                    }
                });
                joined.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                endQuietly(pool);
            }
        }
    }

    /** Ends a pool whatever state a failed assertion left it in, without hiding that failure. */
    private static void endQuietly(Pool pool) {
        try {
            pool.terminate();
        } catch (RuntimeException ignored) {
            // The assertion that failed says what went wrong; the leak check catches any survivor.
        }
    }

    private static String awaitName(Marks marks, String prefix) {
        await().atMost(Delays.CHILD).until(() -> !marks.names(prefix).isEmpty());
        return marks.names(prefix).get(0);
    }

    /** The failure of a call: thrown at submission, or its future's, within the bound. */
    private static Throwable failureOf(Supplier<CompletableFuture<?>> call) throws Exception {
        CompletableFuture<?> f;
        try {
            f = call.get();
        } catch (RuntimeException thrown) {
            return thrown;
        }
        try {
            Object got = f.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("a call on a pool whose initializer fails succeeded: " + got);
        } catch (TimeoutException hang) {
            throw new AssertionError("a call on a pool whose initializer fails hangs");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    // ---- maxTasksPerChild (G-POOL-11) ----------------------------------------------------------

    /** Leaves a mark per execution, then reports where it ran. */
    static long runMarked(int x, String dir) throws InterruptedException {
        Marks.put(dir, "run-" + x + "-" + Marks.pid() + "-" + System.nanoTime(), Marks.pid());
        Thread.sleep(1);
        return ProcessHandle.current().pid();
    }

    @Test
    @Tag("G-POOL-11")
    void noWorkerRunsMoreThanMaxTasksPerChildChunks() {
        Map<Integer, Pool> pools = new HashMap<>(); // one per k, reused across examples
        try {
            qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withExamples(30).withShrinkCycles(20)
                    .forAll(integers().between(1, 3), integers().between(1, 3), integers().between(1, 10))
                    .checkAssert((k, chunk, n) -> {
                        Pool pool = pools.computeIfAbsent(k,
                                m -> Pool.builder().processes(2).maxTasksPerChild(m).build());
                        try (Marks marks = Marks.create()) {
                            String dir = marks.dir();
                            List<Long> pids = pool.map(x -> runMarked(x, dir), range(n), chunk);
                            assertMaxChunksPerWorker(k, chunk, pids, marks);
                        }
                    });
        } finally {
            pools.values().forEach(p -> Pools.closeWithin(p, Delays.CHILD));
        }
    }

    /**
     * Chunks per worker, counted twice: from the results (who answered) and from the marks the
     * workers left (who executed: a run whose result was discarded counts too). Every task must
     * have been executed exactly once.
     */
    private static void assertMaxChunksPerWorker(int k, int chunk, List<Long> pids, Marks marks) {
        Map<Long, Set<Integer>> answered = new HashMap<>();
        for (int x = 0; x < pids.size(); x++) {
            answered.computeIfAbsent(pids.get(x), p -> new TreeSet<>()).add(x / chunk);
        }
        answered.forEach((pid, chunks) -> assertTrue(chunks.size() <= k,
                "worker " + pid + " answered chunks " + chunks + " (max " + k + " per worker)"));
        Map<Long, Set<Integer>> executed = new HashMap<>();
        Map<Integer, Integer> runsPerTask = new HashMap<>();
        for (String name : marks.names("run-")) {
            String[] parts = name.split("-"); // run-<task>-<pid>-<nanos>
            int x = Integer.parseInt(parts[1]);
            executed.computeIfAbsent(Long.parseLong(parts[2]), p -> new TreeSet<>()).add(x / chunk);
            runsPerTask.merge(x, 1, Integer::sum);
        }
        executed.forEach((pid, chunks) -> assertTrue(chunks.size() <= k,
                "worker " + pid + " executed chunks " + chunks + " (max " + k + " per worker)"));
        runsPerTask.forEach((x, runs) -> assertEquals(1, runs, "task " + x + " ran " + runs + " times"));
    }

    @Test
    @Tag("G-POOL-11")
    void maxTasksPerChildOneGivesEveryChunkAFreshWorker() {
        Pool pool = Pool.builder().processes(2).maxTasksPerChild(1).build();
        try {
            List<Long> pids = pool.map(PoolWorkerLifetimeTest::pidOf, range(4), 1);
            assertEquals(4, pids.stream().distinct().count(), "pids: " + pids);
            List<Integer> xs = range(7);
            assertEquals(xs.stream().map(x -> x * 5).collect(Collectors.toList()), pool.map(x -> x * 5, xs, 4));
        } finally {
            Pools.closeWithin(pool, Delays.CHILD);
        }
    }

    static long pidOf(int x) throws InterruptedException {
        Thread.sleep(2);
        return ProcessHandle.current().pid();
    }
}
