package org.mproc.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.EOFException;
import java.io.Serializable;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessException;
import org.mproc.ProcessPipe;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PIPE-4: the end of the stream. Whether the other end is closed, its process exits or is
 * SIGKILLed, or the process hosting the pipe is SIGKILLed, {@code recv} first returns every value
 * sent before, then throws {@link EOFException}; a {@code recv} blocked at that moment wakes within
 * the bound, and {@code poll} says true. Sending to an end known to be closed throws.
 */
@Tag("G-PIPE-4")
class PipeEndOfStreamTest {

    @Test
    void afterTheOtherEndClosesRecvReturnsWhatWasSentThenThrowsEofException() throws Exception {
        ProcessPipe.Ends<Integer> pipe = ProcessPipe.open();
        pipe.left().send(1);
        pipe.left().send(2);
        pipe.left().close();
        assertTrue(pipe.right().poll(Duration.ZERO));
        assertEquals(1, pipe.right().recv());
        assertEquals(2, pipe.right().recv());
        assertTrue(pipe.right().poll(Duration.ZERO), "poll is true at the end of the stream");
        EOFException eof = assertThrows(EOFException.class, pipe.right()::recv);
        assertTrue(eof.getMessage().contains("left end of pipe") && eof.getMessage().contains("closed by process"),
                eof::getMessage);
        assertThrows(EOFException.class, pipe.right()::recv, "the end of the stream stays");
        IllegalStateException broken = assertThrows(IllegalStateException.class, () -> pipe.right().send(3));
        assertTrue(broken.getMessage().contains("closed"), broken::getMessage);
    }

    @Test
    void aRecvBlockedWhenTheOtherEndClosesWakesWithEofException() throws Exception {
        ProcessPipe.Ends<Integer> pipe = ProcessPipe.open();
        pipe.right().poll(Duration.ZERO); // claims the end, so the waiting thread waits on the value
        CompletableFuture<Integer> blocked = PipeTesting.call("blocked-recv", pipe.right()::recv);
        assertThrows(TimeoutException.class, () -> blocked.get(PipeTesting.STILL_BLOCKED.toMillis(), TimeUnit.MILLISECONDS));
        pipe.left().poll(Duration.ZERO); // this process uses the left end too: its close() closes the end
        pipe.left().close();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> blocked.get(PipeTesting.DEATH_SEEN.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(EOFException.class, e.getCause());
    }

    /** In a child: echoes what it receives until the end of the stream, then closes its end. */
    static void echoUntilEnd(ProcessPipe.End<Integer> end) throws Exception {
        try (end) {
            while (true) {
                end.send(end.recv() * 10);
            }
        } catch (EOFException done) {
            // the parent closed its end
        }
    }

    @Test
    void theParentClosingItsCopyOfTheChildsEndAsCPythonProgramsDoChangesNothing() throws Exception {
        ProcessPipe.Ends<Integer> pipe = ProcessPipe.open();
        ProcessPipe.End<Integer> childs = pipe.right();
        try (org.mproc.testkit.Reaper reaper = new org.mproc.testkit.Reaper()) {
            org.mproc.ChildProcess child = reaper.start(new org.mproc.ChildProcess("echo", () -> echoUntilEnd(childs)));
            childs.close(); // CPython's child_conn.close() after p.start(): the parent's copy only
            pipe.left().send(4);
            assertEquals(40, pipe.left().recv());
            pipe.left().close();
            org.mproc.testkit.Reaper.joinWithin(child, org.mproc.testkit.Delays.CHILD);
            assertEquals(java.util.OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
        }
    }

    /** In a child: sends 1, 2, 3, then closes its end (or not) and returns. */
    static void sendThreeAndExit(ProcessPipe.End<Integer> end, boolean close) throws Exception {
        for (int i = 1; i <= 3; i++) {
            end.send(i);
        }
        if (close) {
            end.close();
        }
    }

    @Test
    void aChildThatClosesOrJustExitsEndsTheStreamAfterItsValues() throws Exception {
        for (boolean close : new boolean[] {true, false}) {
            ProcessPipe.Ends<Integer> pipe = ProcessPipe.open();
            ProcessPipe.End<Integer> theirs = pipe.right();
            try (Reaper reaper = new Reaper()) {
                ChildProcess child = reaper.start(new ChildProcess("pipe-sender", () -> sendThreeAndExit(theirs, close)));
                for (int i = 1; i <= 3; i++) {
                    assertEquals(i, pipe.left().recv(), "close=" + close);
                }
                EOFException eof = assertTimeoutPreemptively(Delays.CHILD,
                        () -> assertThrows(EOFException.class, pipe.left()::recv));
                assertTrue(eof.getMessage().contains(close ? "closed by process" : "is gone"), eof::getMessage);
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
            }
        }
    }

    /** In a child: sends "a" and "b", then waits, reading nothing, until it is killed. */
    static void sendTwoThenWait(ProcessPipe.End<String> end) throws Exception {
        end.send("a");
        end.send("b");
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void aPeerKilledWhileThisEndWaitsInRecvEndsTheStreamWithinTheBoundAndWakesABlockedSend() throws Exception {
        ProcessPipe.Ends<String> pipe = ProcessPipe.open();
        ProcessPipe.End<String> theirs = pipe.right();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("pipe-killed", () -> sendTwoThenWait(theirs)));
            assertEquals("a", pipe.left().recv());
            CompletableFuture<String> blocked = PipeTesting.call("blocked-recv", () -> {
                String b = pipe.left().recv();
                return b + "," + pipe.left().recv();
            });
            // The child reads nothing: a send that fills the window waits for it to read.
            CompletableFuture<Integer> blockedSend = PipeTesting.call("blocked-send", () -> {
                int sent = 0;
                while (true) {
                    pipe.left().send("x".repeat(1000));
                    sent++;
                }
            });
            assertThrows(TimeoutException.class, () -> blocked.get(PipeTesting.STILL_BLOCKED.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(!blockedSend.isDone(), () -> "the send should wait for room: " + blockedSend);

            child.kill();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> blocked.get(PipeTesting.DEATH_SEEN.toMillis(), TimeUnit.MILLISECONDS),
                    "the recv blocked after \"b\" must see the end of the stream");
            assertInstanceOf(EOFException.class, e.getCause(), () -> Causes.text(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("is gone"), e.getCause()::getMessage);
            ExecutionException s = assertThrows(ExecutionException.class,
                    () -> blockedSend.get(PipeTesting.DEATH_SEEN.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(IllegalStateException.class, s.getCause(), () -> Causes.text(s.getCause()));
            assertThrows(EOFException.class, pipe.left()::recv);
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(-9), child.exitCode());
        }
    }

    /** The right ends of the two pipes a child hosts, as the test receives them. */
    record Hosted(ProcessPipe.End<String> sending, ProcessPipe.End<String> silent) implements Serializable {}

    /**
     * In a child: hosts two pipes, hands one end of each to the test, waits for "go" (the test has
     * claimed them), sends a, b, c on the first, says "sent", and waits to be killed.
     */
    static void hostTwoPipes(ProcessQueue<Object> toTest, ProcessQueue<Object> fromTest) throws Exception {
        ProcessPipe.Ends<String> sending = ProcessPipe.open();
        ProcessPipe.Ends<String> silent = ProcessPipe.open();
        toTest.put(new Hosted(sending.right(), silent.right()));
        fromTest.take();
        for (String v : new String[] {"a", "b", "c"}) {
            sending.left().send(v);
        }
        toTest.put("sent");
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void theHostsDeathEndsTheStreamAfterWhatItHadPassedOn() throws Exception {
        ProcessQueue<Object> toTest = ProcessQueue.create();
        ProcessQueue<Object> fromTest = ProcessQueue.create();
        try (Reaper reaper = new Reaper()) {
            ChildProcess host = reaper.start(new ChildProcess("pipe-host", () -> hostTwoPipes(toTest, fromTest)));
            Hosted ends = (Hosted) toTest.poll(Delays.CHILD);
            assertInstanceOf(Hosted.class, ends, () -> PipeTesting.describe(host));
            ends.sending().poll(Duration.ZERO); // claims both ends from this process
            ends.silent().poll(Duration.ZERO);
            fromTest.put("go");
            assertEquals("sent", toTest.poll(Delays.CHILD));
            CompletableFuture<String> blocked = PipeTesting.call("blocked-recv", ends.silent()::recv);
            assertThrows(TimeoutException.class, () -> blocked.get(PipeTesting.STILL_BLOCKED.toMillis(), TimeUnit.MILLISECONDS));

            host.kill();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> blocked.get(PipeTesting.DEATH_SEEN.toMillis(), TimeUnit.MILLISECONDS));
            assertInstanceOf(EOFException.class, e.getCause(), () -> Causes.text(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("hosting the pipe is gone"), e.getCause()::getMessage);
            for (String v : new String[] {"a", "b", "c"}) {
                assertEquals(v, assertTimeoutPreemptively(Delays.SHORT, () -> ends.sending().recv()),
                        "what the host sent before it died is received");
            }
            assertTimeoutPreemptively(PipeTesting.DEATH_SEEN, () -> assertThrows(EOFException.class, ends.sending()::recv));
            assertTrue(ends.sending().poll(Duration.ZERO), "poll is true at the end of the stream");
            ProcessException gone = assertThrows(ProcessException.class, () -> ends.sending().send("late"));
            assertTrue(gone.getMessage().contains("hosting the pipe is gone"), gone::getMessage);
            Reaper.joinWithin(host, Delays.CHILD);
            assertEquals(OptionalInt.of(-9), host.exitCode());
        }
    }
}
