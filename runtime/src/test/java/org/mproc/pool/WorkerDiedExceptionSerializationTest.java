package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.WorkerDiedException;
import org.mproc.internal.wire.codec.Codec;

/**
 * G-POOL-5 with G-PROC-8: a {@link WorkerDiedException} raised in a child (a nested pool's worker
 * died) must travel to the parent as itself, so it survives serialization — plain JDK
 * serialization and the runtime's {@link Codec} — with its pid, exit code, task range, message
 * and cause.
 */
@Tag("G-POOL-5")
@Tag("G-PROC-8")
class WorkerDiedExceptionSerializationTest {
    private static Object javaRoundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    private static Object codecRoundTrip(Object value) throws Exception {
        return Codec.standard().decode(Codec.standard().encode(value));
    }

    private static void assertSame(WorkerDiedException expected, Object got) {
        WorkerDiedException copy = assertInstanceOf(WorkerDiedException.class, got);
        assertEquals(expected.pid(), copy.pid());
        assertEquals(expected.exitCode(), copy.exitCode());
        assertEquals(expected.firstTaskIndex(), copy.firstTaskIndex());
        assertEquals(expected.lastTaskIndex(), copy.lastTaskIndex());
        assertEquals(expected.outOfMemory(), copy.outOfMemory());
        assertEquals(expected.getMessage(), copy.getMessage());
        if (expected.getCause() == null) {
            assertEquals(null, copy.getCause());
        } else {
            assertEquals(expected.getCause().getClass(), copy.getCause().getClass());
            assertEquals(expected.getCause().getMessage(), copy.getCause().getMessage());
        }
    }

    @Test
    void aKnownExitCodeSurvivesJavaSerializationAndTheCodec() throws Exception {
        WorkerDiedException e = new WorkerDiedException(4242, OptionalInt.of(-9), 3, 5, "last line", null);
        assertSame(e, javaRoundTrip(e));
        assertSame(e, codecRoundTrip(e));
    }

    @Test
    void anUnknownExitCodeStaysUnknown() throws Exception {
        WorkerDiedException e = new WorkerDiedException(7, OptionalInt.empty(), 0, 0, null, null);
        WorkerDiedException copy = (WorkerDiedException) codecRoundTrip(e);
        assertSame(e, copy);
        assertEquals(OptionalInt.empty(), copy.exitCode());
    }

    @Test
    void anExitCodeOfZeroIsNotMistakenForUnknown() throws Exception {
        WorkerDiedException e = new WorkerDiedException(7, OptionalInt.of(0), 1, 1, "", null);
        assertEquals(OptionalInt.of(0), ((WorkerDiedException) javaRoundTrip(e)).exitCode());
    }

    @Test
    @Tag("G-PROC-12")
    void anOutOfMemoryCauseTravelsWithIt() throws Exception {
        WorkerDiedException e = new WorkerDiedException(9, OptionalInt.of(3), 10, 19, null,
                new OutOfMemoryError("Java heap space"));
        assertSame(e, codecRoundTrip(e));
        assertSame(e, javaRoundTrip(e));
        assertTrue(((WorkerDiedException) codecRoundTrip(e)).outOfMemory());
    }
}
