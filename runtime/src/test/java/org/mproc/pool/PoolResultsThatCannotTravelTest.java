package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pool;
import org.mproc.ProcessException;
import org.mproc.TaskFailedException;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Futures;
import org.mproc.testkit.SharedPool;
import org.quicktheories.core.Gen;

/**
 * G-POOL-6 for results: a result that cannot be serialized (not {@code Serializable}, or too deep
 * to write) fails its task with {@link TaskFailedException} naming the class, at its generated
 * position, and the worker lives on; a result the parent cannot read (its {@code readObject}
 * throws, an {@link Error} included) fails the call naming the class. Never a hang. Tests that
 * could wedge a pool use their own and terminate it.
 */
class PoolResultsThatCannotTravelTest {
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(3));
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);


    private static void assertAnswers(Pool p) {
        assertEquals(range(23), p.map(x -> x, range(23), 4), "the pool stays usable");
    }

    // ---- cannot be serialized in the worker ------------------------------------------------------

    /** Not serializable at all. */
    static final class Opaque {
        final int value;

        Opaque(int value) {
            this.value = value;
        }
    }

    /** job = {index, bad}: the task at position bad returns an Opaque. */
    static Object opaqueAt(int[] job) {
        return job[0] == job[1] ? new Opaque(job[0]) : Integer.valueOf(job[0]);
    }

    @Test
    @Tag("G-POOL-6")
    void aResultThatCannotBeSerializedFailsItsTaskNamingTheClass() {
        Gen<int[]> shapes = integers().between(1, 40).flatMap(n -> integers().between(0, n - 1).map(bad -> new int[] {n, bad}));
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(shapes, integers().between(1, 7))
                .checkAssert((shape, chunk) -> {
                    List<int[]> jobs = IntStream.range(0, shape[0]).mapToObj(i -> new int[] {i, shape[1]})
                            .collect(Collectors.toList());
                    TaskFailedException e = assertThrows(TaskFailedException.class,
                            () -> POOL.get().map(PoolResultsThatCannotTravelTest::opaqueAt, jobs, chunk));
                    assertEquals(shape[1], e.taskIndex());
                    assertTrue(e.getMessage().contains(Opaque.class.getName()), e::getMessage);
                });
        assertAnswers(POOL.get());
    }

    /** A record that is not Serializable: the codec's record path refuses it as JDK serialization does. */
    record Unsendable(int value) {}

    static Object unsendableAt(int x) {
        return x == 4 ? new Unsendable(x) : new java.util.HashMap<>(java.util.Map.of("x", x));
    }

    @Test
    @Tag("G-POOL-6")
    void aRecordThatIsNotSerializableFailsItsTaskNamingTheClass() throws Exception {
        Throwable failure = Futures.failureOf(POOL.get().mapAsync(PoolResultsThatCannotTravelTest::unsendableAt,
                range(6), 3), Delays.CHILD);
        TaskFailedException e = assertInstanceOf(TaskFailedException.class, failure, () -> "got " + Causes.text(failure));
        assertEquals(4, e.taskIndex());
        assertTrue(e.getMessage().contains(Unsendable.class.getName()), e::getMessage);
        assertAnswers(POOL.get());
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
        Throwable failure = Futures.failureOf(POOL.get().mapAsync(PoolResultsThatCannotTravelTest::deepAt, range(4), 1), Delays.CHILD);
        TaskFailedException e = assertInstanceOf(TaskFailedException.class, failure, () -> "got " + Causes.text(failure));
        assertEquals(2, e.taskIndex());
        assertTrue(e.getMessage().contains(Link.class.getName()), e::getMessage);
        assertTrue(ProcessHandle.of(e.workerPid()).map(ProcessHandle::isAlive).orElse(false), "the worker lives on");
        assertAnswers(POOL.get());
    }

    // ---- cannot be read in the parent --------------------------------------------------------------

    /** Its readObject refuses, with an IOException. */
    static final class UnreadableResult implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("UnreadableResult refuses to be read");
        }
    }

    /** Its readObject fails with an Error, as a failed {@code assert} does under {@code -ea}. */
    static final class ErrorOnReadResult implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) {
            throw new AssertionError("ErrorOnReadResult's invariant does not hold here");
        }
    }

    static Object unreadableAt(int x) {
        return x == 5 ? new UnreadableResult() : Integer.valueOf(x);
    }

    static Object errorOnReadAt(int x) {
        return x == 3 ? new ErrorOnReadResult() : Integer.valueOf(x);
    }

    @Test
    @Tag("G-POOL-6")
    void aResultThatTheParentCannotReadFailsTheCallNamingTheClass() throws Exception {
        // Its own pool: if the call hangs, close() would hang with it; terminate() does not.
        Pool own = new Pool(1);
        try {
            Throwable failure = Futures.failureOf(own.mapAsync(PoolResultsThatCannotTravelTest::unreadableAt, range(10), 2),
                    Delays.SHORT);
            assertInstanceOf(ProcessException.class, failure, () -> "got " + Causes.text(failure));
            assertTrue(Causes.text(failure).contains(UnreadableResult.class.getName()), () -> Causes.text(failure));
            assertAnswers(own);
        } finally {
            own.terminate();
        }
    }

    @Test
    @Tag("G-POOL-6")
    void aResultWhoseReadObjectThrowsAnErrorFailsTheCallNamingTheClass() throws Exception {
        Pool own = new Pool(1);
        try {
            Throwable failure = Futures.failureOf(own.mapAsync(PoolResultsThatCannotTravelTest::errorOnReadAt, range(6), 2),
                    Delays.SHORT);
            assertInstanceOf(ProcessException.class, failure, () -> "got " + Causes.text(failure));
            assertTrue(Causes.text(failure).contains(ErrorOnReadResult.class.getName()),
                    () -> "the failure does not name the class: " + Causes.text(failure));
            assertAnswers(own);
        } finally {
            own.terminate();
        }
    }
}
