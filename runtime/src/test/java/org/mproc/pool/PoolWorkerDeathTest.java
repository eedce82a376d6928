package org.mproc.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mproc.testkit.Pools.range;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.WorkerDiedException;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.Pids;
import org.mproc.testkit.Pools;

/**
 * G-POOL-5: a worker that dies while running a task of a long {@code map} — SIGKILL from outside,
 * {@code System.exit}, {@code Runtime.halt}, {@link OutOfMemoryError} — fails that call with
 * {@link WorkerDiedException} (pid, exit code, task range) within the bound, never a hang; the
 * dead worker is gone, a replacement takes over and the pool answers correctly. The point of death
 * is a generated task index of the map. One pool per way of dying, reused across its examples.
 */
@Tag("G-POOL-5")
class PoolWorkerDeathTest {
    private static final int TASKS = 40;
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(3));
    /** From the moment the dying task announced itself to the call's failure (G-POOL-5 says 1 s). */
    private static final Duration DEATH_SEEN = Delays.SHORT;

    private Pool pool;
    private final Set<Long> pidsSeen = new HashSet<>();

    @BeforeEach
    void startPool() {
        // A small heap whatever the tree options say: the OOM task must fail fast, not fill the box.
        pool = Pool.builder().processes(2).jvmOptions(List.of("-Xmx64m")).build();
    }

    @AfterEach
    void stopPool() {
        pidsSeen.addAll(pids());
        Pools.closeWithin(pool, Delays.CHILD);
        for (long pid : pidsSeen) {
            await().atMost(DEATH_SEEN).until(() -> Pids.hasExited(pid));
        }
    }

    /** How the victim task dies. */
    enum Way { KILLED, INTERRUPTED, EXIT, HALT, OOM }

    static final int EXIT_STATUS = 42;
    static final int HALT_STATUS = 77;

    /**
     * Task {@code x} of the long map: sleeps a little, except task {@code victim}, which announces its
     * pid and dies the given way (KILLED: waits to be killed by the test).
     */
    static long task(int x, int victim, String way, String dir) throws InterruptedException {
        if (x != victim) {
            Thread.sleep(3);
            return ProcessHandle.current().pid();
        }
        Marks.put(dir, "victim", Marks.pid());
        switch (Way.valueOf(way)) {
            case KILLED:
            case INTERRUPTED:
                Thread.sleep(60_000);
                break;
            case EXIT:
                System.exit(EXIT_STATUS);
                break;
            case HALT:
                Runtime.getRuntime().halt(HALT_STATUS);
                break;
            case OOM:
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            default:
                throw new AssertionError(way);
        }
        return -1;
    }


    static long pidOf(int x) throws InterruptedException {
        Thread.sleep(2);
        return ProcessHandle.current().pid();
    }

    /** The pids of the workers that answer a small map (with chunk size 1 every worker gets some). */
    private List<Long> pids() {
        return pool.map(PoolWorkerDeathTest::pidOf, range(4 * pool.processes()), 1).stream().distinct()
                .collect(Collectors.toList());
    }

    private void dieAtGeneratedPoints(Way way) {
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withExamples(4).withShrinkCycles(3)
                .forAll(integers().between(0, TASKS - 1), integers().between(1, 4))
                .checkAssert((victim, chunk) -> {
                    try {
                        dieOnce(way, victim, chunk);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private void dieOnce(Way way, int victim, int chunk) throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            String name = way.name();
            CompletableFuture<List<Long>> call = pool.mapAsync(x -> task(x, victim, name, dir), range(TASKS), chunk);
            long pid = Long.parseLong(marks.awaitMark("victim", Delays.CHILD));
            pidsSeen.add(pid);
            if (way == Way.KILLED || way == Way.INTERRUPTED) {
                ProcessHandle victimProcess = ProcessHandle.of(pid).orElseThrow();
                assertTrue(victimProcess.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false),
                        "only kill our own workers");
                if (way == Way.KILLED) {
                    victimProcess.destroyForcibly();
                } else {
                    assertEquals(0, new ProcessBuilder("kill", "-s", "INT", Long.toString(pid)).inheritIO().start()
                            .waitFor());
                }
            }
            WorkerDiedException died = awaitDeath(call);
            assertEquals(pid, died.pid(), died::getMessage);
            assertTrue(died.firstTaskIndex() <= victim && victim <= died.lastTaskIndex(),
                    "task " + victim + " is in " + died.firstTaskIndex() + "–" + died.lastTaskIndex());
            assertTrue(died.lastTaskIndex() - died.firstTaskIndex() < chunk, "the range is one chunk");
            switch (way) {
                case KILLED:
                    assertEquals(OptionalInt.of(-9), died.exitCode(), died::getMessage);
                    break;
                case INTERRUPTED:
                    assertEquals(OptionalInt.of(-2), died.exitCode(), died::getMessage);
                    break;
                case EXIT:
                    assertEquals(OptionalInt.of(EXIT_STATUS), died.exitCode(), died::getMessage);
                    break;
                case HALT:
                    assertEquals(OptionalInt.of(HALT_STATUS), died.exitCode(), died::getMessage);
                    break;
                case OOM:
                    break; // the exit code is the JVM's choice (3 with ExitOnOutOfMemoryError)
                default:
                    throw new AssertionError(way);
            }
            assertEquals(way == Way.OOM, died.outOfMemory(), died::getMessage);
            await().atMost(DEATH_SEEN).until(() -> Pids.hasExited(pid));
            // The pool answers correctly, on a replacement.
            List<Integer> xs = range(30);
            assertEquals(xs.stream().map(x -> x * x).collect(Collectors.toList()), pool.map(x -> x * x, xs, 3));
            List<Long> now = pids();
            assertFalse(now.contains(pid), "the dead worker " + pid + " still answers: " + now);
            pidsSeen.addAll(now);
        }
    }

    @Test
    @Tag("G-PROC-12")
    void anOutOfMemoryDeathIsNamedInTheFailure() throws Exception {
        // The worker runs with -XX:+ExitOnOutOfMemoryError: it dies at once with status 3 and
        // HotSpot's line, which the pool turns into the WorkerDiedException's cause.
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<List<Long>> call = pool.mapAsync(x -> task(x, 0, Way.OOM.name(), dir), range(1), 1);
            pidsSeen.add(Long.parseLong(marks.awaitMark("victim", Delays.CHILD)));
            WorkerDiedException died = awaitDeath(call);
            assertTrue(died.outOfMemory(), () -> "not reported as out of memory: " + Causes.text(died));
            OutOfMemoryError cause = assertInstanceOf(OutOfMemoryError.class, died.getCause(), () -> Causes.text(died));
            assertEquals("Java heap space", cause.getMessage());
            assertTrue(died.getMessage().contains("out of memory"), died::getMessage);
            assertEquals(OptionalInt.of(3), died.exitCode(), died::getMessage);
            assertEquals(range(10), pool.map(x -> x, range(10), 2), "the pool stays usable");
        }
    }

    static long exitThree(int x, String dir) {
        Marks.put(dir, "victim", Marks.pid());
        System.exit(3);
        return x;
    }

    @Test
    @Tag("G-PROC-12")
    void aTaskThatCallsSystemExitThreeIsNotTakenForOutOfMemory() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<List<Long>> call = pool.mapAsync(x -> exitThree(x, dir), range(1), 1);
            pidsSeen.add(Long.parseLong(marks.awaitMark("victim", Delays.CHILD)));
            WorkerDiedException died = awaitDeath(call);
            assertEquals(OptionalInt.of(3), died.exitCode(), died::getMessage);
            assertFalse(died.outOfMemory(), died::getMessage);
            assertEquals(null, died.getCause(), died::getMessage);
            assertFalse(died.getMessage().contains("out of memory"), died::getMessage);
            assertEquals(range(10), pool.map(x -> x, range(10), 2), "the pool stays usable");
        }
    }

    private static WorkerDiedException awaitDeath(CompletableFuture<List<Long>> call) throws InterruptedException {
        try {
            List<Long> got = call.get(DEATH_SEEN.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the map survived its worker's death: " + got);
        } catch (TimeoutException hang) {
            throw new AssertionError("no failure within " + DEATH_SEEN + " of the worker's death: a hang");
        } catch (ExecutionException e) {
            return assertInstanceOf(WorkerDiedException.class, e.getCause(), () -> "got " + e.getCause());
        }
    }

    @Test
    void aWorkerKilledBySigkillFailsTheMap() {
        dieAtGeneratedPoints(Way.KILLED);
    }

    /**
     * A SIGINT's death is handled after a grace, in case this JVM got the same Ctrl-C (G-PROC-11);
     * sent to the worker alone it is still a death, seen within the bound.
     */
    @Test
    void aWorkerKilledBySigintAloneFailsTheMap() {
        dieAtGeneratedPoints(Way.INTERRUPTED);
    }

    @Test
    void aWorkerThatCallsSystemExitFailsTheMap() {
        dieAtGeneratedPoints(Way.EXIT);
    }

    @Test
    void aWorkerThatHaltsFailsTheMap() {
        dieAtGeneratedPoints(Way.HALT);
    }

    @Test
    void aWorkerThatRunsOutOfMemoryFailsTheMap() {
        dieAtGeneratedPoints(Way.OOM);
    }

    @Test
    void bothWorkersDyingAtOnceStillFailsTheCallAndThePoolRecovers() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            // Chunk size 1 and tasks that wait: each worker announces the task it runs, then is killed.
            CompletableFuture<List<Long>> call = pool.mapAsync(x -> announceAndWait(x, dir), range(8), 1);
            await().atMost(Delays.CHILD).until(() -> marks.names("running-").size() >= 2);
            List<Long> victims = marks.names("running-").stream().map(marks::read).map(Long::parseLong).distinct()
                    .collect(Collectors.toList());
            assertEquals(2, victims.size(), "both workers run a task");
            for (long pid : victims) {
                pidsSeen.add(pid);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            assertInstanceOf(WorkerDiedException.class, awaitDeathOrFail(call));
            for (long pid : victims) {
                await().atMost(DEATH_SEEN).until(() -> Pids.hasExited(pid));
            }
            assertEquals(range(20), pool.map(x -> x, range(20), 2));
        }
    }

    @Test
    void onlyTheCallWhoseTaskWasRunningFailsOthersHeldByTheWorkerAreRunElsewhere() throws Exception {
        // DESIGN.md: the dead worker's unstarted prefetched chunks are re-dispatched.
        Pool one = Pool.builder().processes(1).jvmOptions(List.of("-Xmx64m")).build();
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            CompletableFuture<Long> running = one.applyAsync(x -> announceAndWait(x, dir), 0);
            CompletableFuture<Long> held = one.applyAsync(PoolWorkerDeathTest::pidOf, 1);
            CompletableFuture<List<Long>> queued = one.mapAsync(PoolWorkerDeathTest::pidOf, range(5), 1);
            long victim = Long.parseLong(marks.awaitMark("running-0", Delays.CHILD));
            pidsSeen.add(victim);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            assertInstanceOf(WorkerDiedException.class, awaitDeathOrFail(running));
            long replacement = held.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(replacement != victim, "the held call ran on the replacement");
            assertEquals(List.of(replacement), queued.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS)
                    .stream().distinct().collect(Collectors.toList()));
            pidsSeen.add(replacement);
        } finally {
            Pools.closeWithin(one, Delays.CHILD);
        }
    }

    @Test
    void anIdleWorkerThatDiesIsReplaced() {
        List<Long> before = pids();
        assertEquals(2, before.size());
        long victim = before.get(0);
        pidsSeen.add(victim);
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(DEATH_SEEN).until(() -> Pids.hasExited(victim));
        // The pool gets back to two workers, without the dead one.
        await().atMost(Delays.CHILD).until(() -> {
            List<Long> now = pids();
            return now.size() == 2 && !now.contains(victim);
        });
        assertEquals(range(30), pool.map(x -> x, range(30), 4));
    }

    static long announceAndWait(int x, String dir) throws InterruptedException {
        Marks.put(dir, "running-" + x, Marks.pid());
        Thread.sleep(60_000);
        return x;
    }

    private static Throwable awaitDeathOrFail(CompletableFuture<?> call) throws InterruptedException {
        try {
            call.get(DEATH_SEEN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hang) {
            fail("no failure within " + DEATH_SEEN + " of the workers' death: a hang");
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("the call survived its workers' death");
    }
}
