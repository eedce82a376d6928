package org.mproc.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.ProcessTask;
import org.mproc.SharedMemory;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-SHM-1: a segment is the same bytes in every process of the tree — what a child writes the
 * parent reads and the other way round, whether the child got the handle captured in its task or
 * only the name — and its views are native-order views of those bytes.
 */
@Tag("G-SHM-1")
class SharedMemoryTest {

    /** Runs {@code task} in a child and expects it to end normally. */
    static void runInChild(String name, ProcessTask task) throws InterruptedException {
        List<String> output = new CopyOnWriteArrayList<>();
        try (Reaper reaper = new Reaper()) {
            ChildProcess p = reaper.start(ChildProcess.builder().name(name).target(task).output(output::add).build());
            Reaper.joinWithin(p, Delays.CHILD);
            assertEquals(OptionalInt.of(0), p.exitCode(), () -> name + " failed: " + p.failure() + ", output " + output);
        }
    }

    static void writeSquares(SharedMemory shm) {
        LongBuffer longs = shm.asLongBuffer();
        for (int i = 0; i < longs.capacity(); i++) {
            longs.put(i, (long) i * i);
        }
    }

    @Test
    void whatAChildWritesIsWhatTheParentReads() throws Exception {
        SharedMemory shm = SharedMemory.create(8 * 100);
        try {
            runInChild("writer", () -> writeSquares(shm));
            LongBuffer longs = shm.asLongBuffer();
            for (int i = 0; i < 100; i++) {
                assertEquals((long) i * i, longs.get(i), "long " + i);
            }
        } finally {
            shm.close();
            shm.unlink();
        }
    }

    /** Reads doubles 0..n-2 and writes their sum into the last one. */
    static void sumIntoLast(String name) {
        try (SharedMemory shm = SharedMemory.attach(name)) {
            double sum = 0;
            int last = shm.asDoubleBuffer().capacity() - 1;
            for (int i = 0; i < last; i++) {
                sum += shm.asDoubleBuffer().get(i);
            }
            shm.asDoubleBuffer().put(last, sum);
        }
    }

    @Test
    void whatTheParentWritesIsWhatAChildThatAttachesByNameReads() throws Exception {
        try (SharedMemory shm = SharedMemory.create("by-name-" + ProcessHandle.current().pid(), 8 * 5)) {
            shm.asDoubleBuffer().put(new double[] {0.5, 1.25, -3.0, 1e10});
            String name = shm.name();
            runInChild("reader", () -> sumIntoLast(name));
            assertEquals(0.5 + 1.25 - 3.0 + 1e10, shm.asDoubleBuffer().get(4));
            shm.unlink();
        }
    }

    static void createAndFill(String name) {
        SharedMemory shm = SharedMemory.create(name, 16);
        shm.asByteBuffer().put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        shm.close();
    }

    @Test
    void aSegmentMadeByAChildOutlivesItAndTheParentAttachesToIt() throws Exception {
        String name = "from-child-" + ProcessHandle.current().pid();
        runInChild("creator", () -> createAndFill(name));
        try (SharedMemory shm = SharedMemory.attach(name)) {
            assertEquals(16, shm.size());
            byte[] read = new byte[16];
            shm.asByteBuffer().get(read);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, read);
            shm.unlink();
        }
    }

    @Test
    void aNewSegmentIsZeroFilledOfItsSizeWithAFreshName() {
        try (SharedMemory a = SharedMemory.create(4099); SharedMemory b = SharedMemory.create(1)) {
            assertEquals(4099, a.size());
            assertEquals(1, b.size());
            assertTrue(a.name().matches("psm_[0-9a-f]{16}"), a.name());
            assertNotEquals(a.name(), b.name());
            ByteBuffer bytes = a.asByteBuffer();
            assertEquals(4099, bytes.remaining());
            for (int i = 0; i < bytes.limit(); i++) {
                assertEquals(0, bytes.get(i), "byte " + i);
            }
            a.unlink();
            b.unlink();
        }
    }

    @Test
    void viewsShareTheSameBytesInNativeOrderButNotTheirPositions() {
        try (SharedMemory shm = SharedMemory.create(20)) {
            assertEquals(5, shm.asIntBuffer().capacity());
            assertEquals(2, shm.asLongBuffer().capacity(), "trailing bytes short of a long are not in the view");
            assertEquals(2, shm.asDoubleBuffer().capacity());
            shm.asLongBuffer().put(1, 0x0102030405060708L);
            ByteBuffer bytes = shm.asByteBuffer();
            assertEquals(ByteOrder.nativeOrder(), bytes.order());
            assertEquals(0x0102030405060708L, bytes.getLong(8));
            assertEquals(bytes.getInt(8), shm.asIntBuffer().get(2));
            shm.asDoubleBuffer().put(0, Math.PI);
            assertEquals(Double.doubleToRawLongBits(Math.PI), shm.getLongVolatile(0));
            bytes.position(12);
            assertEquals(0, shm.asByteBuffer().position(), "each view has its own position");
            shm.unlink();
        }
    }

    @Test
    void aHandleNamesItsSegment() {
        SharedMemory shm = SharedMemory.create("named", 64);
        assertEquals("SharedMemory[named, 64 bytes]", shm.toString());
        shm.close();
        assertEquals("SharedMemory[named, 64 bytes, closed]", shm.toString());
        shm.unlink();
    }
}
