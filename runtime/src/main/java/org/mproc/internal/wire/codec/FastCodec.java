package org.mproc.internal.wire.codec;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.lang.invoke.SerializedLambda;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The standard codec: compact encodings for common shapes in front of JDK serialization. The
 * first byte says which:
 *
 * <pre>
 *   0x00 NULL
 *   0x01 STRING   int n | n bytes UTF-8
 *   0x06 CHARS    int n | n UTF-16 chars (a string holding a lone surrogate, which UTF-8 cannot carry)
 *   0x07 BYTES    int n | n bytes (a byte[])
 *   0x20 LIST     int n | n values, each encoded by this table (an ArrayList, exactly that class)
 *   0x21 INTS     int n | n ints (an ArrayList of non-null Integers)
 *   0x02 INT      int       0x03 LONG  long     0x04 BOOLEAN byte    0x05 DOUBLE double
 *   0x10 LAMBDA   string capturingClass | string functionalInterfaceClass | string fiMethodName
 *                 | string fiMethodSignature | int implMethodKind | string implClass
 *                 | string implMethodName | string implMethodSignature | string instantiatedMethodType
 *                 | int k | k captured values, each encoded by this table (recursively)
 *   0x7F JDK      the rest is a JDK serialization stream, read behind the input filter
 * </pre>
 *
 * Lists take the LIST path only when they are exactly {@code ArrayList}s (so the class comes back
 * the same), hold only fast shapes, and no list occurs twice in the value (so no sharing is lost).
 * A lambda takes the LAMBDA path only when every value it captured is itself a fast shape (null,
 * a string, a boxed primitive, such a lambda): then no object identity can be lost between its
 * captures. Anything else — including one captured list — is written whole by JDK serialization,
 * which keeps shared references as they were.
 */
public final class FastCodec implements Codec {
    static final FastCodec INSTANCE = new FastCodec();

    private static final byte NULL = 0x00;
    private static final byte STRING = 0x01;
    private static final byte INT = 0x02;
    private static final byte LONG = 0x03;
    private static final byte BOOLEAN = 0x04;
    private static final byte DOUBLE = 0x05;
    private static final byte CHARS = 0x06;
    private static final byte BYTES = 0x07;
    private static final byte LIST = 0x20;
    private static final byte INTS = 0x21;
    private static final byte LAMBDA = 0x10;
    private static final byte JDK = 0x7F;
    /** Lambdas capturing lambdas: deeper than this is not a program, it is an attack on the stack. */
    private static final int MAX_NESTING = 64;

    private FastCodec() {}

    @Override
    public byte[] encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes, 8192));
        if (writeFast(value, out, 0, new IdentityHashMap<>())) {
            out.flush();
            return bytes.toByteArray();
        }
        byte[] jdk = JdkCodec.INSTANCE.encode(value); // JdkCodec loads only when needed
        byte[] tagged = new byte[jdk.length + 1];
        tagged[0] = JDK;
        System.arraycopy(jdk, 0, tagged, 1, jdk.length);
        return tagged;
    }

    /** Writes {@code value} in a fast shape, or returns false (leaving partial bytes) when it has none. */
    private boolean writeFast(Object value, DataOutputStream out, int depth, Map<Object, Boolean> seen)
            throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String) {
            String text = (String) value;
            if (isWellFormed(text)) {
                out.writeByte(STRING);
                writeString(text, out);
            } else {
                out.writeByte(CHARS);
                out.writeInt(text.length());
                out.writeChars(text);
            }
        } else if (value instanceof Integer) {
            out.writeByte(INT);
            out.writeInt((Integer) value);
        } else if (value instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Boolean) {
            out.writeByte(BOOLEAN);
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Double) {
            out.writeByte(DOUBLE);
            out.writeDouble((Double) value);
        } else if (value instanceof byte[]) {
            byte[] b = (byte[]) value;
            out.writeByte(BYTES);
            out.writeInt(b.length);
            out.write(b);
        } else if (value.getClass() == ArrayList.class) {
            return depth < MAX_NESTING && seen.put(value, Boolean.TRUE) == null
                    && writeList((ArrayList<?>) value, out, depth, seen);
        } else {
            SerializedLambda form = depth < MAX_NESTING ? SerializedLambdas.extract(value) : null;
            return form != null && seen.put(value, Boolean.TRUE) == null && writeLambda(form, out, depth, seen);
        }
        return true;
    }

    private boolean writeList(ArrayList<?> list, DataOutputStream out, int depth, Map<Object, Boolean> seen)
            throws IOException {
        int n = list.size();
        boolean ints = true;
        for (int i = 0; i < n && ints; i++) {
            ints = list.get(i) instanceof Integer;
        }
        if (ints) {
            out.writeByte(INTS);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeInt((Integer) list.get(i));
            }
            return true;
        }
        out.writeByte(LIST);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            if (!writeFast(list.get(i), out, depth + 1, seen)) {
                return false;
            }
        }
        return true;
    }

    private boolean writeLambda(SerializedLambda f, DataOutputStream out, int depth, Map<Object, Boolean> seen)
            throws IOException {
        out.writeByte(LAMBDA);
        for (String s : Arrays.asList(f.getCapturingClass(), f.getFunctionalInterfaceClass(),
                f.getFunctionalInterfaceMethodName(), f.getFunctionalInterfaceMethodSignature())) {
            writeString(s, out);
        }
        out.writeInt(f.getImplMethodKind());
        for (String s : Arrays.asList(f.getImplClass(), f.getImplMethodName(), f.getImplMethodSignature(),
                f.getInstantiatedMethodType())) {
            writeString(s, out);
        }
        out.writeInt(f.getCapturedArgCount());
        for (int i = 0; i < f.getCapturedArgCount(); i++) {
            if (!writeFast(f.getCapturedArg(i), out, depth + 1, seen)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        if (bytes.length == 0) {
            throw new StreamCorruptedException("no bytes to decode");
        }
        if (bytes[0] == JDK) {
            return JdkCodec.INSTANCE.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Object value = read(in, 0);
        if (in.available() != 0) {
            throw new StreamCorruptedException(in.available() + " bytes after the value");
        }
        return value;
    }

    private Object read(DataInputStream in, int depth) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case STRING: return readString(in);
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case BOOLEAN: return in.readBoolean();
            case DOUBLE: return in.readDouble();
            case CHARS: return readChars(in);
            case BYTES: return readBytes(in);
            case LIST: return readList(in, depth);
            case INTS: return readInts(in);
            case LAMBDA: return readLambda(in, depth);
            default: throw new StreamCorruptedException(String.format("unknown value tag 0x%02x", tag));
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = count(in, 1);
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private Object readList(DataInputStream in, int depth) throws IOException, ClassNotFoundException {
        if (depth >= MAX_NESTING) {
            throw new InvalidObjectException("lists nested deeper than " + MAX_NESTING);
        }
        int n = count(in, 1);
        ArrayList<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(read(in, depth + 1));
        }
        return list;
    }

    private static ArrayList<Integer> readInts(DataInputStream in) throws IOException {
        int n = count(in, 4);
        ArrayList<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readInt());
        }
        return list;
    }

    /** A count of elements of at least {@code bytesEach} bytes, checked against what is left. */
    private static int count(DataInputStream in, int bytesEach) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * bytesEach > in.available()) {
            throw new StreamCorruptedException("a value announces " + n + " elements with "
                    + in.available() + " bytes left");
        }
        return n;
    }

    private Object readLambda(DataInputStream in, int depth) throws IOException, ClassNotFoundException {
        if (depth >= MAX_NESTING) {
            throw new InvalidObjectException("lambdas nested deeper than " + MAX_NESTING);
        }
        String capturing = readString(in);
        String fiClass = readString(in);
        String fiMethod = readString(in);
        String fiSignature = readString(in);
        int kind = in.readInt();
        String implClass = readString(in);
        String implMethod = readString(in);
        String implSignature = readString(in);
        String instantiated = readString(in);
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new StreamCorruptedException("a lambda announces " + count + " captured values");
        }
        Object[] captured = new Object[count];
        for (int i = 0; i < count; i++) {
            captured[i] = read(in, depth + 1);
        }
        return SerializedLambdas.resolve(capturing, fiClass, fiMethod, fiSignature, kind, implClass, implMethod,
                implSignature, instantiated, captured);
    }

    /** Whether UTF-8 carries {@code s} exactly: every surrogate is half of a pair. */
    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String readChars(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available() / 2) {
            throw new StreamCorruptedException("a string announces " + length + " chars with "
                    + in.available() + " bytes left");
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    private static void writeString(String s, DataOutputStream out) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new StreamCorruptedException("a string announces " + length + " bytes with "
                    + in.available() + " left");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
