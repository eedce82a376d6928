package org.mproc.internal.wire.codec;

import static org.mproc.internal.wire.codec.FastCodec.BOOLEAN;
import static org.mproc.internal.wire.codec.FastCodec.BYTE;
import static org.mproc.internal.wire.codec.FastCodec.BYTES;
import static org.mproc.internal.wire.codec.FastCodec.CHAR;
import static org.mproc.internal.wire.codec.FastCodec.CHARS;
import static org.mproc.internal.wire.codec.FastCodec.DOUBLE;
import static org.mproc.internal.wire.codec.FastCodec.FLOAT;
import static org.mproc.internal.wire.codec.FastCodec.HASH_MAP;
import static org.mproc.internal.wire.codec.FastCodec.INT;
import static org.mproc.internal.wire.codec.FastCodec.INTS;
import static org.mproc.internal.wire.codec.FastCodec.LAMBDA;
import static org.mproc.internal.wire.codec.FastCodec.LINKED_MAP;
import static org.mproc.internal.wire.codec.FastCodec.LIST;
import static org.mproc.internal.wire.codec.FastCodec.LONG;
import static org.mproc.internal.wire.codec.FastCodec.MAX_NESTING;
import static org.mproc.internal.wire.codec.FastCodec.NULL;
import static org.mproc.internal.wire.codec.FastCodec.RECORD;
import static org.mproc.internal.wire.codec.FastCodec.SHORT;
import static org.mproc.internal.wire.codec.FastCodec.SHORT_STRING;
import static org.mproc.internal.wire.codec.FastCodec.SMALL_INT;
import static org.mproc.internal.wire.codec.FastCodec.STRING;
import static org.mproc.internal.wire.codec.FastCodec.TREE_MAP;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one value that {@link FastWriter} wrote. Every count is checked against the bytes left
 * before anything is allocated for it, and nesting stops at {@link FastCodec#MAX_NESTING}; a
 * record's class passes JDK serialization's input filter before it is instantiated
 * ({@link RecordShape#resolve}).
 */
final class FastReader {
    private final FastInput in;
    /** The record classes met so far, by number; made at the first one. */
    private List<RecordShape> recordClasses;

    FastReader(FastInput in) {
        this.in = in;
    }

    /** Forgets the record classes of the value read before: the next value stands alone. */
    void startValue() {
        recordClasses = null;
    }

    Object read(int depth) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL: return null;
            case SHORT_STRING: return in.readShortUtf8();
            case SMALL_INT: return (int) in.readByte();
            case STRING: return in.readUtf8();
            case INT: return in.readInt();
            case LONG: return in.readLong();
            case BOOLEAN: return in.readBoolean();
            case DOUBLE: return Double.longBitsToDouble(in.readLong());
            case CHARS: return in.readChars();
            case BYTES: return in.readBytes();
            case FLOAT: return Float.intBitsToFloat(in.readInt());
            case SHORT: return in.readShort();
            case BYTE: return in.readByte();
            case CHAR: return (char) in.readShort();
            case LIST: return readList(depth);
            case INTS: return readInts();
            case HASH_MAP: case LINKED_MAP: case TREE_MAP: return readMap(tag, depth);
            case RECORD: return readRecord(depth);
            case LAMBDA: return readLambda(depth);
            default: throw new StreamCorruptedException(String.format("unknown value tag 0x%02x", tag));
        }
    }

    private static void nest(int depth, String what) throws InvalidObjectException {
        if (depth >= MAX_NESTING) {
            throw new InvalidObjectException(what + " nested deeper than " + MAX_NESTING);
        }
    }

    private ArrayList<Object> readList(int depth) throws IOException, ClassNotFoundException {
        nest(depth, "lists");
        int n = in.count(1);
        ArrayList<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(read(depth + 1));
        }
        return list;
    }

    private ArrayList<Integer> readInts() throws IOException {
        int n = in.count(4);
        ArrayList<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readInt());
        }
        return list;
    }

    private Map<Object, Object> readMap(byte tag, int depth) throws IOException, ClassNotFoundException {
        nest(depth, "maps");
        int n = in.count(2);
        Map<Object, Object> map = tag == HASH_MAP ? new HashMap<>(tableFor(n))
                : tag == LINKED_MAP ? new LinkedHashMap<>(tableFor(n)) : new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Object key = read(depth + 1);
            Object value = read(depth + 1);
            try {
                map.put(key, value);
            } catch (ClassCastException | NullPointerException e) {
                InvalidObjectException invalid = new InvalidObjectException("a TreeMap's keys are not mutually"
                        + " comparable, or null");
                invalid.initCause(e);
                throw invalid;
            }
        }
        return map;
    }

    /**
     * The capacity {@code HashMap.readObject} gives {@code n} entries at the default load factor,
     * so a HashMap comes back with the table (and so the iteration order) JDK serialization gives it.
     */
    private static int tableFor(int n) {
        return (int) Math.max(16, Math.min(n / 0.75f + 1.0f, 1 << 30));
    }

    private Object readRecord(int depth) throws IOException, ClassNotFoundException {
        nest(depth, "records");
        int number = in.readInt();
        if (recordClasses == null) {
            recordClasses = new ArrayList<>();
        }
        RecordShape shape;
        if (number == -1) {
            shape = RecordShape.resolve(in.readUtf8(), depth + 1L);
            recordClasses.add(shape);
        } else if (number >= 0 && number < recordClasses.size()) {
            shape = recordClasses.get(number);
        } else {
            throw new StreamCorruptedException("a record names class number " + number + " of "
                    + recordClasses.size());
        }
        int k = in.readInt();
        if (k != shape.components()) {
            throw new InvalidClassException(shape.type.getName(), "has " + shape.components()
                    + " components, the bytes carry " + k);
        }
        Object[] values = new Object[k];
        for (int i = 0; i < k; i++) {
            values[i] = read(depth + 1);
        }
        return shape.construct(values);
    }

    private Object readLambda(int depth) throws IOException, ClassNotFoundException {
        nest(depth, "lambdas");
        String capturing = in.readUtf8();
        String fiClass = in.readUtf8();
        String fiMethod = in.readUtf8();
        String fiSignature = in.readUtf8();
        int kind = in.readInt();
        String implClass = in.readUtf8();
        String implMethod = in.readUtf8();
        String implSignature = in.readUtf8();
        String instantiated = in.readUtf8();
        int count = in.count(1);
        Object[] captured = new Object[count];
        for (int i = 0; i < count; i++) {
            captured[i] = read(depth + 1);
        }
        return SerializedLambdas.resolve(capturing, fiClass, fiMethod, fiSignature, kind, implClass, implMethod,
                implSignature, instantiated, captured);
    }
}
