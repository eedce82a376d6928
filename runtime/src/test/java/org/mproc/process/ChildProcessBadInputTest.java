package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/** Bad configuration fails clearly: at once when it can be seen, through the child's stderr when only the JVM can. */
class ChildProcessBadInputTest {

    @Test
    void aMissingTargetIsRefusedAtBuild() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ChildProcess.builder().build());
        assertEquals("target", e.getMessage());
        assertThrows(NullPointerException.class, () -> new ChildProcess("x", null));
        assertThrows(NullPointerException.class, () -> ChildProcess.builder().name(null));
    }

    @Test
    void anUnknownJvmOptionEndsTheChildWithTheJvmsOwnMessage() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("bad-option").target(() -> { })
                    .jvmOptions(List.of("-XX:+NoSuchOptionAnywhere")).output(lines::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(1), p.exitCode());
            assertTrue(p.failure().orElseThrow() instanceof org.mproc.ProcessException,
                    "the task never ran, and failure() says why (G-PROC-10)");
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("NoSuchOptionAnywhere")), () -> lines.toString());
    }
}
