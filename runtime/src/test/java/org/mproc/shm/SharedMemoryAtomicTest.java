package org.mproc.shm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.SharedMemory;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-SHM-2: the int and long accessors are atomic across processes. Four children each add 1 to
 * the same long 10,000 times with {@code getAndAddLong}, to an int with {@code getAndAddInt}, and
 * 1,000 times to another long with a {@code compareAndSetLong} loop: every count ends exact. The
 * children start adding together, once all are ready: with {@code getAndAddLong} made a volatile
 * read then a volatile write, this test failed (16,697 of 40,000 in one run), as CPython's plain
 * {@code buf} increments would lose updates.
 */
@Tag("G-SHM-2")
class SharedMemoryAtomicTest {
    private static final int CHILDREN = 4;
    private static final int ADDS = 10_000;
    private static final int CAS_ADDS = 1_000;
    private static final int LONG_AT = 0;
    private static final int INT_AT = 8;
    private static final int CAS_AT = 16;
    /** Where the children wait for the parent's go, so that they add at the same time. */
    private static final int GO_AT = 24;
    /** How many children are attached and waiting for the go. */
    private static final int READY_AT = 28;

    static void addMany(SharedMemory shm) {
        shm.getAndAddInt(READY_AT, 1);
        long deadline = System.nanoTime() + Delays.CHILD.toNanos();
        while (shm.getIntVolatile(GO_AT) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go from the parent");
            }
            Thread.onSpinWait();
        }
        for (int i = 0; i < ADDS; i++) {
            shm.getAndAddLong(LONG_AT, 1);
            shm.getAndAddInt(INT_AT, 1);
        }
        for (int i = 0; i < CAS_ADDS; i++) {
            long seen;
            do {
                seen = shm.getLongVolatile(CAS_AT);
            } while (!shm.compareAndSetLong(CAS_AT, seen, seen + 1));
        }
    }

    @Test
    void addsFromSeveralChildrenAreExact() throws Exception {
        try (SharedMemory shm = SharedMemory.create(32); Reaper reaper = new Reaper()) {
            List<ChildProcess> adders = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                adders.add(reaper.start(new ChildProcess("adder-" + i, () -> addMany(shm))));
            }
            await().atMost(Delays.LONG).alias("every adder is ready")
                    .until(() -> shm.getIntVolatile(READY_AT) == CHILDREN || adders.stream().anyMatch(p -> !p.isAlive()));
            shm.setIntVolatile(GO_AT, 1);
            for (ChildProcess p : adders) {
                Reaper.joinWithin(p, Delays.LONG);
                assertEquals(OptionalInt.of(0), p.exitCode(), () -> p + " failed: " + p.failure());
            }
            assertEquals((long) CHILDREN * ADDS, shm.getLongVolatile(LONG_AT));
            assertEquals(CHILDREN * ADDS, shm.getIntVolatile(INT_AT));
            assertEquals((long) CHILDREN * CAS_ADDS, shm.getLongVolatile(CAS_AT));
            shm.unlink();
        }
    }

    @Test
    void eachAccessorDoesWhatItsNameSays() {
        try (SharedMemory shm = SharedMemory.create(16)) {
            assertEquals(0, shm.getAndAddLong(8, 5));
            assertEquals(5, shm.getAndAddLong(8, -2));
            assertEquals(3, shm.asLongBuffer().get(1));
            assertFalse(shm.compareAndSetLong(8, 4, 9));
            assertTrue(shm.compareAndSetLong(8, 3, Long.MIN_VALUE));
            assertEquals(Long.MIN_VALUE, shm.getLongVolatile(8));
            shm.setLongVolatile(0, -1);
            assertEquals(-1, shm.asLongBuffer().get(0));

            assertEquals(-1, shm.getAndAddInt(4, 2));
            assertEquals(1, shm.getIntVolatile(4));
            assertTrue(shm.compareAndSetInt(4, 1, 77));
            assertFalse(shm.compareAndSetInt(4, 1, 78));
            shm.setIntVolatile(12, Integer.MAX_VALUE);
            assertEquals(Integer.MAX_VALUE, shm.asIntBuffer().get(3));
            assertEquals(77, shm.asIntBuffer().get(1));
            shm.unlink();
        }
    }
}
