package org.mproc.internal.wire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * HASH_MAP, LINKED_MAP and TREE_MAP: exactly those classes round-trip with their class, contents
 * and order; a subclass, a comparator, access order or a map met twice goes the JDK path, which
 * keeps them.
 */
class FastCodecMapTest {
    private static final byte JDK = 0x7F;
    private final Codec codec = Codec.standard();

    private Object roundTrip(Object value) {
        try {
            return codec.decode(codec.encode(value));
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private byte tag(Object value) throws IOException {
        return codec.encode(value)[0];
    }

    /** Keys and values of every leaf shape, lists of them, and null. */
    static Gen<Object> fastValues() {
        return Generate.oneOf(
                integers().all().map(i -> (Object) i),
                strings().allPossible().ofLengthBetween(0, 6).map(s -> (Object) s),
                integers().between(-1, 1).map(i -> i == 0 ? null : (Object) (i * 2L)),
                lists().of(integers().between(-9, 9)).ofSizeBetween(0, 3).map(l -> (Object) new ArrayList<>(l)));
    }

    @Test
    void wordCountsRoundTripAsHashMapsInTheOrderJdkSerializationGives() throws Exception {
        Gen<Map<String, Integer>> counts = maps().of(strings().basicLatinAlphabet().ofLengthBetween(1, 8),
                integers().between(1, 500)).ofSizeBetween(0, 400);
        qt().forAll(counts).checkAssert(generated -> {
            HashMap<String, Integer> map = new HashMap<>(generated);
            Object back = roundTrip(map);
            assertEquals(HashMap.class, back.getClass());
            assertEquals(map, back);
            try {
                Object viaJdk = JdkCodec.INSTANCE.decode(JdkCodec.INSTANCE.encode(map));
                assertEquals(new ArrayList<>(((Map<?, ?>) viaJdk).keySet()), new ArrayList<>(((Map<?, ?>) back).keySet()),
                        "the same table size, so the same iteration order as the JDK path");
            } catch (IOException | ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0x22, tag(new HashMap<>(Map.of("a", 1))));
    }

    @Test
    void mapsOfMixedFastValuesRoundTrip() {
        qt().forAll(lists().of(fastValues()).ofSizeBetween(0, 30), lists().of(fastValues()).ofSizeBetween(0, 30))
                .checkAssert((keys, values) -> {
                    HashMap<Object, Object> map = new HashMap<>();
                    for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                        map.put(keys.get(i), values.get(i));
                    }
                    assertEquals(map, roundTrip(map));
                });
    }

    @Test
    void linkedHashMapsKeepTheirInsertionOrder() throws Exception {
        qt().forAll(lists().of(strings().allPossible().ofLengthBetween(0, 5)).ofSizeBetween(0, 60)).checkAssert(keys -> {
            LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                map.put(keys.get(keys.size() - 1 - i), i);
            }
            Object back = roundTrip(map);
            assertEquals(LinkedHashMap.class, back.getClass());
            assertEquals(new ArrayList<>(map.entrySet()), new ArrayList<>(((Map<?, ?>) back).entrySet()));
        });
        assertEquals(0x23, tag(new LinkedHashMap<>(Map.of(1, 2))));
    }

    @Test
    void naturalOrderTreeMapsRoundTripAsTreeMaps() throws Exception {
        qt().forAll(lists().of(integers().all()).ofSizeBetween(0, 80), lists().of(fastValues()).ofSizeBetween(0, 80))
                .checkAssert((keys, values) -> {
                    TreeMap<Integer, Object> map = new TreeMap<>();
                    for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                        map.put(keys.get(i), values.get(i));
                    }
                    Object back = roundTrip(map);
                    assertEquals(TreeMap.class, back.getClass());
                    assertEquals(new ArrayList<>(map.entrySet()), new ArrayList<>(((Map<?, ?>) back).entrySet()));
                    assertEquals(null, ((TreeMap<?, ?>) back).comparator());
                });
        assertEquals(0x24, tag(new TreeMap<>(Map.of("b", 1, "a", 2))));
    }

    @Test
    void mapsNestInListsAndMaps() throws Exception {
        HashMap<String, Object> inner = new HashMap<>(Map.of("n", 1));
        TreeMap<String, Object> outer = new TreeMap<>(Map.of("inner", inner, "list", new ArrayList<>(List.of(1, 2))));
        ArrayList<Object> list = new ArrayList<>(List.of(outer, new LinkedHashMap<>(Map.of(3, "three"))));
        assertEquals(0x20, tag(list));
        assertEquals(list, roundTrip(list));
    }

    /** A HashMap of its own class: JDK serialization brings the class back; a HashMap fast path would not. */
    static final class CountingMap extends HashMap<String, Integer> {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void subclassesGoTheJdkPathAndKeepTheirClass() throws Exception {
        CountingMap map = new CountingMap();
        map.put("a", 1);
        assertEquals(JDK, tag(map));
        assertEquals(CountingMap.class, roundTrip(map).getClass());
        assertEquals(JDK, tag(Collections.unmodifiableMap(new HashMap<>(map))), "a wrapper is not a HashMap");
    }

    @Test
    void aTreeMapWithAComparatorGoesTheJdkPathAndKeepsIt() throws Exception {
        TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(Map.of("a", 1, "b", 2, "c", 3));
        assertEquals(JDK, tag(reversed));
        TreeMap<?, ?> back = (TreeMap<?, ?>) roundTrip(reversed);
        assertEquals(List.of("c", "b", "a"), new ArrayList<>(back.keySet()));
    }

    @Test
    void anAccessOrderedLinkedHashMapGoesTheJdkPathAndKeepsItsOrderRule() throws Exception {
        LinkedHashMap<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true);
        lru.put("a", 1);
        lru.put("b", 2);
        assertEquals(JDK, tag(lru));
        assertEquals(List.of("a", "b"), new ArrayList<>(lru.keySet()), "the probe leaves the map's order alone");
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Integer> back = (LinkedHashMap<String, Integer>) roundTrip(lru);
        back.get("a");
        assertEquals(List.of("b", "a"), new ArrayList<>(back.keySet()), "still in access order");
        assertEquals(JDK, tag(new LinkedHashMap<>(0, 0.75f, true)), "empty, it still is");
    }

    @Test
    void aMapMetTwiceOrHoldingItselfGoesTheJdkPathKeepingItOneMap() throws Exception {
        HashMap<String, Integer> shared = new HashMap<>(Map.of("x", 1));
        ArrayList<Object> twice = new ArrayList<>(List.of(shared, shared));
        assertEquals(JDK, tag(twice));
        List<?> back = (List<?>) roundTrip(twice);
        assertSame(back.get(0), back.get(1), "sharing kept");

        HashMap<String, Object> cycle = new HashMap<>();
        cycle.put("me", cycle);
        assertEquals(JDK, tag(cycle));
        Map<?, ?> cycleBack = (Map<?, ?>) roundTrip(cycle);
        assertSame(cycleBack, cycleBack.get("me"));

        ArrayList<Integer> key = new ArrayList<>(List.of(1));
        HashMap<Object, Object> keyAlsoValue = new HashMap<>();
        keyAlsoValue.put(key, key);
        assertEquals(JDK, tag(keyAlsoValue), "a list that is both key and value is one object");
    }

    @Test
    void aMapHoldingANonFastValueGoesWholeTheJdkPath() throws Exception {
        HashMap<String, Object> map = new HashMap<>();
        map.put("date", java.time.LocalDate.of(2024, 2, 29));
        assertEquals(JDK, tag(map));
        assertEquals(map, roundTrip(map));
    }
}
