package org.mproc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.Sleepers;

/**
 * G-PROC-2: one test per transition of NEW → STARTED → EXITED and per rejected call, as written
 * in the table beside {@code ChildProcess}'s state field.
 */
@Tag("G-PROC-2")
class ChildProcessLifecycleTest {

    private static ChildProcess sleeper(CountDownLatch running) {
        return ChildProcess.builder().name("sleeper").target(Sleepers::announceAndSleep)
                .output(line -> {
                    if (line.equals("running")) {
                        running.countDown();
                    }
                }).build();
    }

    @Test
    void beforeStartNothingIsKnownAndNothingIsAlive() {
        ChildProcess p = new ChildProcess("new", () -> { });
        assertFalse(p.isAlive());
        assertEquals(OptionalInt.empty(), p.exitCode());
        assertEquals(Optional.empty(), p.failure());
    }

    @Test
    void joinBeforeStartThrows() {
        ChildProcess p = new ChildProcess("new", () -> { });
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, () -> p.join(Duration.ofMillis(1)));
    }

    @Test
    void pidBeforeStartThrows() {
        assertThrows(IllegalStateException.class, new ChildProcess("new", () -> { })::pid);
    }

    @Test
    void signalsBeforeStartThrow() {
        ChildProcess p = new ChildProcess("new", () -> { });
        assertThrows(IllegalStateException.class, p::terminate);
        assertThrows(IllegalStateException.class, p::kill);
    }

    @Test
    void startMakesItAliveUntilItExits() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(sleeper(running));
            assertTrue(p.isAlive(), "alive right after start()");
            assertTrue(running.await(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(p.isAlive(), "alive while the task runs");
            assertEquals(OptionalInt.empty(), p.exitCode(), "no exit code while running");
            assertTrue(p.pid() > 0 && p.pid() != ProcessHandle.current().pid());
            p.kill();
            Reaper.joinWithin(p, Delays.CHILD);
            assertFalse(p.isAlive(), "not alive after join");
            assertTrue(p.exitCode().isPresent(), "exit code once exited");
        }
    }

    @Test
    void joinWithTimeoutReturnsFalseWhileRunningAndNeverThrowsForIt() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = Sleepers.startRunning(reaper, "sleeper");
            assertFalse(p.join(Duration.ofMillis(200)));
            assertFalse(p.join(Duration.ZERO));
            assertTrue(p.isAlive());
            p.terminate();
            assertTrue(p.join(Delays.CHILD));
        }
    }

    @Test
    void startTwiceThrowsWhileRunningAndAfterExit() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = Sleepers.startRunning(reaper, "sleeper");
            assertThrows(IllegalStateException.class, p::start);
            p.kill();
            Reaper.joinWithin(p, Delays.CHILD);
            assertThrows(IllegalStateException.class, p::start);
        }
    }

    @Test
    void afterExitJoinReturnsAtOnceAndSignalsAreNoOps() throws Exception {
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(new ChildProcess("quick", () -> { }));
            Reaper.joinWithin(p, Delays.CHILD);
            p.join();
            assertTrue(p.join(Duration.ZERO));
            p.terminate();
            p.kill();
            assertEquals(OptionalInt.of(0), p.exitCode(), "signals after exit change nothing");
            assertFalse(p.isAlive());
        }
    }
}
