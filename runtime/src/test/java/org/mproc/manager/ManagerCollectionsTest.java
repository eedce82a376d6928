package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.SharedList;
import org.mproc.SharedMap;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.SharedManager;

/** dict(), list() and queue() of a manager, used from the parent and from a child. */
class ManagerCollectionsTest {
    @RegisterExtension
    static final SharedManager MANAGER = new SharedManager();

    static void fillFromChild(SharedMap<String, Integer> map, SharedList<String> list, ProcessQueue<String> queue)
            throws InterruptedException {
        map.put("child", 2);
        map.updateAndGet("parent", v -> v * 10);
        list.add("from child");
        queue.put("queued by the child");
    }

    @Test
    @Tag("G-MGR-1")
    void aChildsWritesToDictListAndQueueAreSeenByTheParent() throws Exception {
        SharedMap<String, Integer> map = MANAGER.get().dict();
        SharedList<String> list = MANAGER.get().list();
        ProcessQueue<String> queue = MANAGER.get().queue();
        map.put("parent", 1);
        list.add("from parent");
        try (Reaper reaper = new Reaper()) {
            ChildProcess child = reaper.start(new ChildProcess("filler", () -> fillFromChild(map, list, queue)));
            Reaper.joinWithin(child, Delays.CHILD);
            assertEquals(0, child.exitCode().orElseThrow(), child.toString());
        }
        assertEquals(Map.of("parent", 10, "child", 2), map.snapshot());
        assertEquals(2, map.size());
        assertEquals(List.of("from parent", "from child"), list.snapshot());
        assertEquals("queued by the child", queue.poll(Delays.SHORT));
    }

    @Test
    @Tag("G-MGR-4")
    void theServersExceptionsArriveWithClassAndMessage() {
        SharedList<String> list = MANAGER.get().list();
        list.add("a");
        list.add("b");
        String expected = assertThrows(IndexOutOfBoundsException.class, () -> new ArrayList<>(List.of("a", "b")).get(99))
                .getMessage();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> list.get(99));
        assertEquals(expected, e.getMessage());
        SharedMap<String, Integer> map = MANAGER.get().dict();
        assertNull(map.get("absent"));
        assertThrows(NoSuchElementException.class, () -> map.updateAndGet("absent", v -> v + 1));
    }

    @Test
    @Tag("G-MGR-5")
    void snapshotsAndElementsAreCopies() {
        SharedList<ArrayList<Integer>> list = MANAGER.get().list();
        list.add(new ArrayList<>(List.of(1)));
        list.get(0).add(2);
        list.snapshot().get(0).add(3);
        assertEquals(List.of(1), list.get(0));
        SharedMap<String, ArrayList<Integer>> map = MANAGER.get().dict();
        map.put("k", new ArrayList<>(List.of(1)));
        map.snapshot().get("k").add(2);
        assertEquals(List.of(1), map.get("k"));
        assertEquals(List.of(1), list.set(0, new ArrayList<>(List.of(5))), "set returns the previous element");
        assertEquals(List.of(5), list.remove(0));
        assertEquals(0, list.size());
        assertEquals(List.of(1), map.remove("k"));
    }
}
