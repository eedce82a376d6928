package org.mproc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.IMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mproc.AuthenticationException;
import org.mproc.cluster.internal.DictEntries;

/**
 * A cluster dict (G-CLUSTER-7): merges from tasks in several members lose nothing, a word count is
 * exact, a function's exception reaches the caller and leaves the entry, and a value forged or
 * moved between entries by a peer without the secret is refused.
 */
@Tag("G-CLUSTER-7")
@Timeout(180)
@ExtendWith(SharedTestCluster.class)
class ClusterDictTest {
    private static Cluster cluster;
    private static ClusterPool pool;

    @BeforeAll
    static void useTheSharedCluster(Cluster shared, ClusterPool sharedPool) {
        cluster = shared;
        pool = sharedPool;
    }

    @Test
    void mergesFromTasksInSeveralMembersLoseNoUpdate() {
        ClusterDict<String, Integer> d = cluster.dict("counter");
        pool.map(i -> {
            for (int k = 0; k < 250; k++) {
                d.merge("n", 1, Integer::sum);
            }
            return i;
        }, List.of(1, 2, 3, 4), 1);
        assertEquals(1000, d.get("n"));
    }

    @Test
    void aWordCountByMergeIsExact() {
        ClusterDict<String, Integer> counts = cluster.dict("words");
        List<String> words = IntStream.range(0, 400).mapToObj(i -> "w" + (i * 7 % 13)).toList();
        pool.map(w -> counts.merge(w, 1, Integer::sum), words, 25);
        Map<String, Integer> expected = new HashMap<>();
        words.forEach(w -> expected.merge(w, 1, Integer::sum));
        assertEquals(expected, counts.snapshot());
        assertEquals(13, counts.size());
    }

    @Test
    void getPutRemoveComputeAndAFailingFunction() {
        ClusterDict<String, String> d = cluster.dict("plain");
        assertNull(d.put("a", "x"));
        assertEquals("x", d.put("a", "y"));
        assertEquals("y!", d.compute("a", (k, old) -> old + "!"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.compute("a", (k, old) -> {
            throw new IllegalStateException("no");
        }));
        assertEquals("no", e.getMessage());
        assertEquals("y!", d.get("a"), "a failed update leaves the entry");
        assertEquals("y!", d.remove("a"));
        assertNull(d.get("a"));
    }

    @Test
    void aForgedOrMovedValueIsRefused() {
        ClusterDict<String, String> d = cluster.dict("guarded");
        d.put("one", "1");
        d.put("two", "2");
        IMap<String, byte[]> raw = cluster.hazelcast().getMap(DictEntries.PREFIX + "guarded");
        Map<String, byte[]> stored = new HashMap<>(raw);
        String idOne = stored.keySet().stream().filter(id -> {
            try {
                return d.get("one") != null && new String(stored.get(id), java.nio.charset.StandardCharsets.ISO_8859_1).contains("one");
            } catch (RuntimeException x) {
                return false;
            }
        }).findFirst().orElseThrow();
        String idTwo = stored.keySet().stream().filter(id -> !id.equals(idOne)).findFirst().orElseThrow();
        raw.put(idOne, stored.get(idTwo)); // "two"'s sealed entry moved under "one"
        AuthenticationException moved = assertThrows(AuthenticationException.class, () -> d.get("one"));
        assertTrue(moved.getMessage().contains("it was sealed for"), moved.getMessage());
        raw.put(idTwo, new byte[64]);
        AuthenticationException forged = assertThrows(AuthenticationException.class, () -> d.get("two"));
        assertTrue(forged.getMessage().contains("nothing was decoded"), forged.getMessage());
    }
}
