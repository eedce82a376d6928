package org.mproc.internal.wire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessFunction;
import org.mproc.ProcessTask;

/** The standard codec's fast shapes round-trip, lambdas take the fast path only when it is safe. */
public class FastCodecTest {
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

    @Test
    void leafValuesRoundTrip() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 100)).checkAssert(s -> assertEquals(s, roundTrip(s)));
        qt().forAll(integers().all()).checkAssert(i -> assertEquals(i, roundTrip(i)));
        qt().forAll(longs().all()).checkAssert(l -> assertEquals(l, roundTrip(l)));
        qt().forAll(doubles().any()).checkAssert(d -> assertEquals(d, roundTrip(d)));
        assertEquals("\ud800 lone", roundTrip("\ud800 lone"), "a lone surrogate survives");
        assertEquals("pair \ud83d\ude00", roundTrip("pair \ud83d\ude00"));
        assertEquals(null, roundTrip(null));
        assertEquals(Boolean.TRUE, roundTrip(true));
    }

    @Test
    void shortStringsAndSmallIntsTakeOneByteAndTheirNeighboursDoNot() throws Exception {
        assertEquals(0x0D, tag(127));
        assertEquals(0x0D, tag(-128));
        assertEquals(0x02, tag(128));
        assertEquals(0x02, tag(-129));
        assertEquals(2, codec.encode(5).length);
        String shortest = "é".repeat(85); // 170 bytes of UTF-8 behind a one-byte length
        assertEquals(0x0C, tag(shortest));
        assertEquals(0x01, tag(shortest + "x"));
        assertEquals(0x0C, tag("\u20ac".repeat(85)), "255 bytes: the most a one-byte length holds");
        for (Object v : new Object[] {127, -128, 128, -129, shortest, shortest + "x", "\u20ac".repeat(85), "",
                "\ud83d\ude00".repeat(42) + "a", "\ud800".repeat(3)}) {
            assertEquals(v, roundTrip(v));
        }
    }

    public static String greet(String name, int times) {
        return (name + "!").repeat(times);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLambdaCapturingLeafValuesTakesTheFastPathAndStillWorks() throws Exception {
        String name = "ab";
        int times = 3;
        ProcessFunction<Integer, String> f = extra -> greet(name, times + extra);
        assertEquals(0x10, tag(f), "the LAMBDA shape");
        ProcessFunction<Integer, String> back = (ProcessFunction<Integer, String>) roundTrip(f);
        assertEquals("ab!ab!ab!ab!", back.apply(1));
    }

    @Test
    void aMethodReferenceAndANestedLambdaTakeTheFastPath() throws Exception {
        ProcessTask inner = FastCodecTest::noop;
        ProcessTask outer = () -> inner.run();
        assertEquals(0x10, tag(inner));
        assertEquals(0x10, tag(outer));
        ((ProcessTask) roundTrip(outer)).run();
    }

    public static void noop() {
        // The target of a method reference.
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLambdaCapturingAnObjectGoesWholeThroughJdkSerializationKeepingSharedReferences() throws Exception {
        java.util.LinkedList<String> shared = new java.util.LinkedList<>(List.of("x"));
        ProcessFunction<Integer, List<List<String>>> f = ignored -> List.of(shared, shared);
        assertEquals(0x7F, tag(f), "the JDK shape");
        List<List<String>> both = ((ProcessFunction<Integer, List<List<String>>>) roundTrip(f)).apply(0);
        assertSame(both.get(0), both.get(1), "one captured object stays one object");
        assertNotSame(shared, both.get(0), "and it is a copy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLambdaCapturingTheSameListTwiceKeepsItOneList() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("x"));
        ArrayList<String> alias = list;
        ProcessFunction<Integer, Boolean> f = ignored -> list == alias;
        assertEquals(0x7F, tag(f), "a list seen twice cannot take the fast path");
        assertEquals(Boolean.TRUE, ((ProcessFunction<Integer, Boolean>) roundTrip(f)).apply(0));
        ArrayList<String> once = new ArrayList<>(List.of("y"));
        ProcessFunction<Integer, Integer> g = ignored -> once.size();
        assertEquals(0x10, tag(g), "a list captured once is a fast value");
        assertEquals(1, ((ProcessFunction<Integer, Integer>) roundTrip(g)).apply(0));
    }

    @Test
    void corruptInputIsRefused() {
        assertThrows(StreamCorruptedException.class, () -> codec.decode(new byte[0]));
        assertThrows(StreamCorruptedException.class, () -> codec.decode(new byte[] {0x42}));
        assertThrows(StreamCorruptedException.class, () -> codec.decode(new byte[] {0x01, 0, 0, 0, 9, 'a'}));
        assertThrows(StreamCorruptedException.class, () -> codec.decode(new byte[] {0x02, 0, 0, 0, 1, 7}));
    }

    @Test
    void aLambdaThatDoesNotMatchItsCapturingClassIsRefused() throws Exception {
        ProcessTask task = FastCodecTest::noop;
        byte[] bytes = codec.encode(task);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("noop", "nope");
        byte[] forged = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThrows(IOException.class, () -> codec.decode(forged));
    }

    @Test
    void arrayListsOfFastValuesTakeTheFastPathAndComeBackAsArrayLists() throws Exception {
        qt().forAll(lists().of(integers().all()).ofSizeBetween(0, 300)).checkAssert(xs -> {
            ArrayList<Integer> list = new ArrayList<>(xs);
            Object back = roundTrip(list);
            assertEquals(list, back);
            assertEquals(ArrayList.class, back.getClass());
        });
        ArrayList<Object> mixed = new ArrayList<>(List.of("a", 1, 2L, true, 1.5));
        mixed.add(null);
        mixed.add(new byte[] {1, 2});
        mixed.add(new ArrayList<>(List.of(new ArrayList<>(List.of(7)))));
        assertEquals(0x20, tag(mixed));
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) roundTrip(mixed);
        assertEquals(mixed.subList(0, 6), back.subList(0, 6));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2}, (byte[]) back.get(6));
        assertEquals(mixed.get(7), back.get(7));
        assertEquals(0x21, tag(new ArrayList<>(List.of(1, 2, 3))));
    }

    @Test
    void otherListsAndSharedOrCyclicListsGoThroughJdkSerialization() throws Exception {
        assertEquals(0x7F, tag(new java.util.LinkedList<>(List.of(1))), "the class must come back the same");
        assertEquals(0x7F, tag(List.of(1, 2)), "an immutable list is not an ArrayList");
        ArrayList<Integer> shared = new ArrayList<>(List.of(1));
        ArrayList<Object> twice = new ArrayList<>(List.of(shared, shared));
        assertEquals(0x7F, tag(twice));
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) roundTrip(twice);
        assertSame(back.get(0), back.get(1), "sharing kept");
        ArrayList<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertEquals(0x7F, tag(cycle));
    }
}
