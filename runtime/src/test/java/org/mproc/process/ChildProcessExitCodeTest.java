package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.Sleepers;

/** G-PROC-1: CPython's exit codes, including an orderly {@code System.exit(137)} versus a SIGKILL. */
@Tag("G-PROC-1")
class ChildProcessExitCodeTest {

    @Test
    void targetThatReturnsExitsWithZero() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(new ChildProcess("returns", () -> { }));
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(0), p.exitCode());
        }
    }

    @Test
    void uncaughtExceptionExitsWithOneAndPrintsProcessNameAndTrace() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name("risky")
                    .target(ChildProcessExitCodeTest::raise).output(lines::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(1), p.exitCode());
        }
        int header = lines.indexOf("Process risky:");
        assertTrue(header >= 0, () -> "no 'Process risky:' line in " + lines);
        assertEquals("java.lang.RuntimeException: Oops!", lines.get(header + 1));
        assertTrue(lines.get(header + 2).contains("ChildProcessExitCodeTest.raise"), () -> lines.toString());
    }

    private static void raise() {
        throw new RuntimeException("Oops!");
    }

    @ParameterizedTest(name = "System.exit({0})")
    @ValueSource(ints = {0, 1, 2, 3, 42, 127, 128, 130, 137, 143, 255})
    void systemExitNIsReportedAsN(int n) throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(new ChildProcess("exit-" + n, () -> System.exit(n)));
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(n), p.exitCode());
        }
    }

    @Test
    void terminateIsMinusFifteen() throws Exception {
        assertSignalled(ChildProcess::terminate, -15);
    }

    @Test
    void killIsMinusNine() throws Exception {
        assertSignalled(ChildProcess::kill, -9);
    }

    @Test
    void haltOverOneTwentyEightIsReportedAsTheSignal() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(new ChildProcess("halt", () -> Runtime.getRuntime().halt(137)));
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(-9), p.exitCode());
        }
    }

    @Test
    void haltUnderOneTwentyEightIsReportedAsIs() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(new ChildProcess("halt", () -> Runtime.getRuntime().halt(5)));
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(5), p.exitCode());
        }
    }

    private static void assertSignalled(java.util.function.Consumer<ChildProcess> signal, int expected)
            throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = Sleepers.startRunning(reaper, "sleeper");
            signal.accept(p);
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(expected), p.exitCode());
        }
    }
}
