package org.mproc.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessTask;
import org.mproc.Spares;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.Sleepers;

/** A child started on a warm spare behaves exactly like a cold one; spares are replaced and reaped. */
class SparesTest {
    private static Spares spares;

    @BeforeAll
    static void startSpares() {
        spares = Spares.start(2);
    }

    @AfterAll
    static void stopSpares() {
        spares.close();
    }

    private static ChildProcess onSpare(String name, ProcessTask task, List<String> output) {
        return ChildProcess.builder().name(name).target(task).spares(spares).output(output::add).build();
    }

    @Test
    @Tag("G-PROC-1")
    @Tag("G-PROC-3")
    @Tag("G-PROC-4")
    void aChildOnASpareKeepsExitCodesFailureAndOutput() throws Exception {
        List<String> ok = new CopyOnWriteArrayList<>();
        List<String> failing = new CopyOnWriteArrayList<>();
        List<String> exiting = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess a = reaper.start(onSpare("ok", () -> System.out.println("hello"), ok));
            ChildProcess b = reaper.start(onSpare("failing", ChildProcessFailureTest::throwWrapped, failing));
            ChildProcess c = reaper.start(onSpare("exiting", () -> System.exit(137), exiting));
            for (ChildProcess p : List.of(a, b, c)) {
                Reaper.joinWithin(p, Delays.CHILD);
            }
            assertEquals(OptionalInt.of(0), a.exitCode());
            assertEquals(List.of("hello"), ok);
            assertEquals(OptionalInt.of(1), b.exitCode());
            assertInstanceOf(IllegalStateException.class, b.failure().orElseThrow());
            assertEquals("Process failing:", failing.get(0), "the claimed name reaches the child");
            assertEquals(OptionalInt.of(137), c.exitCode(), "an orderly exit(137) is not a SIGKILL");
        }
    }

    @Test
    @Tag("G-PROC-1")
    void aChildOnASpareCanBeKilled() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(onSpare("sleeper", Sleepers::announceAndSleep,
                    new CopyOnWriteArrayList<>()));
            p.kill();
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(-9), p.exitCode());
        }
    }

    @Test
    void takenSparesAreReplaced() throws Exception {
        try (Reaper reaper = new Reaper()) {
            Reaper.joinWithin(reaper.start(onSpare("one", () -> { }, new CopyOnWriteArrayList<>())), Delays.CHILD);
        }
        await().atMost(Delays.CHILD).until(() -> spares.available() == 2);
        assertTrue(spares.awaitReady(Delays.CHILD), "both spares connected");
    }

    @Test
    void aSpareThatDiesWhileWaitingIsReplacedAndNeverUsed() throws Exception {
        try (Spares own = Spares.start(1)) {
            assertTrue(own.awaitReady(Delays.CHILD));
            ChildProcess probe = ChildProcess.builder().name("probe").target(() -> { }).spares(own).build();
            long sparePid = own.pids().get(0);
            ProcessHandle.of(sparePid).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Delays.CHILD).until(() -> !own.pids().contains(sparePid));
            assertTrue(own.awaitReady(Delays.CHILD), "a replacement connected");
            try (Reaper reaper = new Reaper()) {
                reaper.start(probe);
                Reaper.joinWithin(probe, Delays.CHILD);
                assertEquals(OptionalInt.of(0), probe.exitCode());
                assertTrue(probe.pid() != sparePid, "the dead spare was not used");
            }
        }
    }

    @Test
    void closedSparesStopTheirUnusedJvms() {
        Spares own = Spares.start(2);
        assertEquals(2, own.available());
        own.close();
        assertEquals(0, own.available());
        assertThrows(IllegalStateException.class, ChildProcess.builder().target(() -> { }).spares(own).build()::start);
    }

    @Test
    void badConfigurationIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Spares.start(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildProcess.builder()
                .name("mismatch").target(() -> { }).jvmOptions(List.of("-Xmx32m")).spares(spares).build());
        assertTrue(e.getMessage().contains("-Xmx32m"), e::getMessage);
    }
}
