package org.mproc.pool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pool;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.SharedPool;

/**
 * G-POOL-7 and G-POOL-9 at every entry point: bad configuration and null functions are refused at
 * once; a function, argument or initializer that cannot be serialized fails in the caller, naming
 * the class, before any worker runs any task of that call.
 */
class PoolBadInputTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(1);


    @Test
    @Tag("G-POOL-9")
    void badConfigurationIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new Pool(-1));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().processes(0));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(-3));
        assertThrows(NullPointerException.class, () -> Pool.builder().initializer(null));
    }

    @Test
    @Tag("G-POOL-9")
    void badCallsAreRefusedAtOnceAtEveryEntryPoint() {
        assertThrows(IllegalArgumentException.class, () -> POOL.get().map(x -> x, range(3), -1));
        assertThrows(IllegalArgumentException.class, () -> POOL.get().mapAsync(x -> x, range(3), 0));
        assertThrows(NullPointerException.class, () -> POOL.get().map(null, range(3), 2));
        assertThrows(NullPointerException.class, () -> POOL.get().mapAsync(null, range(3)));
        assertThrows(NullPointerException.class, () -> POOL.get().mapAsync(null, List.of()));
        assertThrows(NullPointerException.class, () -> POOL.get().apply(null, 1));
        assertThrows(NullPointerException.class, () -> POOL.get().applyAsync(null, 1));
        assertThrows(NullPointerException.class, () -> POOL.get().map(x -> x, null));
        assertEquals(range(3), POOL.get().map(x -> x, range(3)), "refused calls leave the pool as it was");
    }

    static int marked(Object x, String dir) {
        Marks.put(dir, "ran-" + x, Marks.pid());
        return 0;
    }

    @Test
    @Tag("G-POOL-7")
    void anUnserializableArgumentInTheMiddleFailsTheWholeCallBeforeAnyTaskRuns() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            List<Object> items = new ArrayList<>(range(100));
            items.set(57, new Thread());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> POOL.get().mapAsync(x -> marked(x, dir), items, 10));
            assertTrue(e.getMessage().contains("java.lang.Thread"), e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> POOL.get().applyAsync(x -> marked(x, dir), new Thread()));
            // The pool answers a later call, so anything the refused call had sent would have run by now.
            assertEquals(range(4), POOL.get().map(x -> x, range(4), 1));
            assertEquals(List.of(), marks.names("ran-"), "tasks of a refused call ran");
        }
    }

    @Test
    @Tag("G-POOL-7")
    void anUnserializableInitializerFailsBeforeAnyWorkerStarts() {
        Object captured = new Object();
        long before = ProcessHandle.current().descendants().count();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pool.builder().processes(2).initializer(() -> captured.hashCode()).build());
        assertTrue(e.getMessage().contains("java.lang.Object"), e::getMessage);
        assertTrue(ProcessHandle.current().descendants().count() <= before, "a worker was started");
    }

    /** Waits for the gate {@code go}, then leaves the mark {@code ran-x}. */
    static int gatedMark(Object x, String dir) throws InterruptedException {
        Marks.awaitGate(dir, "go", Delays.CHILD);
        Marks.put(dir, "ran-" + x, Marks.pid());
        return 0;
    }

    /**
     * imap reads its first chunks before it returns; an argument among them that cannot be
     * serialized fails the call there, and the caller, who gets no iterator to close, is left
     * nothing running: the chunks submitted before it that no worker has taken are cancelled (the
     * one worker holds at most two of them, G-POOL-4).
     */
    @Test
    @Tag("G-POOL-7")
    void anUnserializableArgumentInImapsFirstReadCancelsTheChunksSubmittedBeforeIt() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            List<Object> items = new ArrayList<>(range(3));
            items.add(new Thread());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> POOL.get().imap(x -> gatedMark(x, dir), items));
            assertTrue(e.getMessage().contains("java.lang.Thread"), e::getMessage);
            marks.open("go");
            // A later call runs after whatever of the refused call was left in the pool.
            assertEquals(range(4), POOL.get().map(x -> x, range(4), 1));
            await().during(Delays.scaled(Duration.ofMillis(300))).atMost(Delays.SHORT)
                    .untilAsserted(() -> assertFalse(marks.names("ran-").contains("ran-2"),
                            () -> "a chunk no worker had taken ran: " + marks.names("ran-")));
        }
    }
}
