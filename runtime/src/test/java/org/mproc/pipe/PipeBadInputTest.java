package org.mproc.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessPipe;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PIPE-5: misuse gets a clear error naming the problem, and leaves the pipe as it was: an end
 * used by a second process, any call but {@code close} after {@code close()}, a value that cannot
 * be serialized, a value over the frame limit, a negative timeout.
 */
@Tag("G-PIPE-5")
class PipeBadInputTest {

    /** In a child: uses the end, and reports what that did. */
    static void useAndReport(ProcessPipe.End<Object> end, ProcessQueue<Object> report) throws Exception {
        try {
            end.send("from the child");
            report.put("sent");
        } catch (RuntimeException e) {
            report.put(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void anEndUsedHereCannotBeUsedByAnotherProcess() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        ProcessPipe.End<Object> right = pipe.right();
        assertFalse(right.poll(Duration.ZERO)); // this process now holds the right end
        ProcessQueue<Object> report = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("second-user", () -> useAndReport(right, report)));
            Object said = report.poll(Delays.CHILD);
            Reaper.joinWithin(child, Delays.CHILD);
            String text = String.valueOf(said);
            assertTrue(text.startsWith("IllegalStateException") && text.contains("two processes")
                    && text.contains("used by process " + ProcessHandle.current().pid()), text);
        }
        pipe.left().send("still works");
        assertEquals("still works", right.recv(), "the refused process changed nothing");
    }

    /** In a child: claims the end by polling it, says so, then waits until the test closes the other end. */
    static void claimAndWait(ProcessPipe.End<Object> end, ProcessQueue<Object> report) throws Exception {
        end.poll(Duration.ZERO);
        report.put("claimed");
        end.poll(Delays.LONG);
    }

    @Test
    void anEndAnotherProcessUsesCannotBeUsedHere() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        ProcessQueue<Object> report = ProcessQueue.create();
        ProcessPipe.End<Object> right = pipe.right();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("first-user", () -> claimAndWait(right, report)));
            assertEquals("claimed", report.poll(Delays.CHILD), () -> PipeTesting.describe(child));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> right.send("mine?"));
            assertTrue(e.getMessage().contains("used by process " + child.pid()) && e.getMessage().contains("two processes"),
                    e::getMessage);
            assertThrows(IllegalStateException.class, right::recv);
            assertThrows(IllegalStateException.class, () -> right.poll(Duration.ZERO));
            right.close(); // this process never used the end: only this copy closes, the child's end stays open
            pipe.left().send("still open for its user");
            IllegalStateException closedCopy = assertThrows(IllegalStateException.class, () -> right.poll(Duration.ZERO));
            assertTrue(closedCopy.getMessage().contains("closed in this process"), closedCopy::getMessage);
            pipe.left().close();
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
        }
    }

    @Test
    @Tag("G-PIPE-6")
    void everyCallButCloseAfterCloseThrowsAndABlockedRecvWakes() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        ProcessPipe.End<Object> left = pipe.left();
        CompletableFuture<Object> blocked = PipeTesting.call("blocked-recv", left::recv);
        assertThrows(TimeoutException.class, () -> blocked.get(PipeTesting.STILL_BLOCKED.toMillis(), TimeUnit.MILLISECONDS));
        left.close();
        ExecutionException woken = assertThrows(ExecutionException.class,
                () -> blocked.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(IllegalStateException.class, woken.getCause(), () -> Causes.text(woken.getCause()));
        for (Runnable call : List.<Runnable>of(() -> call(() -> {
                    left.send("late");
                    return null;
                }), () -> call(left::recv),
                () -> call(() -> left.poll(Duration.ZERO)))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertTrue(e.getMessage().contains("left end of pipe") && e.getMessage().contains("closed"), e::getMessage);
        }
        left.close(); // idempotent
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void call(Call c) {
        try {
            c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("expected IllegalStateException, got " + e, e);
        }
    }

    @Test
    void aValueThatCannotBeSerializedFailsTheSendAndLeavesThePipeUnchanged() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pipe.left().send(List.of("fine", new Thread())));
        assertTrue(e.getMessage().contains("cannot be serialized") && e.getMessage().contains("java.lang.Thread"),
                e::getMessage);
        assertFalse(pipe.right().poll(Duration.ZERO), "nothing was sent");
        pipe.left().send("next");
        assertEquals("next", pipe.right().recv());
    }

    @Test
    void aValueOverTheFrameLimitFailsTheSendNamingSizeAndLimit() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pipe.left().send(new byte[64 << 20]));
        assertTrue(e.getMessage().contains("frame limit of " + (64 << 20)), e::getMessage);
        assertFalse(pipe.right().poll(Duration.ZERO), "nothing was sent");
        pipe.left().send("next");
        assertEquals("next", pipe.right().recv());
    }

    @Test
    void aNegativeOrNullTimeoutIsRefused() {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pipe.left().poll(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("negative"), e::getMessage);
        assertThrows(NullPointerException.class, () -> pipe.left().poll(null));
        assertThrows(NullPointerException.class, () -> new ProcessPipe.Ends<>(pipe.left(), null));
    }
}
