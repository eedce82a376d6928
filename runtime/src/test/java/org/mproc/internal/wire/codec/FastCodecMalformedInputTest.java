package org.mproc.internal.wire.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Bytes the writer never makes are refused with the exception types the codec has always raised:
 * {@link EOFException} for a value cut short, {@link StreamCorruptedException} for an unknown tag,
 * a count or length the bytes cannot hold, or bytes after the value; {@link InvalidObjectException}
 * and {@link InvalidClassException} for values or classes that cannot be rebuilt;
 * {@link ClassNotFoundException} for a class that is not here. Nothing is allocated by a count
 * before it is checked.
 */
class FastCodecMalformedInputTest {
    private final Codec codec = Codec.standard();

    record Point(int x, int y) implements Serializable {}

    record Plain(int x) {}

    /** A value of every fast container shape. */
    private static Object everyShape() {
        HashMap<String, Object> map = new HashMap<>(Map.of("a", 1, "b", "two", "c", 3.0));
        map.put("points", new ArrayList<>(List.of(new Point(1, 2), new Point(3, 4))));
        map.put("tree", new TreeMap<>(Map.of(1, "x", 2, "y")));
        map.put("linked", new LinkedHashMap<>(Map.of("k", 'v')));
        map.put("ints", new ArrayList<>(List.of(1, 2, 3)));
        return map;
    }

    @Test
    void aValueCutShortAnywhereIsRefusedAsTruncated() throws Exception {
        byte[] whole = codec.encode(everyShape());
        qt().forAll(integers().between(1, whole.length - 1)).checkAssert(cut -> {
            byte[] shorter = java.util.Arrays.copyOf(whole, cut);
            IOException e = assertThrows(IOException.class, () -> codec.decode(shorter));
            assertTrue(e instanceof EOFException || e instanceof StreamCorruptedException, e::toString);
        });
    }

    @Test
    void unknownTagsInsideContainersAreRefused() {
        assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(0x22).i32(1).tag(0x42).done()));
        assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(0x20).i32(1).tag(0x55).done()));
        assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(0x00).tag(0x00).done()), "after the value");
    }

    @Test
    void countsTheBytesCannotHoldAreRefusedBeforeAnythingIsAllocated() {
        for (int t : new int[] {0x20, 0x21, 0x22, 0x23, 0x24, 0x07, 0x01, 0x06}) {
            assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(t).i32(Integer.MAX_VALUE).done()));
            assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(t).i32(-1).done()));
        }
        assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(0x0C).tag(0xFF).tag('a').done()),
                "a short string of 255 bytes with 1 left");
        assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(0x30).i32(7).i32(0).done()),
                "class number 7 when none was named");
        assertThrows(StreamCorruptedException.class, () -> codec.decode(tag(0x30).i32(-2).i32(0).done()));
    }

    @Test
    void classesThatAreNotRecordsTheFastPathMayRebuildAreRefused() {
        assertThrows(InvalidClassException.class, () -> codec.decode(record("java.lang.String", 0).done()));
        assertThrows(InvalidClassException.class, () -> codec.decode(record(Plain.class.getName(), 1)
                .tag(0x02).i32(5).done()), "not Serializable: the JDK path refuses it too");
        assertThrows(ClassNotFoundException.class, () -> codec.decode(record("no.such.Record", 0).done()));
        assertThrows(InvalidClassException.class, () -> codec.decode(record(Point.class.getName(), 3).done()),
                "three components for a two-component record");
    }

    @Test
    void valuesThatDoNotFitTheRecordOrTheMapAreRefused() {
        byte[] stringForInt = record(Point.class.getName(), 2).tag(0x01).utf8("a").tag(0x02).i32(4).done();
        assertThrows(InvalidObjectException.class, () -> codec.decode(stringForInt));
        byte[] nullForInt = record(Point.class.getName(), 2).tag(0x00).tag(0x02).i32(4).done();
        assertThrows(InvalidObjectException.class, () -> codec.decode(nullForInt));
        byte[] incomparableKeys = tag(0x24).i32(2).tag(0x02).i32(1).tag(0x00).tag(0x01).utf8("a").tag(0x00).done();
        assertThrows(InvalidObjectException.class, () -> codec.decode(incomparableKeys));
        assertThrows(InvalidObjectException.class, () -> codec.decode(tag(0x24).i32(1).tag(0x00).tag(0x00).done()),
                "a null key");
    }

    @Test
    void nestingStopsAtTheLimit() {
        Bytes deep = new Bytes();
        for (int i = 0; i < 100; i++) {
            deep.tag(0x22).i32(1).tag(0x00);
        }
        for (int i = 0; i < 300; i++) {
            deep.tag(0x00); // enough bytes that no count is refused first
        }
        assertThrows(InvalidObjectException.class, () -> codec.decode(deep.done()));
    }

    private static Bytes tag(int tag) {
        return new Bytes().tag(tag);
    }

    /** RECORD naming a new class, and the component count. */
    private static Bytes record(String className, int components) {
        return tag(0x30).i32(-1).utf8(className).i32(components);
    }

    /** Hand-made bytes: a tag is one byte, an int four (big-endian), a string an int length and UTF-8. */
    private static final class Bytes {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Bytes tag(int tag) {
            bytes.write(tag);
            return this;
        }

        Bytes i32(int v) {
            return tag(v >>> 24).tag(v >>> 16).tag(v >>> 8).tag(v);
        }

        Bytes utf8(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            i32(utf8.length);
            bytes.writeBytes(utf8);
            return this;
        }

        byte[] done() {
            return bytes.toByteArray();
        }
    }
}
