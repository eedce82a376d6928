package org.mproc.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.EOFException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessPipe;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PIPE-1 and G-PIPE-2 with plain examples: values arrive in order, as copies, each direction on
 * its own, between two ends in one process and between this process and a child; {@code poll}
 * waits for about its timeout, and answers true for a waiting value (without consuming it) and at
 * the end of the stream.
 */
class PipeBasicsTest {
    /** A record crosses the pipe as a value; equality is by components. */
    record Item(int id, String name, List<Integer> tags) implements Serializable {}

    @Test
    @Tag("G-PIPE-1")
    void valuesArriveInOrderAsCopiesInBothDirectionsWithinOneProcess() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        List<Integer> mutable = new ArrayList<>(List.of(1, 2, 3));
        pipe.left().send(mutable);
        mutable.add(4); // after send: the pipe holds a copy
        pipe.left().send(null);
        pipe.right().send("from the right");
        pipe.left().send(new Item(7, "seven", List.of(7, 77)));
        byte[] bytes = {1, 2, 3};
        pipe.right().send(bytes);
        bytes[0] = 9;

        assertEquals(List.of(1, 2, 3), pipe.right().recv());
        assertNull(pipe.right().recv());
        assertEquals(new Item(7, "seven", List.of(7, 77)), pipe.right().recv());
        assertEquals("from the right", pipe.left().recv());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) pipe.left().recv());
        assertFalse(pipe.left().poll(Duration.ZERO), "nothing more was sent to the left end");
        assertFalse(pipe.right().poll(Duration.ZERO), "nothing more was sent to the right end");
    }

    /** In a child: sends back each value received, tagged, until the other end closes. */
    static void echo(ProcessPipe.End<Object> end) throws Exception {
        while (true) {
            Object v;
            try {
                v = end.recv();
            } catch (EOFException closed) {
                return;
            }
            end.send(List.of("echo", String.valueOf(v)));
        }
    }

    @Test
    @Tag("G-PIPE-1")
    void aChildReceivesEveryValueInOrderAndAnswersOnTheSamePipe() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        ProcessPipe.End<Object> theirs = pipe.right();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("pipe-echo", () -> echo(theirs)));
            int n = 2000;
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        pipe.left().send(i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sender");
            sender.start(); // sends while this thread receives: the window bounds what is unread
            for (int i = 0; i < n; i++) {
                assertEquals(List.of("echo", String.valueOf(i)), pipe.left().recv(), "value " + i);
            }
            sender.join(Delays.SHORT.toMillis());
            pipe.left().close();
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
        }
    }

    /** In a child: sends {@code n} values without reading, then reads {@code n} values and sends their sum. */
    static void sendThenRead(ProcessPipe.End<Object> end, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            end.send("child-" + i);
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (Integer) end.recv();
        }
        end.send(sum);
    }

    @Test
    @Tag("G-PIPE-1")
    void theTwoDirectionsAreIndependent() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        ProcessPipe.End<Object> theirs = pipe.right();
        int n = 300;
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("pipe-duplex", () -> sendThenRead(theirs, n)));
            for (int i = 0; i < n; i++) {
                pipe.left().send(i); // both ends send before either reads
            }
            for (int i = 0; i < n; i++) {
                assertEquals("child-" + i, pipe.left().recv());
            }
            assertEquals((long) n * (n - 1) / 2, pipe.left().recv());
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
        }
    }

    @Test
    @Tag("G-PIPE-2")
    void pollAnswersFalseAfterAboutTheTimeoutAndTrueForAValueWithoutConsumingIt() throws Exception {
        ProcessPipe.Ends<String> pipe = ProcessPipe.open();
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        assertFalse(pipe.right().poll(timeout));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= timeout.toNanos() - Duration.ofMillis(20).toNanos(),
                () -> "poll(" + timeout + ") returned false after " + Duration.ofNanos(waited));
        assertFalse(pipe.right().poll(Duration.ZERO));

        pipe.left().send("ready");
        assertTrue(pipe.right().poll(Duration.ZERO));
        assertTrue(pipe.right().poll(timeout), "poll consumes nothing");
        assertEquals("ready", pipe.right().recv());
        assertFalse(pipe.right().poll(Duration.ZERO));
    }

    /** In a child: waits {@code millis}, then sends one value. */
    static void sendLater(ProcessPipe.End<String> end, long millis) throws Exception {
        Thread.sleep(millis);
        end.send("late");
        end.recv(); // keeps the end open until the test closes its own
    }

    @Test
    @Tag("G-PIPE-2")
    void pollWaitsForAValueFromAnotherProcessAndForTheEndOfTheStream() throws Exception {
        ProcessPipe.Ends<String> pipe = ProcessPipe.open();
        ProcessPipe.End<String> theirs = pipe.right();
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("pipe-late", () -> sendLater(theirs, 200)));
            assertTrue(pipe.left().poll(Delays.CHILD), "a value sent by the child makes poll true");
            assertEquals("late", pipe.left().recv());
            pipe.left().send("done");
            assertTrue(pipe.left().poll(Delays.CHILD), "the child's exit ends the stream, and poll says so");
            EOFException eof = assertThrows(EOFException.class, pipe.left()::recv);
            assertTrue(eof.getMessage().contains("right end of pipe"), eof::getMessage);
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
        }
    }}
