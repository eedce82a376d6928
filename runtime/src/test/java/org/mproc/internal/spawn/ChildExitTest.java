package org.mproc.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * G-PROC-12: a child that died out of memory is told from one that exited with the same status,
 * by the status together with the line HotSpot prints.
 */
@Tag("G-PROC-12")
class ChildExitTest {
    private static final String LINE = "Terminating due to java.lang.OutOfMemoryError: Java heap space";

    private static ChildExit exit(int code, List<String> stdout, List<String> stderr) {
        return new ChildExit(code, null, stdout, stderr, true);
    }

    @Test
    void theJvmsLineAndStatusMakeAnOutOfMemoryError() {
        assertEquals("Java heap space", exit(3, List.of("working", LINE), List.of()).outOfMemory().getMessage());
        assertEquals("Java heap space", exit(3, List.of(), List.of(LINE)).outOfMemory().getMessage(), "on stderr");
        assertEquals("Metaspace", exit(3, List.of("partial line without its newline" + LINE.replace("Java heap space",
                "Metaspace")), List.of()).outOfMemory().getMessage());
    }

    @Test
    void theLineWithoutAMessageStillCounts() {
        OutOfMemoryError error = exit(3, List.of("Terminating due to java.lang.OutOfMemoryError"), List.of()).outOfMemory();
        assertNotNull(error);
        assertNull(error.getMessage());
    }

    @Test
    void exitThreeWithoutTheLineIsNotOutOfMemory() {
        assertNull(exit(3, List.of("bye"), List.of("bye")).outOfMemory());
    }

    @Test
    void theLineWithAnotherStatusIsNotOutOfMemory() {
        assertNull(exit(1, List.of(LINE), List.of()).outOfMemory(), "a task that printed it, then threw");
        assertNull(exit(-9, List.of(), List.of(LINE)).outOfMemory());
    }
}
