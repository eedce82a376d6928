package org.mproc.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The suite's leak check must be able to fail: a process left running is named and ended. */
class NoLeakedProcessesTest {

    @Test
    void aLeftoverProcessFailsTheCheckAndIsEnded() throws Exception {
        Process leaked = new ProcessBuilder("sleep", "60").start();
        AssertionError e = assertThrows(AssertionError.class,
                () -> NoLeakedProcesses.assertNoneLeft("the leaky test", Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains(Long.toString(leaked.pid())), e::getMessage);
        assertTrue(e.getMessage().contains("the leaky test"), e::getMessage);
        assertFalse(leaked.isAlive(), "the check ended the leftover by pid");
    }

    @Test
    void nothingLeftPasses() throws Exception {
        NoLeakedProcesses.assertNoneLeft("a clean test", Duration.ofMillis(200));
    }
}
