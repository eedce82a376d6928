package org.mproc.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.ProcessException;

/**
 * The ring consumers claim from: elements come out whole, once each, in the order appended, across
 * wrap-around and large elements, with several claimers on separate mappings of the file (as
 * consumer processes have) racing a writer.
 */
@Tag("G-QUEUE-1")
class QueueRingTest {
    @TempDir
    Path dir;
    private int rings;

    private Path file() {
        return dir.resolve("test.sock.q" + ++rings);
    }

    /** An element that says which one it is: its number, then filler up to {@code size} bytes. */
    private static byte[] element(int n, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(4, size));
        b.putInt(n);
        while (b.hasRemaining()) {
            b.put((byte) (n + b.position()));
        }
        return b.array();
    }

    private static int numberOf(byte[] element) {
        assertArrayEquals(element(ByteBuffer.wrap(element).getInt(), element.length), element, "a torn element");
        return ByteBuffer.wrap(element).getInt();
    }

    @Test
    void elementsOfEverySizeComeOutWholeInOrderAcrossTheWrap() {
        // Sizes up to past INLINE_MAX: large elements are kept in files of their own.
        qt().withExamples(20).forAll(lists().of(integers().between(0, QueueRing.INLINE_MAX + 5000))
                .ofSizeBetween(1, 60)).checkAssert(sizes -> {
            QueueRing.Writer writer = QueueRing.create(file());
            QueueRing reader = QueueRing.openIfPresent(writer.ring().file());
            int next = 0;
            int taken = 0;
            long appended = 0;
            while (appended < 3L * QueueRing.CAPACITY) { // three laps at least, so records straddle the end
                for (int size : sizes) {
                    byte[] e = element(next, size);
                    while (!writer.offer(e)) {
                        assertEquals(taken++, numberOf(reader.claim()));
                    }
                    next++;
                    appended += 8 + Math.min(size, QueueRing.INLINE_MAX);
                }
            }
            assertEquals(next - taken, writer.unclaimed());
            for (byte[] e = reader.claim(); e != null; e = reader.claim()) {
                assertEquals(taken++, numberOf(e));
            }
            assertEquals(next, taken);
            assertEquals(0, writer.unclaimed());
            writer.delete();
        });
    }

    @Test
    void aFullRingRefusesAndTakesAgainOnceClaimed() {
        QueueRing.Writer writer = QueueRing.create(file());
        byte[] kib = new byte[1020]; // a 1,024-byte record
        int fitted = 0;
        while (writer.offer(kib)) {
            fitted++;
        }
        assertEquals(QueueRing.CAPACITY / 1024, fitted);
        assertFalse(writer.offer(new byte[0]), "even an empty element needs a record");
        assertArrayEquals(kib, writer.ring().claim());
        assertTrue(writer.offer(kib));
        assertEquals(fitted, writer.unclaimed());
    }

    @Test
    void largeElementsFilesGoOnceClaimedAndWithTheRing() throws IOException {
        QueueRing.Writer writer = QueueRing.create(file());
        byte[] big = element(7, QueueRing.INLINE_MAX + 1);
        assertTrue(writer.offer(big));
        assertTrue(writer.offer(big));
        assertEquals(3, countFiles(), "the ring and one file per large element");
        assertEquals(7, numberOf(writer.ring().claim()));
        assertEquals(2, countFiles(), "its claimer removed the claimed one's file");
        writer.delete();
        assertEquals(0, countFiles());
    }

    private long countFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void claimersOnSeparateMappingsTakeEachElementOnceAndInOrder() throws Exception {
        QueueRing.Writer writer = QueueRing.create(file());
        int n = 200_000;
        int claimers = 3;
        List<ConcurrentLinkedQueue<Integer>> takenBy = new ArrayList<>();
        AtomicInteger taken = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(claimers);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            QueueRing mine = QueueRing.openIfPresent(writer.ring().file());
            ConcurrentLinkedQueue<Integer> got = new ConcurrentLinkedQueue<>();
            takenBy.add(got);
            Thread t = new Thread(() -> {
                try {
                    while (taken.get() < n && !failed.get()) {
                        byte[] e = mine.claim();
                        if (e == null) {
                            Thread.onSpinWait();
                        } else {
                            got.add(numberOf(e));
                            taken.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failed.set(true);
                    throw e;
                } finally {
                    done.countDown();
                }
            });
            t.start();
            threads.add(t);
        }
        for (int i = 0; i < n; i++) {
            byte[] e = element(i, 4 + i % 300);
            while (!writer.offer(e)) {
                Thread.onSpinWait();
            }
        }
        assertTrue(done.await(60, TimeUnit.SECONDS), "the claimers did not finish");
        assertFalse(failed.get(), "a claimer failed");
        boolean[] seen = new boolean[n];
        for (ConcurrentLinkedQueue<Integer> got : takenBy) {
            int last = -1;
            for (int e : got) {
                assertTrue(e > last, "a claimer took " + e + " after " + last);
                assertFalse(seen[e], e + " was claimed twice");
                seen[e] = true;
                last = e;
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(seen[i], i + " was never claimed");
        }
        assertEquals(0, writer.unclaimed());
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void aNotifyRequestIsTakenByOneClaimerOnly() {
        QueueRing.Writer writer = QueueRing.create(file());
        QueueRing ring = writer.ring();
        assertFalse(ring.takeNotifyRequest(), "nobody asked yet");
        writer.requestNotify();
        assertTrue(ring.takeNotifyRequest());
        assertFalse(ring.takeNotifyRequest(), "the first to see it tells the host; the others need not");
        writer.requestNotify();
        writer.cancelNotify();
        assertFalse(ring.takeNotifyRequest());
    }

    @Test
    void aMissingRingIsNoneAndAForeignFileIsRefused() throws IOException {
        assertNull(QueueRing.openIfPresent(dir.resolve("gone.sock.q1")));
        Path foreign = dir.resolve("foreign");
        Files.write(foreign, new byte[8192]);
        ProcessException e = assertThrows(ProcessException.class, () -> QueueRing.openIfPresent(foreign));
        assertTrue(e.getMessage().contains("not a queue ring"), e.getMessage());
    }

    @Test
    void aDamagedRecordAtTheHeadIsReportedNotReadAsAnElement() throws IOException {
        QueueRing.Writer writer = QueueRing.create(file());
        writer.offer(element(1, 16));
        try (var ch = java.nio.channels.FileChannel.open(writer.ring().file(), java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(0, -7), 4096);
        }
        ProcessException e = assertThrows(ProcessException.class, () -> QueueRing.openIfPresent(writer.ring().file()).claim());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void theRingLivesBesideItsHostsSocket() {
        Path socket = dir.resolve("1234.sock");
        assertEquals(dir.resolve("1234.sock.q5"), QueueRing.pathFor(socket, 5));
    }
}
