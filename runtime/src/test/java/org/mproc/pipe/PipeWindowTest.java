package org.mproc.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessPipe;
import org.mproc.ProcessQueue;
import org.mproc.testkit.Causes;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-PIPE-3: {@code send} is bounded, as an OS pipe's writer is: it waits while the other end has
 * 64 KiB or more of what it sent unread (a value's encoding plus 16 bytes each), and goes on as the
 * other end reads. A send waiting for room can be interrupted: it throws and sends nothing (G-PIPE-6).
 */
@Tag("G-PIPE-3")
class PipeWindowTest {
    /** 1 KiB a value: a 64 KiB window holds about 60 of them, never more than 64. */
    private static final byte[] KIB = new byte[1024];

    @Test
    void aSenderWaitsOnceTheReaderHas64KibUnreadAndGoesOnAsItReads() throws Exception {
        ProcessPipe.Ends<byte[]> pipe = ProcessPipe.open();
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Integer> sender = PipeTesting.call("sender", () -> {
            for (int i = 0; i < 200; i++) {
                pipe.left().send(KIB);
                sent.incrementAndGet();
            }
            return sent.get();
        });
        assertThrows(TimeoutException.class, () -> sender.get(PipeTesting.STILL_BLOCKED.toMillis(), TimeUnit.MILLISECONDS),
                "200 KiB cannot all go while nothing is read");
        int beforeReading = sent.get();
        assertTrue(beforeReading >= 55 && beforeReading <= 64, () -> beforeReading + " values sent unread");
        for (int i = 0; i < 200; i++) {
            assertEquals(1024, pipe.right().recv().length);
        }
        assertEquals(200, sender.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** In a child: sends {@code n} values of 1 KiB, then says "done" on the queue. */
    static void sendMany(ProcessPipe.End<byte[]> end, int n, ProcessQueue<Object> report) throws Exception {
        for (int i = 0; i < n; i++) {
            end.send(KIB);
        }
        report.put("done");
    }

    @Test
    void aSenderInAnotherProcessWaitsForThisProcessToRead() throws Exception {
        ProcessPipe.Ends<byte[]> pipe = ProcessPipe.open();
        ProcessPipe.End<byte[]> theirs = pipe.right();
        ProcessQueue<Object> report = ProcessQueue.create();
        int n = 1000;
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("pipe-flood", () -> sendMany(theirs, n, report)));
            assertTrue(pipe.left().poll(Delays.CHILD), () -> "the child sends: " + PipeTesting.describe(child));
            assertNull(report.poll(PipeTesting.STILL_BLOCKED), "1 MB cannot all go while nothing is read");
            for (int i = 0; i < n; i++) {
                assertEquals(1024, pipe.left().recv().length);
            }
            assertEquals("done", report.poll(Delays.SHORT));
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> PipeTesting.describe(child));
        }
    }

    @Test
    @Tag("G-PIPE-6")
    void anInterruptedSendWaitingForRoomThrowsAndSendsNothing() throws Exception {
        ProcessPipe.Ends<Object> pipe = ProcessPipe.open();
        AtomicInteger sent = new AtomicInteger();
        Thread[] senderThread = new Thread[1];
        CompletableFuture<Integer> sender = PipeTesting.call("sender", () -> {
            senderThread[0] = Thread.currentThread();
            while (true) {
                pipe.left().send(sent.get());
                sent.incrementAndGet();
            }
        });
        org.awaitility.Awaitility.await().atMost(Delays.SHORT).until(() -> senderThread[0] != null);
        PipeTesting.awaitWaiting(senderThread[0]);
        assertFalse(sender.isDone(), () -> "the sender should wait for room: " + sender);
        senderThread[0].interrupt();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> sender.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause(), () -> Causes.text(e.getCause()));
        for (int i = 0; i < sent.get(); i++) {
            assertEquals(i, pipe.right().recv());
        }
        assertFalse(pipe.right().poll(Duration.ZERO), "the interrupted send sent nothing");
        pipe.left().send("after");
        assertEquals("after", pipe.right().recv());
    }
}
