package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pool;
import org.mproc.RemoteTraceback;
import org.mproc.TaskFailedException;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Futures;
import org.mproc.testkit.SharedPool;

/**
 * G-POOL-6 for exceptions, with G-POOL-3's promise that a task's exception fails only its task: an
 * exception that cannot be serialized (a field that is not, a graph too deep to write) or that the
 * parent cannot read (its {@code readObject} throws, an {@link Error} included) arrives as a
 * {@link RemoteTraceback} with its class name, message and frames; one whose {@code getMessage} or
 * {@code toString} throws still fails just its task. Never a hang, never a lost worker. Tests that
 * could wedge a pool use their own and terminate it.
 */
class PoolExceptionsThatCannotTravelTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);


    private static boolean isLiveWorker(long pid) {
        return ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid && p.isAlive());
    }

    private static void assertAnswers(Pool p) {
        assertEquals(range(23), p.map(x -> x, range(23), 4), "the pool stays usable");
    }

    private static TaskFailedException taskFailure(CompletableFuture<?> call) throws InterruptedException {
        Throwable failure = Futures.failureOf(call, Delays.SHORT);
        return assertInstanceOf(TaskFailedException.class, failure, () -> "got " + Causes.text(failure));
    }

    private static void assertRemoteTraceback(TaskFailedException e, Class<?> remote, String message, String method) {
        RemoteTraceback stand = assertInstanceOf(RemoteTraceback.class, e.getCause());
        assertEquals(remote.getName(), stand.remoteClassName());
        assertEquals(message, stand.remoteMessage());
        assertTrue(stand.getMessage().contains(remote.getName()) && stand.getMessage().contains(message), stand::getMessage);
        assertTrue(Arrays.stream(stand.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method)),
                () -> "the remote frames show " + method + ": " + Arrays.toString(stand.getStackTrace()));
    }

    // ---- cannot be serialized in the worker ------------------------------------------------------

    /** One of its fields is not serializable. */
    static final class UnserializableFieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unused")
        private final Object lock = new Object();

        UnserializableFieldException(String message) {
            super(message);
        }
    }

    static int throwUnserializable(int x) {
        if (x == 3) {
            throw new UnserializableFieldException("cannot travel " + x);
        }
        return x;
    }

    @Test
    @Tag("G-POOL-6")
    void anExceptionThatCannotBeSerializedArrivesAsARemoteTraceback() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> POOL.get().map(PoolExceptionsThatCannotTravelTest::throwUnserializable, range(8), 2));
        assertEquals(3, e.taskIndex());
        assertRemoteTraceback(e, UnserializableFieldException.class, "cannot travel 3", "throwUnserializable");
        assertAnswers(POOL.get());
    }

    /** A chain of records far deeper than JDK serialization can write on a thread's stack. */
    record Link(int value, Link next) implements Serializable {
        static Link chain(int length) {
            Link head = null;
            for (int i = 0; i < length; i++) {
                head = new Link(i, head);
            }
            return head;
        }
    }

    /** Writing it overflows the worker's stack. */
    static final class DeepException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unused")
        private final Link chain;

        DeepException(String message, Link chain) {
            super(message);
            this.chain = chain;
        }
    }

    static int throwDeep(int x) {
        if (x == 1) {
            throw new DeepException("too deep to travel", Link.chain(200_000));
        }
        return x;
    }

    @Test
    @Tag("G-POOL-6")
    void anExceptionTooDeepToSerializeArrivesAsARemoteTraceback() throws Exception {
        TaskFailedException e = taskFailure(POOL.get().mapAsync(PoolExceptionsThatCannotTravelTest::throwDeep, range(3), 1));
        assertEquals(1, e.taskIndex());
        assertRemoteTraceback(e, DeepException.class, "too deep to travel", "throwDeep");
        assertTrue(isLiveWorker(e.workerPid()), "the worker lives on");
        assertAnswers(POOL.get());
    }

    // ---- cannot be read in the parent --------------------------------------------------------------

    /** Its readObject refuses, with an IOException. */
    static final class UnreadableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("UnreadableException refuses to be read");
        }
    }

    static int throwUnreadable(int x) {
        if (x == 4) {
            throw new UnreadableException("cannot be read " + x);
        }
        return x;
    }

    @Test
    @Tag("G-POOL-6")
    void anExceptionThatCannotBeReadInTheParentArrivesAsARemoteTraceback() {
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> POOL.get().map(PoolExceptionsThatCannotTravelTest::throwUnreadable, range(8), 3));
        assertEquals(4, e.taskIndex());
        assertRemoteTraceback(e, UnreadableException.class, "cannot be read 4", "throwUnreadable");
        assertAnswers(POOL.get());
    }

    /** Its readObject fails with an Error, as a failed {@code assert} does under {@code -ea}. */
    static final class ErrorOnReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ErrorOnReadException(String message) {
            super(message);
        }

        private void readObject(ObjectInputStream in) {
            throw new AssertionError("ErrorOnReadException's invariant does not hold here");
        }
    }

    static int throwErrorOnRead(int x) {
        if (x == 1) {
            throw new ErrorOnReadException("read me if you can " + x);
        }
        return x;
    }

    @Test
    @Tag("G-POOL-6")
    void anExceptionWhoseReadObjectThrowsAnErrorArrivesAsARemoteTraceback() throws Exception {
        Pool own = new Pool(1);
        try {
            TaskFailedException e = taskFailure(own.mapAsync(PoolExceptionsThatCannotTravelTest::throwErrorOnRead, range(4), 1));
            assertEquals(1, e.taskIndex());
            assertRemoteTraceback(e, ErrorOnReadException.class, "read me if you can 1", "throwErrorOnRead");
            assertAnswers(own);
        } finally {
            own.terminate();
        }
    }

    // ---- misbehaving methods -----------------------------------------------------------------------

    /** Its getMessage() throws, as a careless override with a null field does. */
    static final class BrokenMessageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String detail = null;

        @Override
        public String getMessage() {
            return detail.trim();
        }
    }

    static int throwBrokenMessage(int x) {
        if (x == 2) {
            throw new BrokenMessageException();
        }
        return x;
    }

    @Test
    @Tag("G-POOL-3")
    @Tag("G-POOL-6")
    void anExceptionWhoseGetMessageThrowsFailsOnlyItsTask() throws Exception {
        Pool own = new Pool(1);
        try {
            TaskFailedException e = taskFailure(own.mapAsync(PoolExceptionsThatCannotTravelTest::throwBrokenMessage, range(5), 1));
            assertEquals(2, e.taskIndex());
            Throwable cause = e.getCause();
            assertTrue(cause instanceof BrokenMessageException || (cause instanceof RemoteTraceback
                    && ((RemoteTraceback) cause).remoteClassName().equals(BrokenMessageException.class.getName())),
                    () -> "cause: " + cause.getClass());
            assertTrue(isLiveWorker(e.workerPid()), "the worker lives on");
            assertAnswers(own);
        } finally {
            own.terminate();
        }
    }

    /** Its toString() throws. */
    static final class BrokenToStringException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokenToStringException(String message) {
            super(message);
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString refuses");
        }
    }

    static int throwBrokenToString(int x) {
        if (x == 2) {
            throw new BrokenToStringException("task " + x);
        }
        return x;
    }

    @Test
    @Tag("G-POOL-3")
    @Tag("G-POOL-6")
    void anExceptionWhoseToStringThrowsFailsOnlyItsTask() throws Exception {
        Pool own = new Pool(1);
        try {
            TaskFailedException e = taskFailure(own.mapAsync(PoolExceptionsThatCannotTravelTest::throwBrokenToString, range(5), 1));
            assertEquals(2, e.taskIndex());
            assertTrue(e.getMessage().contains(BrokenToStringException.class.getName()), e::getMessage);
            assertTrue(isLiveWorker(e.workerPid()), "the worker lives on");
            assertAnswers(own);
        } finally {
            own.terminate();
        }
    }
}
