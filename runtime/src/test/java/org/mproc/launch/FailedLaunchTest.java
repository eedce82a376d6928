package org.mproc.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PROC-10: a child that exits before it connects is a failure one can see, with its exit code
 * and its own last words; a manager or pool whose children die at once fails at once, not after
 * its start timeout.
 */
@Tag("G-PROC-10")
class FailedLaunchTest {

    @Test
    void aChildThatDiesBeforeItConnectsHasAFailureWithItsExitCodeAndStderr() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("bad-option").target(() -> { })
                    .jvmOptions(List.of("-XX:+NoSuchOptionAnywhere")).output(lines::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(1, p.exitCode().getAsInt());
            Throwable failure = p.failure().orElseThrow(() -> new AssertionError("no failure; output " + lines));
            assertInstanceOf(ProcessException.class, failure);
            assertTrue(failure.getMessage().contains("exit code 1") && failure.getMessage().contains("bad-option")
                    && failure.getMessage().contains("NoSuchOptionAnywhere"), failure.getMessage());
        }
    }

    @Test
    void aChildKilledBeforeItConnectsHasNoFailure() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(new ChildProcess("killed-early", () -> { }));
            p.kill();
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(-9, p.exitCode().getAsInt());
            assertTrue(p.failure().isEmpty(), "a signal is an exit code, not a failure: " + p.failure());
        }
    }

    @Test
    void aManagerAndAPoolWhoseChildrenDieAtOnceFailAtOnceSayingWhy() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m",
                "-XX:+UseSerialGC", "-Dmproc.childJvmOptions=-XX:+NoSuchOptionAnywhere",
                // Far beyond the wait below: only a failure seen at once can end the program in time.
                "-Dmproc.managerStartSeconds=3600", "-Dmproc.poolStartSeconds=3600",
                "-cp", System.getProperty("java.class.path"), FailedLaunchProgram.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS),
                    "the manager or the pool waited for its start timeout");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.contains("MANAGER FAILED the manager's server exited (exit code 1) before it started"), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("MANAGER FAILED") && l.contains("NoSuchOptionAnywhere")), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("POOL FAILED") && l.contains("died while starting")
                    && l.contains("NoSuchOptionAnywhere")), out);
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }
}
