package org.mproc.internal.wire.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec round-trips what it is given and its input filter bounds depth, arrays and references. */
class JdkCodecTest {
    private final JdkCodec small = new JdkCodec(20, 1_000, 500);

    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;

        final Node next;

        Node(Node next) {
            this.next = next;
        }
    }

    private static Node chain(int length) {
        Node n = null;
        for (int i = 0; i < length; i++) {
            n = new Node(n);
        }
        return n;
    }

    @Test
    void valuesRoundTrip() {
        qt().forAll(lists().of(strings().allPossible().ofLengthBetween(0, 40)).ofSizeBetween(0, 50),
                integers().all()).checkAssert((strings, number) -> {
                    try {
                        List<Object> value = new ArrayList<>(strings);
                        value.add(number);
                        assertEquals(value, small.decode(small.encode(value)));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void aGraphDeeperThanTheLimitIsRejected() throws Exception {
        byte[] shallow = small.encode(chain(10));
        small.decode(shallow);
        byte[] deep = small.encode(chain(50));
        assertThrows(InvalidClassException.class, () -> small.decode(deep));
    }

    @Test
    void anArrayLongerThanTheLimitIsRejectedBeforeItIsAllocated() throws Exception {
        assertArrayEquals(new byte[1_000], (byte[]) small.decode(small.encode(new byte[1_000])));
        byte[] big = small.encode(new byte[1_001]);
        assertThrows(InvalidClassException.class, () -> small.decode(big));
    }

    @Test
    void tooManyReferencesAreRejected() throws Exception {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(new Node(null));
        }
        byte[] bytes = small.encode(many);
        assertThrows(InvalidClassException.class, () -> small.decode(bytes));
    }

    @Test
    void aNonSerializableValueIsNamedWhenEncoding() {
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> small.encode(List.of(new Object())));
        assertEquals("java.lang.Object", e.getMessage());
    }
}
