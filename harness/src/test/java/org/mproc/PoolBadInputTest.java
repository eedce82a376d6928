package org.mproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.Pools;

/**
 * G-POOL-7 and G-POOL-9 at every entry point: bad configuration and null functions are refused at
 * once; a function, argument or initializer that cannot be serialized fails in the caller, naming
 * the class, before any worker runs any task of that call.
 */
class PoolBadInputTest {
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(1);
    }

    @AfterAll
    static void stopPool() {
        Pools.closeWithin(pool, Delays.CHILD);
    }


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
        assertThrows(IllegalArgumentException.class, () -> pool.map(x -> x, range(3), -1));
        assertThrows(IllegalArgumentException.class, () -> pool.mapAsync(x -> x, range(3), 0));
        assertThrows(NullPointerException.class, () -> pool.map(null, range(3), 2));
        assertThrows(NullPointerException.class, () -> pool.mapAsync(null, range(3)));
        assertThrows(NullPointerException.class, () -> pool.mapAsync(null, List.of()));
        assertThrows(NullPointerException.class, () -> pool.apply(null, 1));
        assertThrows(NullPointerException.class, () -> pool.applyAsync(null, 1));
        assertThrows(NullPointerException.class, () -> pool.map(x -> x, null));
        assertEquals(range(3), pool.map(x -> x, range(3)), "refused calls leave the pool as it was");
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
                    () -> pool.mapAsync(x -> marked(x, dir), items, 10));
            assertTrue(e.getMessage().contains("java.lang.Thread"), e::getMessage);
            assertThrows(IllegalArgumentException.class, () -> pool.applyAsync(x -> marked(x, dir), new Thread()));
            // The pool answers a later call, so anything the refused call had sent would have run by now.
            assertEquals(range(4), pool.map(x -> x, range(4), 1));
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
}
