package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.ChildProcess;
import org.mproc.SharedList;
import org.mproc.SharedMap;
import org.mproc.TaskFailedException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;
import org.mproc.testkit.SharedManager;

/**
 * A shared map's and list's operations that behave as {@code java.util.Map}'s and {@code List}'s
 * (G-MGR-10): the atomic ones raced from several processes, the others against a local map or
 * list given the same calls.
 */
class ManagerMapListOperationsTest {
    @RegisterExtension
    static final SharedManager MANAGER = new SharedManager();

    private static final int PROCESSES = 4;
    private static final List<String> TEXT = List.of("the", "cat", "and", "the", "hat", "and", "the", "bat");

    static void countWords(SharedMap<String, Integer> counts, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (String word : TEXT) {
                counts.merge(word, 1, Integer::sum);
            }
        }
    }

    @Test
    @Tag("G-MGR-10")
    void aWordCountWithMergeFromFourProcessesIsExact() throws Exception {
        SharedMap<String, Integer> counts = MANAGER.get().dict();
        int rounds = 50;
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                children.add(reaper.start(new ChildProcess("counter-" + i, () -> countWords(counts, rounds))));
            }
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(0, child.exitCode().orElseThrow(), child.toString());
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        for (String word : TEXT) {
            expected.merge(word, PROCESSES * rounds, Integer::sum);
        }
        assertEquals(expected, counts.snapshot(), "no update lost, none counted twice");
    }

    static void claim(SharedMap<String, Long> owners, long me) {
        for (int key = 0; key < 20; key++) {
            owners.putIfAbsent("key-" + key, me);
        }
    }

    @Test
    @Tag("G-MGR-10")
    void putIfAbsentRacedByProcessesKeepsTheFirstValueForEachKey() throws Exception {
        SharedMap<String, Long> owners = MANAGER.get().dict();
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                long me = i;
                children.add(reaper.start(new ChildProcess("claimer-" + i, () -> claim(owners, me))));
            }
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(0, child.exitCode().orElseThrow(), child.toString());
            }
        }
        Map<String, Long> claimed = owners.snapshot();
        assertEquals(20, claimed.size());
        for (Map.Entry<String, Long> e : claimed.entrySet()) {
            Long again = owners.putIfAbsent(e.getKey(), 99L);
            assertEquals(e.getValue(), again, "a present key keeps its owner and returns it");
        }
        assertTrue(new HashSet<>(claimed.values()).stream().allMatch(v -> v >= 0 && v < PROCESSES));
    }

    /** Starts an absent key, doubles a present one, and removes one grown past 10. */
    static Integer step(String key, Integer old) {
        if (old == null) {
            return key.length();
        }
        return old > 10 ? null : old * 2;
    }

    @Test
    @Tag("G-MGR-10")
    void mapOperationsAnswerAsJavaUtilMapsDo() {
        SharedMap<String, Integer> shared = MANAGER.get().dict();
        Map<String, Integer> local = new HashMap<>();
        qt().withExamples(30).forAll(lists().of(integers().between(0, 11)).ofSizeBetween(0, 25)).checkAssert(ops -> {
            shared.clear();
            local.clear();
            for (int op : ops) {
                String key = "k" + (op % 3);
                int n = op / 3;
                switch (n) {
                    case 0 -> assertEquals(local.merge(key, op, Integer::sum), shared.merge(key, op, Integer::sum), "merge");
                    case 1 -> assertEquals(local.putIfAbsent(key, op), shared.putIfAbsent(key, op), "putIfAbsent");
                    case 2 -> assertEquals(local.compute(key, ManagerMapListOperationsTest::step),
                            shared.compute(key, ManagerMapListOperationsTest::step), "compute");
                    default -> assertEquals(local.put(key, null), shared.put(key, null), "put null");
                }
                assertEquals(local.containsKey(key), shared.containsKey(key), "containsKey " + key);
                assertEquals(local.getOrDefault(key, -1), shared.getOrDefault(key, -1), "getOrDefault " + key);
            }
            assertEquals(local, shared.snapshot());
            assertEquals(local.keySet(), shared.keySet());
            assertEquals(new HashSet<>(local.entrySet()), shared.entrySet());
            List<Integer> values = new ArrayList<>(shared.values());
            List<Integer> expected = new ArrayList<>(local.values());
            values.sort(java.util.Comparator.nullsFirst(Integer::compare));
            expected.sort(java.util.Comparator.nullsFirst(Integer::compare));
            assertEquals(expected, values);
        });
        shared.clear();
        assertEquals(0, shared.size());
    }

    static Integer failChecked(Integer old, Integer value) throws IOException {
        throw new IOException("merge refused " + value);
    }

    @Test
    @Tag("G-MGR-10")
    @Tag("G-MGR-4")
    void aMergeOrComputeThatThrowsLeavesTheMapAsItWas() {
        SharedMap<String, Object> map = MANAGER.get().dict();
        map.put("k", 1);
        TaskFailedException checked = assertThrows(TaskFailedException.class,
                () -> map.merge("k", 2, (a, b) -> failChecked((Integer) a, (Integer) b)));
        assertEquals("merge refused 2", checked.getCause().getMessage());
        IllegalStateException unchecked = assertThrows(IllegalStateException.class,
                () -> map.compute("k", (k, v) -> { throw new IllegalStateException("no " + v); }));
        assertEquals("no 1", unchecked.getMessage());
        IllegalArgumentException unserializable = assertThrows(IllegalArgumentException.class,
                () -> map.compute("k", (k, v) -> new Object()));
        assertTrue(unserializable.getMessage().contains("cannot be serialized"), unserializable.getMessage());
        assertEquals(Map.of("k", 1), map.snapshot());
        assertThrows(NullPointerException.class, () -> map.merge("k", null, (a, b) -> a));
        assertThrows(NullPointerException.class, () -> map.merge("k", 1, null));
        assertThrows(NullPointerException.class, () -> map.compute("k", null));
        assertThrows(IllegalArgumentException.class, () -> map.putIfAbsent("k", new Object()));
        assertEquals(Map.of("k", 1), map.snapshot());
    }

    @Test
    @Tag("G-MGR-10")
    void theMapsViewsAreSnapshots() {
        SharedMap<String, Integer> map = MANAGER.get().dict();
        map.put("a", 1);
        Set<String> keys = map.keySet();
        keys.add("b");
        map.entrySet().forEach(e -> e.setValue(7));
        map.values().clear();
        assertEquals(Map.of("a", 1), map.snapshot());
    }

    static void appendBatches(SharedList<String> list, String who) {
        for (int b = 0; b < 10; b++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(who + "-" + b + "-" + i);
            }
            list.addAll(batch);
        }
    }

    @Test
    @Tag("G-MGR-10")
    void addAllFromSeveralProcessesKeepsEachBatchTogether() throws Exception {
        SharedList<String> list = MANAGER.get().list();
        try (Reaper reaper = new Reaper()) {
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                String who = "p" + i;
                children.add(reaper.start(new ChildProcess("appender-" + i, () -> appendBatches(list, who))));
            }
            for (ChildProcess child : children) {
                Reaper.joinWithin(child, Delays.CHILD);
                assertEquals(0, child.exitCode().orElseThrow(), child.toString());
            }
        }
        List<String> all = list.snapshot();
        assertEquals(PROCESSES * 10 * 5, all.size());
        for (int at = 0; at < all.size(); at += 5) {
            String batch = all.get(at).substring(0, all.get(at).lastIndexOf('-'));
            for (int i = 0; i < 5; i++) {
                assertEquals(batch + "-" + i, all.get(at + i), "batch " + batch + " is contiguous and in order");
            }
        }
    }

    @Test
    @Tag("G-MGR-10")
    void listOperationsAnswerAsJavaUtilListsDo() {
        SharedList<Integer> shared = MANAGER.get().list();
        qt().withExamples(30).forAll(lists().of(integers().between(-1, 6)).ofSizeBetween(0, 12),
                lists().of(integers().between(-1, 6)).ofSizeBetween(0, 6)).checkAssert((first, second) -> {
            shared.clear();
            List<Integer> local = new ArrayList<>();
            List<Integer> a = new ArrayList<>(first);
            a.replaceAll(x -> x < 0 ? null : x);
            assertEquals(local.addAll(a), shared.addAll(a));
            assertEquals(local.addAll(second), shared.addAll(second));
            for (Integer wanted : new Integer[] {null, 0, 3, 6, 7}) {
                assertEquals(local.indexOf(wanted), shared.indexOf(wanted), "indexOf " + wanted);
                assertEquals(local.contains(wanted), shared.contains(wanted), "contains " + wanted);
            }
            List<Integer> iterated = new ArrayList<>();
            for (Integer x : shared) {
                iterated.add(x);
            }
            assertEquals(local, iterated);
        });
        shared.clear();
        assertEquals(0, shared.size());
        assertThrows(NullPointerException.class, () -> shared.addAll(null));
    }

    @Test
    @Tag("G-MGR-10")
    void anAddAllWithAnUnserializableElementAddsNothing() {
        SharedList<Object> list = MANAGER.get().list();
        list.add("kept");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> list.addAll(List.of("fine", new Object())));
        assertTrue(e.getMessage().contains("element 1"), e.getMessage());
        assertEquals(List.of("kept"), list.snapshot());
        assertFalse(list.addAll(Collections.emptyList()));
    }

    @Test
    @Tag("G-MGR-10")
    void iterationWalksTheSnapshotTakenWhenItStarted() {
        SharedList<String> list = MANAGER.get().list();
        list.addAll(List.of("a", "b"));
        java.util.Iterator<String> it = list.iterator();
        list.add("c");
        assertEquals("a", it.next());
        assertEquals("b", it.next());
        assertFalse(it.hasNext());
        assertThrows(UnsupportedOperationException.class, () -> {
            java.util.Iterator<String> again = list.iterator();
            again.next();
            again.remove();
        });
    }
}
