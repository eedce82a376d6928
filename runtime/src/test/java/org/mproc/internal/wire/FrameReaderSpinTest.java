package org.mproc.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mproc.testkit.Delays;

/**
 * A reader that spins before it sleeps ({@link SpinWait}) reads the same frames as one that does
 * not, whether they come within the spin or long after it; a wait longer than the spin sleeps in
 * the kernel rather than burning the core; and a process never has more spinners than its places,
 * each given back however the wait ends.
 */
class FrameReaderSpinTest {
    @TempDir
    Path dir;

    private SocketChannel readerSide;
    private SocketChannel writerSide;

    @BeforeEach
    void connect() throws IOException {
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            writerSide = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            readerSide = server.accept();
        }
        Files.deleteIfExists(socket);
    }

    @AfterEach
    void close() throws IOException {
        readerSide.close();
        writerSide.close();
    }

    private FrameReader spinningReader() throws IOException {
        readerSide.configureBlocking(false);
        FrameReader reader = new FrameReader(readerSide, 1 << 20);
        reader.nonBlocking(new Readiness(readerSide, SelectionKey.OP_READ));
        reader.spinWhileWaiting();
        return reader;
    }

    @Test
    void framesThatComeWithinTheSpinOrLongAfterItAreReadInOrder() throws Exception {
        FrameReader reader = spinningReader();
        FrameWriter writer = new FrameWriter(writerSide, 1 << 20);
        int frames = 60;
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    // Every third frame comes well after any spin: the reader must have slept and woken.
                    if (i % 3 == 2) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
                    }
                    writer.write(new Frame(FrameTypes.MGR_REPLY, i, new byte[] {(byte) i, (byte) (i >> 8)}));
                }
                writerSide.shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Long> ids = new ArrayList<>();
        assertTimeoutPreemptively(Delays.LONG, () -> {
            for (Frame f = reader.read(); f != null; f = reader.read()) {
                assertArrayEquals(new byte[] {(byte) f.correlationId(), (byte) (f.correlationId() >> 8)}, f.payload());
                ids.add(f.correlationId());
            }
        });
        writing.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(frames, ids.size());
        for (int i = 0; i < frames; i++) {
            assertEquals(i, ids.get(i));
        }
        assertEquals(0, SpinWait.spinners(), "a spinning place was kept after the reads ended");
    }

    @Test
    void aLongWaitSleepsInsteadOfSpinning() throws Exception {
        FrameReader reader = spinningReader();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long waitMillis = 400;
        CompletableFuture<Long> cpuNanos = CompletableFuture.supplyAsync(() -> {
            long before = threads.getCurrentThreadCpuTime();
            try {
                for (int i = 0; i < 3; i++) {
                    assertNotNull(reader.read());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return threads.getCurrentThreadCpuTime() - before;
        });
        FrameWriter writer = new FrameWriter(writerSide, 1 << 20);
        for (int i = 0; i < 3; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(waitMillis / 3));
            writer.write(new Frame(FrameTypes.MGR_REPLY, i, new byte[0]));
        }
        long used = cpuNanos.get(Delays.LONG.toMillis(), TimeUnit.MILLISECONDS);
        // A reader that spun through its waits would use about all of the ~400 ms; three spins are microseconds.
        assertTrue(used < TimeUnit.MILLISECONDS.toNanos(waitMillis / 2),
                "the reader used " + used / 1_000_000 + " ms of CPU waiting " + waitMillis + " ms");
        assertEquals(0, SpinWait.spinners());
    }

    @Test
    void aWaitEndedByTheEndOfStreamGivesItsPlaceBack() throws Exception {
        FrameReader reader = spinningReader();
        CompletableFuture<Frame> read = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writerSide.shutdownOutput();
        assertNull(read.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(0, SpinWait.spinners());
    }

    @Test
    void aProcessHasNoMoreSpinnersThanItsPlaces() {
        List<Boolean> taken = new ArrayList<>();
        try {
            for (int i = 0; i < SpinWait.places(); i++) {
                taken.add(SpinWait.tryStart());
            }
            assertFalse(taken.contains(false), "a free place was refused");
            assertFalse(SpinWait.tryStart(), "a spinner was let in beyond " + SpinWait.places() + " places");
        } finally {
            taken.forEach(t -> {
                if (t) {
                    SpinWait.end();
                }
            });
        }
        if (SpinWait.places() > 0) {
            assertTrue(SpinWait.tryStart(), "a place given back cannot be taken again");
            SpinWait.end();
        }
    }

    @Test
    void aProcessHasOnePlaceFewerThanItsCpusSoOneCpuNeverSpins() {
        assertEquals(Math.max(0, Runtime.getRuntime().availableProcessors() - 1), SpinWait.places());
    }
}
