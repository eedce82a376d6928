package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessTask;
import org.mproc.RemoteTraceback;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.Sleepers;

/**
 * G-PROC-3: after the child exits, {@code failure()} is its uncaught exception with the same class,
 * message and the child's own stack frames — or a {@link RemoteTraceback} stand-in when the
 * exception could not travel.
 */
@Tag("G-PROC-3")
class ChildProcessFailureTest {

    static final class CustomFailure extends Exception {
        private static final long serialVersionUID = 1L;

        final int code;

        CustomFailure(String message, int code) {
            super(message);
            this.code = code;
        }
    }

    /** Serializable by its type, but carries a field that is not: it cannot travel as itself. */
    static final class UnserializableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient Object fine = new Object();
        final Object notFine = new Object();

        UnserializableFailure(String message) {
            super(message);
        }
    }

    /** Travels, but refuses to be read back in the parent. */
    static final class UnreadableFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableFailure(String message) {
            super(message);
        }

        private void readObject(ObjectInputStream in) throws IOException {
            throw new IOException("refusing to be deserialized");
        }
    }

    static void throwCustom() throws CustomFailure {
        throw new CustomFailure("custom ü ☃", 42);
    }

    static void throwWrapped() {
        throw new IllegalStateException("outer", new IOException("inner"));
    }

    static void throwUnserializable() {
        throw new UnserializableFailure("cannot travel");
    }

    static void throwUnreadable() {
        throw new UnreadableFailure("cannot be read");
    }

    private static Throwable failureOf(ProcessTask task) throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("failing").target(task)
                    .output(line -> { }).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(1), p.exitCode());
            return p.failure().orElseThrow(() -> new AssertionError("no failure() after exit code 1"));
        }
    }

    private static boolean hasFrame(Throwable t, String method) {
        return Arrays.stream(t.getStackTrace()).anyMatch(e -> e.getMethodName().equals(method)
                && e.getClassName().equals(ChildProcessFailureTest.class.getName()));
    }

    @Test
    void failureHasTheSameClassMessageFieldsAndChildFrames() throws Exception {
        Throwable failure = failureOf(ChildProcessFailureTest::throwCustom);
        CustomFailure custom = assertInstanceOf(CustomFailure.class, failure);
        assertEquals("custom ü ☃", custom.getMessage());
        assertEquals(42, custom.code);
        assertTrue(hasFrame(custom, "throwCustom"), () -> Arrays.toString(custom.getStackTrace()));
        assertTrue(Arrays.stream(custom.getStackTrace())
                .anyMatch(e -> e.getClassName().equals("org.mproc.internal.spawn.WorkerMain")),
                "the frames are the child's, down to its entry point");
    }

    @Test
    void causesTravelWithTheFailure() throws Exception {
        Throwable failure = failureOf(ChildProcessFailureTest::throwWrapped);
        assertInstanceOf(IllegalStateException.class, failure);
        assertEquals("outer", failure.getMessage());
        IOException cause = assertInstanceOf(IOException.class, failure.getCause());
        assertEquals("inner", cause.getMessage());
    }

    @Test
    void anExceptionThatCannotBeSerializedArrivesAsRemoteTraceback() throws Exception {
        Throwable failure = failureOf(ChildProcessFailureTest::throwUnserializable);
        RemoteTraceback stand = assertInstanceOf(RemoteTraceback.class, failure);
        assertEquals(UnserializableFailure.class.getName(), stand.remoteClassName());
        assertEquals("cannot travel", stand.remoteMessage());
        assertTrue(hasFrame(stand, "throwUnserializable"), () -> Arrays.toString(stand.getStackTrace()));
    }

    @Test
    void anExceptionThatCannotBeReadHereArrivesAsRemoteTraceback() throws Exception {
        Throwable failure = failureOf(ChildProcessFailureTest::throwUnreadable);
        RemoteTraceback stand = assertInstanceOf(RemoteTraceback.class, failure);
        assertEquals(UnreadableFailure.class.getName(), stand.remoteClassName());
        assertEquals("cannot be read", stand.remoteMessage());
        assertTrue(hasFrame(stand, "throwUnreadable"));
    }

    @Test
    void noFailureAfterANormalExitOrASignal() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess ok = reaper.start(new ChildProcess("ok", () -> { }));
            ChildProcess exits = reaper.start(new ChildProcess("exits", () -> System.exit(3)));
            ChildProcess killed = reaper.start(ChildProcess.builder().name("killed")
                    .target(Sleepers::announceAndSleep).output(line -> { }).build());
            killed.kill();
            for (ChildProcess p : new ChildProcess[] {ok, exits, killed}) {
                Reaper.joinWithin(p, Delays.CHILD);
                assertEquals(Optional.empty(), p.failure(), p.toString());
            }
        }
    }
}
