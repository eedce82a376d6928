package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.WorkerDiedException;

/**
 * G-PROC-12: a worker that ran out of memory is named so, in the message and by
 * {@link WorkerDiedException#outOfMemory()}; any other death, whatever its status, is not.
 */
@Tag("G-PROC-12")
class WorkerDiedExceptionMessageTest {

    @Test
    void anOutOfMemoryDeathSaysSo() {
        WorkerDiedException e = new WorkerDiedException(123, OptionalInt.of(3), 4, 7, null,
                new OutOfMemoryError("Java heap space"));
        assertTrue(e.outOfMemory());
        assertEquals("worker 123 ran out of memory (Java heap space; exit code 3) while running tasks 4–7", e.getMessage());
    }

    @Test
    void anOutOfMemoryErrorWithoutAMessageStillSaysSo() {
        WorkerDiedException e = new WorkerDiedException(5, OptionalInt.of(3), 0, 0, "", new OutOfMemoryError());
        assertTrue(e.outOfMemory());
        assertEquals("worker 5 ran out of memory (exit code 3) while running tasks 0", e.getMessage());
    }

    @Test
    void theSameStatusWithoutTheErrorIsAnOrdinaryDeath() {
        WorkerDiedException e = new WorkerDiedException(123, OptionalInt.of(3), 4, 4, "its last stderr lines: x", null);
        assertFalse(e.outOfMemory());
        assertEquals("worker 123 died (exit code 3) while running tasks 4; its last stderr lines: x", e.getMessage());
    }
}
