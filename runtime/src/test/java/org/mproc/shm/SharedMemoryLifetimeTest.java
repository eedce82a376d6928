package org.mproc.shm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.ChildProcess;
import org.mproc.SharedMemory;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * G-SHM-3, a segment's lifetime as CPython's: it lives until {@code unlink()}, whoever closes;
 * a process attached before the unlink keeps its mapping, attaching after it fails; and one
 * handle's lifecycle (UNMAPPED → OPEN → CLOSED, see {@link SharedMemory}), one test per transition.
 */
@Tag("G-SHM-3")
class SharedMemoryLifetimeTest {
    private static final int ATTACHED_AT = 0;
    private static final int UNLINKED_AT = 4;
    private static final int VALUE_AT = 8;
    private static final int ANSWER_AT = 16;
    private static final int REFUSED_AT = 24;

    private static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @Test
    void theSegmentOutlivesItsCreatorsClose() {
        String name = unique("closed-by-creator");
        SharedMemory creator = SharedMemory.create(name, 8);
        creator.asLongBuffer().put(0, 4711);
        creator.close();
        try (SharedMemory later = SharedMemory.attach(name)) {
            assertEquals(4711, later.asLongBuffer().get(0));
            later.unlink();
        }
    }

    @Test
    void attachingAfterUnlinkFailsNamingTheSegment() {
        String name = unique("unlinked");
        try (SharedMemory shm = SharedMemory.create(name, 8)) {
            shm.unlink();
            NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> SharedMemory.attach(name));
            assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("unlinked"), e.getMessage());
        }
    }

    /** In a child: says it has attached, waits for the unlink, then reads, writes and tries to attach anew. */
    static void keepUsingAfterUnlink(SharedMemory shm) {
        shm.setIntVolatile(ATTACHED_AT, 1);
        long deadline = System.nanoTime() + Delays.CHILD.toNanos();
        while (shm.getIntVolatile(UNLINKED_AT) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the parent never said it unlinked");
            }
            Thread.onSpinWait();
        }
        shm.setLongVolatile(ANSWER_AT, shm.getLongVolatile(VALUE_AT) + 1);
        try {
            SharedMemory.attach(shm.name()).close();
        } catch (NoSuchElementException expected) {
            shm.setIntVolatile(REFUSED_AT, 1);
        }
    }

    @Test
    void aProcessAttachedBeforeTheUnlinkKeepsItsMapping() throws Exception {
        try (SharedMemory shm = SharedMemory.create(32); Reaper reaper = new Reaper()) {
            shm.setLongVolatile(VALUE_AT, 41);
            ChildProcess child = reaper.start(new ChildProcess("attached", () -> keepUsingAfterUnlink(shm)));
            await().atMost(Delays.CHILD).alias("the child attached")
                    .until(() -> shm.getIntVolatile(ATTACHED_AT) == 1 || !child.isAlive());
            shm.unlink();
            shm.setIntVolatile(UNLINKED_AT, 1);
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(OptionalInt.of(0), child.exitCode(), () -> "child failed: " + child.failure());
            assertEquals(42, shm.getLongVolatile(ANSWER_AT), "the child read and wrote after the unlink");
            assertEquals(1, shm.getIntVolatile(REFUSED_AT), "the child could not attach anew after the unlink");
        }
    }

    @Test
    void viewsStayValidAfterCloseButTheHandleRefusesNewOnes() {
        SharedMemory shm = SharedMemory.create(8);
        ByteBuffer view = shm.asByteBuffer();
        shm.close();
        view.putLong(0, 99);
        assertEquals(99, view.getLong(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, shm::asByteBuffer);
        assertTrue(e.getMessage().contains(shm.name()) && e.getMessage().contains("closed"), e.getMessage());
        shm.close(); // CLOSED → CLOSED: nothing
        assertEquals(8, shm.size());
        try (SharedMemory again = SharedMemory.attach(shm.name())) {
            assertEquals(99, again.getLongVolatile(0), "close ended the handle, not the segment");
        }
        shm.unlink();
    }

    private static SharedMemory copied(SharedMemory shm) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(shm);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SharedMemory) in.readObject();
        }
    }

    @Test
    void aHandleReadFromAStreamAttachesOnFirstUseEvenAfterTheSenderClosed() throws Exception {
        SharedMemory shm = SharedMemory.create(16);
        shm.setLongVolatile(8, 7);
        shm.close();
        SharedMemory received = copied(shm); // UNMAPPED → OPEN on first use
        assertEquals(shm.name(), received.name());
        assertEquals(16, received.size());
        assertEquals(7, received.getLongVolatile(8));
        received.close();
        shm.unlink();
    }

    @Test
    void aReceivedHandleClosedBeforeItsFirstUseRefusesIt() throws Exception {
        try (SharedMemory shm = SharedMemory.create(8)) {
            SharedMemory received = copied(shm);
            received.close(); // UNMAPPED → CLOSED
            assertThrows(IllegalStateException.class, received::asLongBuffer);
            shm.unlink();
        }
    }

    @Test
    void aReceivedHandleNeverReachesANewerSegmentOfTheSameName() throws Exception {
        String name = unique("reused");
        SharedMemory first = SharedMemory.create(name, 8);
        SharedMemory received = copied(first);
        first.unlink();
        try (SharedMemory second = SharedMemory.create(name, 8)) {
            NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> received.getLongVolatile(0));
            assertTrue(e.getMessage().contains("newer segment"), e.getMessage());
            assertThrows(NoSuchElementException.class, received::unlink, "nor unlinks it");
            second.unlink();
        }
        first.close();
    }

    @Test
    void anUnattachedHandleOfAnUnlinkedSegmentFailsAtFirstUse() throws Exception {
        SharedMemory shm = SharedMemory.create(8);
        SharedMemory received = copied(shm);
        shm.unlink();
        assertThrows(NoSuchElementException.class, received::asByteBuffer);
        assertThrows(NoSuchElementException.class, received::asByteBuffer, "it stays unattached");
        shm.close();
    }

    static void unlinkIt(SharedMemory shm) {
        shm.unlink();
    }

    @Test
    void anyProcessMayUnlink() throws Exception {
        String name = unique("unlinked-by-child");
        try (SharedMemory shm = SharedMemory.create(name, 8)) {
            SharedMemoryTest.runInChild("unlinker", () -> unlinkIt(shm));
            assertThrows(NoSuchElementException.class, () -> SharedMemory.attach(name));
            shm.setLongVolatile(0, 1); // still mapped here
            assertEquals(1, shm.asLongBuffer().get(0));
        }
    }
}
