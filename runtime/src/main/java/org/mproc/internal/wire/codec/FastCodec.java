package org.mproc.internal.wire.codec;

import java.io.IOException;
import java.io.StreamCorruptedException;

/**
 * The standard codec: compact encodings for common shapes in front of JDK serialization. The
 * first byte says which:
 *
 * <pre>
 *   0x00 NULL
 *   0x0C SHORT_STRING byte n | n bytes UTF-8 (n unsigned; a string of at most 85 chars)
 *   0x01 STRING     int n | n bytes UTF-8 (a longer string)
 *   0x06 CHARS      int n | n UTF-16 chars (a string holding a lone surrogate, which UTF-8 cannot carry)
 *   0x07 BYTES      int n | n bytes (a byte[])
 *   0x0D SMALL_INT byte (an Integer in −128…127)    0x02 INT int (any other Integer)
 *   0x03 LONG long    0x04 BOOLEAN byte    0x05 DOUBLE double
 *   0x08 FLOAT float    0x09 SHORT short    0x0A BYTE byte    0x0B CHAR char
 *   0x20 LIST       int n | n values, each encoded by this table (an ArrayList, exactly that class)
 *   0x21 INTS       int n | n ints (an ArrayList of non-null Integers)
 *   0x22 HASH_MAP   int n | n × (key, value), each encoded by this table (a HashMap, exactly)
 *   0x23 LINKED_MAP int n | n × (key, value) in iteration order (a LinkedHashMap, exactly, in
 *                   insertion order)
 *   0x24 TREE_MAP   int n | n × (key, value) in key order (a TreeMap, exactly, in natural order)
 *   0x30 RECORD     int c | (c = −1: string className) | int k | k component values, each encoded
 *                   by this table. c numbers the record classes of the value in the order they are
 *                   first met: −1 names a new one, which gets the next number
 *   0x10 LAMBDA     string capturingClass | string functionalInterfaceClass | string fiMethodName
 *                   | string fiMethodSignature | int implMethodKind | string implClass
 *                   | string implMethodName | string implMethodSignature | string instantiatedMethodType
 *                   | int k | k captured values, each encoded by this table (recursively)
 *   0x7F JDK        the rest is a JDK serialization stream, read behind the input filter
 *
 *   int, long, short: big-endian; string: int n | n bytes UTF-8; double, float: their IEEE bits
 * </pre>
 *
 * <p>A container takes a fast path only when it is exactly one of the classes named (so the class
 * comes back the same), holds only fast shapes, and occurs once in the value (so no sharing is
 * lost): a value met twice, shared or in a cycle, sends the whole value through JDK serialization,
 * which keeps shared references as they were ({@link FastWriter}). Behaviour comes back too: a
 * {@code LinkedHashMap} in access order and a {@code TreeMap} with a comparator go the JDK path; a
 * {@code HashMap} is rebuilt with the table JDK serialization gives it at the default load factor
 * (a load factor set at construction is not carried: it changes no content and no promise).
 *
 * <p>A record takes RECORD only when JDK serialization would write it the same way: it is
 * {@code Serializable}, declares no {@code writeReplace} or {@code readResolve}, and its components
 * are fast shapes. It is read back through its canonical constructor, its class loaded as
 * {@code ObjectInputStream} loads classes and admitted by the same input filter
 * ({@link RecordShape}), so the fast path never makes what the JDK path would refuse. A lambda
 * takes LAMBDA only when every value it captured is itself a fast shape.
 */
public final class FastCodec implements Codec {
    static final FastCodec INSTANCE = new FastCodec();

    static final byte NULL = 0x00;
    static final byte STRING = 0x01;
    static final byte INT = 0x02;
    static final byte LONG = 0x03;
    static final byte BOOLEAN = 0x04;
    static final byte DOUBLE = 0x05;
    static final byte CHARS = 0x06;
    static final byte BYTES = 0x07;
    static final byte FLOAT = 0x08;
    static final byte SHORT = 0x09;
    static final byte BYTE = 0x0A;
    static final byte CHAR = 0x0B;
    static final byte SHORT_STRING = 0x0C;
    static final byte SMALL_INT = 0x0D;
    static final byte LAMBDA = 0x10;
    static final byte LIST = 0x20;
    static final byte INTS = 0x21;
    static final byte HASH_MAP = 0x22;
    static final byte LINKED_MAP = 0x23;
    static final byte TREE_MAP = 0x24;
    static final byte RECORD = 0x30;
    static final byte JDK = 0x7F;
    /** Containers in containers: deeper than this is not a program, it is an attack on the stack. */
    static final int MAX_NESTING = 64;

    private FastCodec() {}

    @Override
    public byte[] encode(Object value) throws IOException {
        FastOutput out = new FastOutput();
        encode(value, new FastWriter(out), out);
        return out.toByteArray();
    }

    /**
     * Appends {@code value}'s bytes (as {@link #encode(Object)} returns them) to {@code out}, which
     * {@code writer} writes to; when it throws, {@code out} is as it was.
     */
    static void encode(Object value, FastWriter writer, FastOutput out) throws IOException {
        int start = out.size();
        try {
            writer.startValue();
            if (!writer.write(value, 0)) {
                out.truncate(start);
                byte[] jdk = JdkCodec.INSTANCE.encode(value); // JdkCodec loads only when needed
                out.reserve(1L + jdk.length);
                out.writeByte(JDK);
                out.write(jdk);
            }
        } catch (IOException | RuntimeException | Error e) {
            out.truncate(start);
            throw e;
        }
    }

    @Override
    public Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        return decode(bytes, 0, bytes.length);
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) throws IOException, ClassNotFoundException {
        FastInput in = new FastInput(bytes, offset, length);
        return decode(bytes, offset, length, in, new FastReader(in));
    }

    /** Decodes {@code bytes[offset, offset + length)} with {@code reader}, which reads {@code in}. */
    static Object decode(byte[] bytes, int offset, int length, FastInput in, FastReader reader)
            throws IOException, ClassNotFoundException {
        if (length == 0) {
            throw new StreamCorruptedException("no bytes to decode");
        }
        if (bytes[offset] == JDK) {
            return JdkCodec.INSTANCE.decode(bytes, offset + 1, length - 1);
        }
        in.window(offset, length);
        reader.startValue();
        Object value = reader.read(0);
        if (in.available() != 0) {
            throw new StreamCorruptedException(in.available() + " bytes after the value");
        }
        return value;
    }
}
