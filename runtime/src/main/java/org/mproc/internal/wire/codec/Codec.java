package org.mproc.internal.wire.codec;

import java.io.IOException;

/**
 * Turns values into bytes and back. The JDK-serialization codec is the general case; fast paths for
 * common shapes come in front of it later without changing callers.
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

    /** The codec every process of the tree uses. */
    static Codec standard() {
        return FastCodec.INSTANCE;
    }
}
