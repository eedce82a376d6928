package org.mproc.internal.wire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * RECORD: a Serializable record of fast components round-trips through its canonical constructor;
 * one JDK serialization would treat differently (not Serializable, writeReplace, readResolve, a
 * component with no fast shape, met twice) goes the JDK path and behaves exactly as it does there.
 */
class FastCodecRecordTest {
    private static final byte JDK = 0x7F;
    private static final byte RECORD = 0x30;
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

    /** Every primitive component type, a string, a list, a map and a nested record. */
    record Prims(int i, long l, double d, float f, short s, byte b, char c, boolean z) implements Serializable {}

    record Order(String customer, Prims numbers, ArrayList<Integer> lines, HashMap<String, Integer> stock)
            implements Serializable {}

    static Gen<Prims> prims() {
        Gen<Object[]> head = integers().all().zip(longs().all(), doubles().any(), floats().any(),
                (i, l, d, f) -> new Object[] {i, l, d, f});
        return head.zip(integers().between(Short.MIN_VALUE, Short.MAX_VALUE), integers().between(0, 0xFFFF),
                booleans().all(), (h, s, c, z) -> new Prims((Integer) h[0], (Long) h[1], (Double) h[2], (Float) h[3],
                        s.shortValue(), (byte) s.intValue(), (char) c.intValue(), z));
    }

    @Test
    void recordsOfFastComponentsRoundTripThroughTheirConstructor() throws Exception {
        Gen<Order> orders = strings().allPossible().ofLengthBetween(0, 10).zip(prims(),
                lists().of(integers().all()).ofSizeBetween(0, 8),
                maps().of(strings().basicLatinAlphabet().ofLengthBetween(1, 4), integers().all()).ofSizeBetween(0, 8),
                (customer, numbers, lines, stock) -> new Order(customer, numbers, new ArrayList<>(lines),
                        new HashMap<>(stock)));
        qt().forAll(orders).checkAssert(order -> {
            Object back = roundTrip(order);
            assertEquals(order, back);
            assertNotSame(order, back);
        });
        assertEquals(RECORD, tag(new Prims(1, 2, 3, 4, (short) 5, (byte) 6, '7', true)));
    }

    record Point(int x, int y) implements Serializable {}

    @Test
    void aListOfRecordsNamesTheirClassOnce() throws Exception {
        ArrayList<Point> one = new ArrayList<>(List.of(new Point(1, 2)));
        ArrayList<Point> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Point(i, -i));
        }
        int perPoint = (codec.encode(many).length - codec.encode(one).length) / 99;
        assertTrue(perPoint <= 1 + 4 + 4 + 2 * 5, "a class number, not a name, per record: " + perPoint + " bytes");
        assertEquals(many, roundTrip(many));
    }

    /** The canonical constructor refuses negative sizes: what arrives passes through it. */
    record Size(int value) implements Serializable {
        Size {
            if (value < 0) {
                throw new IllegalArgumentException("negative size " + value);
            }
        }
    }

    /** An accessor that computes: the fields are written, not what accessors return (as JDK serialization). */
    record Doubled(int value) implements Serializable {
        @Override
        public int value() {
            return value * 2;
        }
    }

    @Test
    void theFieldsAreWrittenAndTheCanonicalConstructorRuns() throws Exception {
        assertEquals(new Doubled(3), roundTrip(new Doubled(3)));
        assertEquals(6, ((Doubled) roundTrip(new Doubled(3))).value());
        byte[] bytes = codec.encode(new Size(7));
        assertEquals(RECORD, bytes[0]);
        assertEquals(0x0D, bytes[bytes.length - 2], "7 is a SMALL_INT, last in the bytes");
        bytes[bytes.length - 1] = (byte) -7;
        java.io.InvalidObjectException refused = assertThrows(java.io.InvalidObjectException.class,
                () -> codec.decode(bytes));
        assertTrue(refused.getMessage().contains("negative size"), refused::getMessage);
    }

    record NotSerializable(int value) {}

    record HoldsAnotherRecord(NotSerializable inner) implements Serializable {}

    @Test
    void aRecordThatIsNotSerializableFailsAsJdkSerializationFails() {
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> codec.encode(new NotSerializable(1)));
        assertEquals(NotSerializable.class.getName(), e.getMessage());
        NotSerializableException nested = assertThrows(NotSerializableException.class,
                () -> codec.encode(new HoldsAnotherRecord(new NotSerializable(2))));
        assertEquals(NotSerializable.class.getName(), nested.getMessage());
    }

    record Replaced(int value) implements Serializable {
        private Object writeReplace() {
            return new Point(value, value);
        }
    }

    record Resolved(int value) implements Serializable {
        private Object readResolve() {
            return new Resolved(value + 1);
        }
    }

    record Dated(java.time.LocalDate day) implements Serializable {}

    record Listed(LinkedList<Integer> values) implements Serializable {}

    @Test
    void recordsJdkSerializationTreatsDifferentlyGoTheJdkPath() throws Exception {
        assertEquals(JDK, tag(new Replaced(4)));
        assertEquals(new Point(4, 4), roundTrip(new Replaced(4)), "writeReplace honoured");
        assertEquals(JDK, tag(new Resolved(4)));
        assertEquals(new Resolved(5), roundTrip(new Resolved(4)), "readResolve honoured");
        assertEquals(JDK, tag(new Dated(java.time.LocalDate.of(2024, 1, 1))), "a component with no fast shape");
        assertEquals(JDK, tag(new Listed(new LinkedList<>(List.of(1)))));
    }

    record Pair(Object left, Object right) implements Serializable {}

    @Test
    void aValueMetTwiceInARecordKeepsItsSharingThroughTheJdkPath() throws Exception {
        ArrayList<Integer> shared = new ArrayList<>(List.of(1, 2));
        Pair pair = new Pair(shared, shared);
        assertEquals(JDK, tag(pair));
        Pair back = (Pair) roundTrip(pair);
        assertSame(back.left(), back.right());

        Point p = new Point(1, 1);
        ArrayList<Point> twice = new ArrayList<>(List.of(p, p));
        assertEquals(JDK, tag(twice));
        List<?> twiceBack = (List<?>) roundTrip(twice);
        assertSame(twiceBack.get(0), twiceBack.get(1));

        ArrayList<Point> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Point(i, i));
        }
        assertEquals(0x20, tag(many));
        many.add(many.get(3));
        assertEquals(JDK, tag(many), "a long list of records still notices one met twice");
        List<?> manyBack = (List<?>) roundTrip(many);
        assertSame(manyBack.get(3), manyBack.get(100));

        assertEquals(RECORD, tag(new Pair("same", "same")), "strings carry no identity anyone relies on");
        assertEquals(RECORD, tag(new Pair(new Point(1, 1), new Point(1, 1))), "equal records are not one record");
    }

    @Test
    void theJdkPathsInputFilterIsAskedBeforeARecordIsMade() {
        JdkCodec shallow = new JdkCodec(2, 1_000, 1_000);
        assertThrows(InvalidClassException.class, () -> shallow.admit(Point.class, 3));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> shallow.admit(Point.class, 2));
    }

    @Test
    void recordsAsMapValuesRoundTrip() {
        HashMap<String, Object> byName = new HashMap<>(Map.of("origin", new Point(0, 0), "size", new Size(3)));
        assertEquals(byName, roundTrip(byName));
    }
}
