package org.mproc.internal.wire.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.StreamCorruptedException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A chunk's results in one array: each block is exactly what the codec gives the value alone, they
 * read back in order, a value that cannot be written leaves the others as they were, and a block
 * structure that does not add up is named.
 */
class EncodedValuesTest {
    private final Codec codec = Codec.standard();

    /** Fast shapes mixed with values only JDK serialization takes. */
    private static Gen<Object> values() {
        return Generate.oneOf(FastCodecMapTest.fastValues(),
                integers().between(0, 1000).map(i -> (Object) BigInteger.valueOf(i).shiftLeft(70)),
                integers().between(0, 9).map(i -> (Object) new HashMap<>(Map.of("k" + i, i))));
    }

    @Test
    void eachBlockIsTheValueEncodedAloneAndTheyReadBackInOrder() {
        qt().forAll(lists().of(values()).ofSizeBetween(0, 40)).checkAssert(list -> {
            try {
                EncodedValues encoded = new EncodedValues();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                DataOutputStream blocks = new DataOutputStream(expected);
                for (Object value : list) {
                    encoded.add(value);
                    byte[] alone = codec.encode(value);
                    blocks.writeInt(alone.length);
                    blocks.write(alone);
                }
                byte[] bytes = encoded.toByteArray();
                assertEquals(list.size(), encoded.count());
                assertArrayEquals(expected.toByteArray(), bytes);
                assertNull(EncodedValues.malformed(bytes, 0, bytes.length, list.size()));
                assertEquals(list, EncodedValues.decode(bytes, 0, list.size()));
            } catch (IOException | ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void valuesShareNothingEvenWhenTheSameListWasAddedTwice() throws Exception {
        ArrayList<Integer> shared = new ArrayList<>(List.of(1, 2, 3));
        EncodedValues encoded = new EncodedValues();
        encoded.add(shared);
        encoded.add(shared); // in one graph this would be a second reference; here each is alone
        byte[] bytes = encoded.toByteArray();
        List<Object> back = EncodedValues.decode(bytes, 0, 2);
        assertEquals(List.of(shared, shared), back);
        assertNotSame(back.get(0), back.get(1));
    }

    @Test
    void aValueThatCannotBeWrittenLeavesTheOthersAsTheyWere() throws Exception {
        EncodedValues encoded = new EncodedValues();
        encoded.add("before");
        byte[] before = encoded.toByteArray();
        List<Object> unwritable = new ArrayList<>(List.of("fast", new Object()));
        assertThrows(NotSerializableException.class, () -> encoded.add(unwritable));
        assertEquals(1, encoded.count());
        assertArrayEquals(before, encoded.toByteArray());
        encoded.add(7);
        byte[] bytes = encoded.toByteArray();
        assertEquals(List.of("before", 7), EncodedValues.decode(bytes, 0, 2));
    }

    @Test
    void blocksThatDoNotAddUpAreNamed() throws Exception {
        EncodedValues encoded = new EncodedValues();
        encoded.add(1);
        encoded.add("two");
        byte[] bytes = encoded.toByteArray();
        assertNotNull(EncodedValues.malformed(bytes, 0, bytes.length, 3), "fewer blocks than counted");
        assertEquals((bytes.length - 6) + " bytes after 1 blocks", EncodedValues.malformed(bytes, 0, bytes.length, 1),
                "the first block is a length and a small int, 6 bytes: the second is left over");
        assertNotNull(EncodedValues.malformed(bytes, 0, bytes.length - 1, 2), "the last block runs past the end");
        byte[] negative = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertEquals("block 0 of 1 announces -1 bytes with 0 left", EncodedValues.malformed(negative, 0, 4, 1));
        assertThrows(StreamCorruptedException.class, () -> EncodedValues.decode(bytes, 0, 3), "decode checks first");
    }
}
