package org.mproc.internal.wire.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.mproc.internal.wire.FrameLimits;

/**
 * JDK serialization behind an {@link ObjectInputFilter} that bounds graph depth, array length and
 * references. The byte limit is the frame cap: bytes only reach this codec from one frame.
 * Limits are overridable with {@code -Dmproc.codec.maxDepth}, {@code .maxArray}, {@code .maxRefs}.
 */
public final class JdkCodec implements Codec {
    static final JdkCodec INSTANCE = new JdkCodec(
            Long.getLong("mproc.codec.maxDepth", 1_000),
            Long.getLong("mproc.codec.maxArray", FrameLimits.maxFrame()),
            Long.getLong("mproc.codec.maxRefs", 10_000_000));

    private final ObjectInputFilter filter;

    JdkCodec(long maxDepth, long maxArray, long maxRefs) {
        this.filter = info -> {
            if (info.depth() > maxDepth || info.references() > maxRefs || info.arrayLength() > maxArray) {
                return ObjectInputFilter.Status.REJECTED;
            }
            return ObjectInputFilter.Status.UNDECIDED;
        };
    }

    /**
     * Refuses {@code type} where this codec's filter would refuse it in a stream, {@code depth}
     * deep: the fast paths never instantiate a class that JDK serialization would refuse. (Since
     * JDK 17, setting a stream's filter replaces the JVM-wide {@code jdk.serialFilter}, so this
     * filter is the whole of what JDK serialization applies here.)
     */
    void admit(Class<?> type, long depth) throws InvalidClassException {
        if (filter.checkInput(new ClassCheck(type, depth)) == ObjectInputFilter.Status.REJECTED) {
            throw new InvalidClassException(type.getName(), "filter status: REJECTED");
        }
    }

    /** The question a stream asks its filter before it makes an object of a class. */
    private record ClassCheck(Class<?> serialClass, long depth) implements ObjectInputFilter.FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long references() {
            return 0;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }

    @Override
    public byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        return decode(bytes, 0, bytes.length);
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
}
