package org.mproc.scenarios.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;

/**
 * The fault scenarios' plumbing: {@code sigkill} kills only a live child of this JVM, by pid, and
 * excuses that death alone; {@code until} is a bounded wait that ends as a hang (G-HAR-2).
 */
class TrialChildrenTest {
    static void waitToBeKilled() throws InterruptedException {
        Thread.sleep(60_000); // killed by the test long before
    }

    @Test
    @Tag("G-HAR-2")
    void aChildKilledOnPurposeIsNotAFailureButAnotherChildsFailureStillIs() throws Exception {
        try (TrialChildren children = new TrialChildren(Duration.ofSeconds(20))) {
            ChildProcess doomed = children.start("doomed", TrialChildrenTest::waitToBeKilled);
            ChildProcess fine = children.start("fine", () -> { });
            assertEquals(-9, children.sigkill(doomed));
            assertFalse(doomed.isAlive());
            children.joinAll(); // the -9 is excused
            assertEquals(0, fine.exitCode().orElseThrow());

            ChildProcess failing = children.start("failing", () -> {
                throw new IllegalStateException("boom");
            });
            TrialChildren.Stopped stopped = assertThrows(TrialChildren.Stopped.class, children::joinAll);
            assertTrue(stopped.getMessage().startsWith("child failed: failing exited with 1"), stopped.getMessage());
            assertFalse(failing.isAlive());
        }
    }

    @Test
    void killChildRefusesThisJvmAndPidsThatAreNotItsChildren() {
        long self = ProcessHandle.current().pid();
        IllegalStateException own = assertThrows(IllegalStateException.class, () -> WorkerKill.killChild(self));
        assertTrue(own.getMessage().contains("not a live child of this process"), own.getMessage());
        assertThrows(IllegalStateException.class, () -> WorkerKill.killChild(1));
        ChildProcess stranger = new ChildProcess("stranger", () -> { });
        try (TrialChildren mine = new TrialChildren(Duration.ofSeconds(5))) {
            assertThrows(IllegalArgumentException.class, () -> mine.sigkill(stranger));
        }
    }

    @Test
    void untilReturnsOnceTheConditionHoldsAndEndsAsAHangAtTheDeadline() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (TrialChildren children = new TrialChildren(Duration.ofMillis(300))) {
            children.until(() -> asked.incrementAndGet() >= 3, "three asks");
            assertEquals(3, asked.get());
            TrialChildren.Stopped hang = assertThrows(TrialChildren.Stopped.class,
                    () -> children.until(() -> false, "a condition that never holds"));
            assertEquals("hang: a condition that never holds by the trial's deadline", hang.getMessage());
        }
    }
}
