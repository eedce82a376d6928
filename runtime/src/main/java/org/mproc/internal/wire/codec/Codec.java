package org.mproc.internal.wire.codec;

import java.io.IOException;
import java.util.Arrays;

/**
 * Turns values into bytes and back. {@link #standard()} is {@link FastCodec}: compact encodings for
 * common shapes (null, strings, boxed primitives, byte arrays; {@code ArrayList}s, {@code HashMap}s,
 * {@code LinkedHashMap}s, {@code TreeMap}s and {@code Serializable} records of those; lambdas
 * capturing only those) in front of JDK serialization ({@link JdkCodec}, read behind an input
 * filter), which takes everything else.
 */
public interface Codec {
    /**
     * @throws java.io.NotSerializableException naming the class that cannot be written
     */
    byte[] encode(Object value) throws IOException;

    /**
     * @throws ClassNotFoundException when a class in the bytes cannot be loaded here
     * @throws java.io.InvalidClassException when the input filter rejects the graph (too deep, too large)
     */
    Object decode(byte[] bytes) throws IOException, ClassNotFoundException;

    /** Decodes the value whose bytes are {@code bytes[offset, offset + length)}. */
    default Object decode(byte[] bytes, int offset, int length) throws IOException, ClassNotFoundException {
        return decode(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The codec every process of the tree uses. */
    static Codec standard() {
        return FastCodec.INSTANCE;
    }
}
