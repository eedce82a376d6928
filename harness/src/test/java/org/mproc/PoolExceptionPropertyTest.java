package org.mproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.Pools;
import org.quicktheories.core.Gen;

/**
 * G-POOL-3, -4 and -6: a task that throws fails its call with {@link TaskFailedException} carrying
 * the original (class, message, remote frames) and naming the task and worker; with several
 * failing tasks the call fails with one of them; the call fails as soon as one task failed,
 * without waiting for slow chunks, drops its pending chunks and kills no worker; what cannot travel
 * (an unserializable result, an exception the parent cannot read) becomes a clear error, and the
 * pool stays usable throughout.
 */
class PoolExceptionPropertyTest {
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(3));
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stopPool() {
        Pools.closeWithin(pool, Delays.CHILD);
    }

    // ---- task exceptions at generated positions (G-POOL-3, -4) ---------------------------------

    /** A checked exception of our own. */
    static final class TaskCheckedException extends Exception {
        TaskCheckedException(String message) {
            super(message);
        }
    }

    /** The exception a task of each kind throws; kind 0 returns normally. */
    private static final List<Class<? extends Throwable>> KINDS = List.of(IllegalArgumentException.class,
            TaskCheckedException.class, UnsupportedOperationException.class, AssertionError.class);

    /** job = {index, kind}: kind 0 returns {@code index * 3}, kind k > 0 throws the k-th exception. */
    static int explode(int[] job) throws Exception {
        String message = "bad task " + job[0];
        switch (job[1]) {
            case 0: return job[0] * 3;
            case 1: throw new IllegalArgumentException(message);
            case 2: throw new TaskCheckedException(message);
            case 3: throw new UnsupportedOperationException(message);
            default: throw new AssertionError(message);
        }
    }

    private static List<int[]> jobs(List<Integer> kinds) {
        return IntStream.range(0, kinds.size()).mapToObj(i -> new int[] {i, kinds.get(i)}).collect(Collectors.toList());
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    private static boolean isDescendant(long pid) {
        return ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid && p.isAlive());
    }

    private static void assertPoolAnswers() {
        List<Integer> xs = range(23);
        assertEquals(xs.stream().map(x -> x * 3).collect(Collectors.toList()),
                pool.map(x -> explode(new int[] {x, 0}), xs, 4), "the pool stays usable");
    }

    @Test
    @Tag("G-POOL-3")
    @Tag("G-POOL-4")
    void failingTasksAtGeneratedPositionsFailTheCallWithOneOfThem() {
        // Mostly kind 0; at least one task fails, often several.
        Gen<Integer> kinds = integers().between(0, 9).map(k -> k < 6 ? 0 : k - 5);
        Gen<List<Integer>> lists = lists().of(kinds).ofSizeBetween(1, 60).assuming(ks -> ks.stream().anyMatch(k -> k > 0));
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(lists, integers().between(1, 9))
                .checkAssert((ks, chunk) -> {
                    Set<Integer> failing = IntStream.range(0, ks.size()).filter(i -> ks.get(i) > 0).boxed()
                            .collect(Collectors.toCollection(TreeSet::new));
                    TaskFailedException e = assertThrows(TaskFailedException.class,
                            () -> pool.map(PoolExceptionPropertyTest::explode, jobs(ks), chunk));
                    int index = e.taskIndex();
                    assertTrue(failing.contains(index), "task " + index + " is not one of the failing " + failing);
                    Throwable cause = e.getCause();
                    assertEquals(KINDS.get(ks.get(index) - 1), cause.getClass(), "the task's exception class");
                    assertEquals("bad task " + index, cause.getMessage());
                    assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getMethodName().equals("explode")
                            && f.getClassName().equals(PoolExceptionPropertyTest.class.getName())),
                            "the remote stack trace shows the task's frame");
                    assertTrue(isDescendant(e.workerPid()), "worker " + e.workerPid() + " is a live worker of ours");
                    assertTrue(e.getMessage().contains("task " + index) && e.getMessage().contains(Long.toString(e.workerPid())),
                            e::getMessage);
                });
        assertPoolAnswers();
    }

    @Test
    @Tag("G-POOL-3")
    void applyAndApplyAsyncFailTheSameWay() throws Exception {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.apply(PoolExceptionPropertyTest::explode, new int[] {0, 2}));
        assertEquals(0, e.taskIndex());
        assertInstanceOf(TaskCheckedException.class, e.getCause());
        CompletableFuture<Integer> f = pool.applyAsync(PoolExceptionPropertyTest::explode, new int[] {7, 1});
        ExecutionException wrapped = assertThrows(ExecutionException.class,
                () -> f.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
        TaskFailedException inner = assertInstanceOf(TaskFailedException.class, wrapped.getCause());
        assertInstanceOf(IllegalArgumentException.class, inner.getCause());
        assertEquals("bad task 7", inner.getCause().getMessage());
        assertPoolAnswers();
    }

    // ---- StackOverflowError (G-POOL-3) --------------------------------------------------------

    static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    @Tag("G-POOL-3")
    void aStackOverflowFailsTheTaskAndTheWorkerLivesOn() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(PoolExceptionPropertyTest::recurse, List.of(0, 1, 2), 1));
        assertInstanceOf(StackOverflowError.class, e.getCause());
        assertTrue(Arrays.stream(e.getCause().getStackTrace()).anyMatch(f -> f.getMethodName().equals("recurse")));
        assertPoolAnswers();
        assertTrue(isDescendant(e.workerPid()), "the worker that overflowed its stack is still alive");
    }

    // ---- exceptions the parent cannot restore (G-POOL-6) --------------------------------------

    /** Serializing it fails in the worker: one of its fields is not serializable. */
    static final class UnserializableFieldException extends RuntimeException {
        @SuppressWarnings("unused")
        private final Object lock = new Object();

        UnserializableFieldException(String message) {
            super(message);
        }
    }

    /** Travels from the worker but refuses to be read in the parent. */
    static final class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message);
        }

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("UnreadableException refuses to be read");
        }
    }

    static int throwUnserializable(int x) {
        if (x == 3) {
            throw new UnserializableFieldException("cannot travel " + x);
        }
        return x;
    }

    static int throwUnreadable(int x) {
        if (x == 4) {
            throw new UnreadableException("cannot be read " + x);
        }
        return x;
    }

    @Test
    @Tag("G-POOL-6")
    void anExceptionThatCannotBeSerializedArrivesAsARemoteTraceback() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(PoolExceptionPropertyTest::throwUnserializable, range(8), 2));
        assertEquals(3, e.taskIndex());
        assertRemoteTraceback(e, UnserializableFieldException.class, "cannot travel 3", "throwUnserializable");
        assertPoolAnswers();
    }

    @Test
    @Tag("G-POOL-6")
    void anExceptionThatCannotBeReadInTheParentArrivesAsARemoteTraceback() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(PoolExceptionPropertyTest::throwUnreadable, range(8), 3));
        assertEquals(4, e.taskIndex());
        assertRemoteTraceback(e, UnreadableException.class, "cannot be read 4", "throwUnreadable");
        assertPoolAnswers();
    }

    private static void assertRemoteTraceback(TaskFailedException e, Class<?> remote, String message, String method) {
        RemoteTraceback stand = assertInstanceOf(RemoteTraceback.class, e.getCause());
        assertEquals(remote.getName(), stand.remoteClassName());
        assertEquals(message, stand.remoteMessage());
        assertTrue(stand.getMessage().contains(remote.getName()) && stand.getMessage().contains(message), stand::getMessage);
        assertTrue(Arrays.stream(stand.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method)),
                () -> "the remote frames show " + method + ": " + Arrays.toString(stand.getStackTrace()));
    }

    // ---- results that cannot travel (G-POOL-6) ------------------------------------------------

    /** Not serializable at all. */
    static final class Opaque {
        final int value;

        Opaque(int value) {
            this.value = value;
        }
    }

    static Object opaqueAt(int[] job) {
        return job[0] == job[1] ? new Opaque(job[0]) : Integer.valueOf(job[0]);
    }

    @Test
    @Tag("G-POOL-6")
    void aResultThatCannotBeSerializedFailsItsTaskNamingTheClass() {
        // job = {index, bad}: the task at position bad returns an Opaque.
        Gen<int[]> shapes = integers().between(1, 40).flatMap(n -> integers().between(0, n - 1).map(bad -> new int[] {n, bad}));
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(shapes, integers().between(1, 7))
                .checkAssert((shape, chunk) -> {
                    List<int[]> jobs = IntStream.range(0, shape[0]).mapToObj(i -> new int[] {i, shape[1]})
                            .collect(Collectors.toList());
                    TaskFailedException e = assertThrows(TaskFailedException.class,
                            () -> pool.map(PoolExceptionPropertyTest::opaqueAt, jobs, chunk));
                    assertEquals(shape[1], e.taskIndex());
                    assertTrue(e.getMessage().contains(Opaque.class.getName()), e::getMessage);
                });
        assertPoolAnswers();
    }

    /** Serializes in the worker; the parent cannot read it back. */
    static final class UnreadableResult implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("UnreadableResult refuses to be read");
        }
    }

    static Object unreadableAt(int x) {
        return x == 5 ? new UnreadableResult() : Integer.valueOf(x);
    }

    @Test
    @Tag("G-POOL-6")
    void aResultThatTheParentCannotReadFailsTheCallInsteadOfHanging() throws Exception {
        // Its own pool: if the call hangs, close() would hang with it; terminate() does not.
        Pool own = new Pool(1);
        try {
            CompletableFuture<List<Object>> f = own.mapAsync(PoolExceptionPropertyTest::unreadableAt, range(10), 2);
            try {
                List<Object> got = f.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
                fail("a result the parent cannot read came back as " + got);
            } catch (TimeoutException hang) {
                fail("the call hangs when the parent cannot read a result (no answer within " + Delays.SHORT + ")");
            } catch (ExecutionException e) {
                ProcessException failure = assertInstanceOf(ProcessException.class, e.getCause());
                assertTrue(chainText(failure).contains(UnreadableResult.class.getName()), () -> chainText(failure));
            }
            assertEquals(range(6), own.map(x -> x, range(6), 1), "the pool stays usable");
        } finally {
            own.terminate();
        }
    }

    /** A chain of records far deeper than JDK serialization can write on a thread's stack. */
    record Link(int value, Link next) implements Serializable {}

    static Object deepAt(int x) {
        if (x != 2) {
            return x;
        }
        Link head = null;
        for (int i = 0; i < 200_000; i++) {
            head = new Link(i, head);
        }
        return head;
    }

    @Test
    @Tag("G-POOL-6")
    void aResultTooDeepToSerializeFailsItsTaskAndTheWorkerLivesOn() throws Exception {
        CompletableFuture<List<Object>> f = pool.mapAsync(PoolExceptionPropertyTest::deepAt, range(4), 1);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> f.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
        TaskFailedException failed = assertInstanceOf(TaskFailedException.class, e.getCause(),
                () -> "expected TaskFailedException, got " + e.getCause());
        assertEquals(2, failed.taskIndex());
        assertTrue(failed.getMessage().contains(Link.class.getName()), failed::getMessage);
        assertTrue(isDescendant(failed.workerPid()), "the worker lives on");
        assertPoolAnswers();
    }

    /** Its serialization overflows the worker's stack: it carries a chain too deep to write. */
    static final class DeepException extends RuntimeException {
        @SuppressWarnings("unused")
        private final Link chain;

        DeepException(String message, Link chain) {
            super(message);
            this.chain = chain;
        }
    }

    static int throwDeep(int x) {
        if (x != 1) {
            return x;
        }
        Link head = null;
        for (int i = 0; i < 200_000; i++) {
            head = new Link(i, head);
        }
        throw new DeepException("too deep to travel", head);
    }

    @Test
    @Tag("G-POOL-6")
    void anExceptionTooDeepToSerializeArrivesAsARemoteTraceback() throws Exception {
        CompletableFuture<List<Integer>> f = pool.mapAsync(PoolExceptionPropertyTest::throwDeep, range(3), 1);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> f.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
        TaskFailedException failed = assertInstanceOf(TaskFailedException.class, e.getCause(),
                () -> "expected TaskFailedException, got " + e.getCause());
        assertEquals(1, failed.taskIndex());
        assertRemoteTraceback(failed, DeepException.class, "too deep to travel", "throwDeep");
        assertTrue(isDescendant(failed.workerPid()), "the worker lives on");
        assertPoolAnswers();
    }

    private static String chainText(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            text.append(c).append('\n');
        }
        return text.toString();
    }

    // ---- failing fast (G-POOL-4) ----------------------------------------------------------------

    private static final long SLOW_MILLIS = Delays.scaled(Duration.ofSeconds(6)).toMillis();

    /** Task 0 is slow and leaves marks as it starts and ends; every other task fails at once. */
    static int slowOrFail(int x, String dir, long slowMillis) throws InterruptedException {
        if (x != 0) {
            throw new IllegalStateException("fails at once: " + x);
        }
        Marks.put(dir, "slow-started", Marks.pid());
        Thread.sleep(slowMillis);
        Marks.put(dir, "slow-ended", Marks.pid());
        return x;
    }

    @Test
    @Tag("G-POOL-4")
    void theCallFailsWithoutWaitingForARunningSlowChunkWhichStillFinishes() throws Exception {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            long slow = SLOW_MILLIS;
            long t0 = System.nanoTime();
            CompletableFuture<List<Integer>> f = pool.mapAsync(x -> slowOrFail(x, dir, slow), range(4), 1);
            Duration bound = Duration.ofMillis(SLOW_MILLIS / 2);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> f.get(bound.toMillis(), TimeUnit.MILLISECONDS),
                    "the call must fail well before the slow chunk (" + SLOW_MILLIS + " ms) ends");
            long failedAfter = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(TaskFailedException.class, e.getCause());
            assertTrue(((TaskFailedException) e.getCause()).taskIndex() > 0);
            long slowPid = Long.parseLong(marks.awaitMark("slow-started", Delays.SHORT));
            assertFalse(marks.has("slow-ended"), "failed after " + failedAfter + " ms, yet the slow chunk had ended");
            // The running chunk finishes (its worker is not killed), and its worker keeps serving.
            marks.awaitMark("slow-ended", Duration.ofMillis(SLOW_MILLIS).plus(Delays.CHILD));
            assertTrue(isDescendant(slowPid), "the worker that ran the slow chunk was not killed");
            assertPoolAnswers();
        }
    }

    /** Every task leaves a mark; task 0 fails at once. */
    static int markOrFail(int x, String dir) throws InterruptedException {
        if (x == 0) {
            throw new IllegalStateException("first task fails");
        }
        Marks.put(dir, "ran-" + x, Marks.pid());
        Thread.sleep(20);
        return x;
    }

    @Test
    @Tag("G-POOL-4")
    void aFailedCallsPendingChunksAreDropped() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            int tasks = 200;
            assertThrows(TaskFailedException.class, () -> pool.map(x -> markOrFail(x, dir), range(tasks), 1));
            // A later call queues behind whatever is still pending; once it is answered, the
            // failed call's leftovers have had their chance to run.
            assertPoolAnswers();
            List<String> ran = marks.names("ran-");
            int bound = 2 * pool.processes() * PoolEngine.PREFETCH;
            assertTrue(ran.size() <= bound, "after task 0 failed, " + ran.size() + " of its " + (tasks - 1)
                    + " sibling tasks still ran (at most " + bound + " may have been taken already)");
        }
    }

    @Test
    @Tag("G-POOL-4")
    void severalFailingChunksLeaveThePoolUsable() {
        List<Integer> ks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ks.add(i % 3 == 0 ? 1 + (i % 4) : 0);
        }
        for (int round = 0; round < 5; round++) {
            assertThrows(TaskFailedException.class, () -> pool.map(PoolExceptionPropertyTest::explode, jobs(ks), 2));
        }
        assertPoolAnswers();
    }
}
