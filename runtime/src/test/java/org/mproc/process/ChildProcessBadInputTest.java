package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;

/**
 * Bad configuration fails clearly: at once when it can be seen here; what only the child's JVM can
 * see (an option it rejects) arrives through {@code failure()} (FailedLaunchTest, G-PROC-10).
 */
class ChildProcessBadInputTest {

    @Test
    void aMissingTargetIsRefusedAtBuild() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ChildProcess.builder().build());
        assertEquals("target", e.getMessage());
        assertThrows(NullPointerException.class, () -> new ChildProcess("x", null));
        assertThrows(NullPointerException.class, () -> ChildProcess.builder().name(null));
    }
}
