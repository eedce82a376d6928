package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.Sleepers;

/**
 * A child ended by a signal leaves no file behind: neither HotSpot's attach socket
 * {@code /tmp/.java_pid<pid>} nor a {@code hsperfdata} file.
 */
class ChildProcessFileHygieneTest {

    private static void assertNoFilesLeftAfter(Consumer<ChildProcess> signal, int expectedExit) throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = Sleepers.startRunning(reaper, "signalled");
            Path attach = Paths.get("/tmp", ".java_pid" + p.pid());
            Path perf = Paths.get("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(p.pid()));
            signal.accept(p);
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(expectedExit), p.exitCode());
            assertFalse(Files.exists(attach), attach + " was left behind");
            assertFalse(Files.exists(perf), perf + " was left behind");
        }
    }

    @Test
    void aKilledChildLeavesNoFiles() throws Exception {
        assertNoFilesLeftAfter(ChildProcess::kill, -9);
    }

    @Test
    void aTerminatedChildLeavesNoFiles() throws Exception {
        assertNoFilesLeftAfter(ChildProcess::terminate, -15);
    }
}
