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

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Writes one value in {@link FastCodec}'s shapes (its table says which), or gives up:
 * {@link #write} returns false when some part of the value has none, and the codec then writes the
 * whole value with JDK serialization. Identity stays honest: a container (list, map, record,
 * lambda) may occur once in the value; one met twice, shared or in a cycle, makes the writer give
 * up, since these shapes would read it back as two objects where JDK serialization keeps one.
 * Strings and boxed primitives carry no identity anyone may rely on, and are written each time.
 */
final class FastWriter {
    private final FastOutput out;
    private final SeenContainers seen = new SeenContainers();
    /** Each record class written so far and its number: its name is written once per value. */
    private Map<Class<?>, Integer> recordClasses;

    /** A writer of one value, appending to {@code out}. */
    FastWriter(FastOutput out) {
        this.out = out;
    }

    /** Forgets the containers and record classes of the value written before: {@code value} stands alone. */
    void startValue() {
        seen.forget();
        recordClasses = null;
    }

    /** Writes {@code value}, or returns false (leaving partial bytes) when it has no fast shape. */
    boolean write(Object value, int depth) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String) {
            writeString((String) value);
        } else if (value instanceof Integer) {
            writeInt((Integer) value);
        } else if (value instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Boolean) {
            out.writeByte(BOOLEAN);
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Double) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToLongBits((Double) value));
        } else if (value instanceof byte[]) {
            out.writeByte(BYTES);
            out.writeInt(((byte[]) value).length);
            out.write((byte[]) value);
        } else {
            return writeRarerLeaf(value) || depth < MAX_NESTING && writeContainer(value, depth);
        }
        return true;
    }

    /** The boxed primitives a record's components bring along; most values never get here. */
    private boolean writeRarerLeaf(Object value) {
        if (value instanceof Float) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToIntBits((Float) value));
        } else if (value instanceof Short) {
            out.writeByte(SHORT);
            out.writeShort((Short) value);
        } else if (value instanceof Byte) {
            out.writeByte(BYTE);
            out.writeByte((Byte) value);
        } else if (value instanceof Character) {
            out.writeByte(CHAR);
            out.writeShort((Character) value);
        } else {
            return false;
        }
        return true;
    }

    /** Counts and ids are mostly small: one byte for those that fit. */
    private void writeInt(int v) {
        if (v == (byte) v) {
            out.writeByte(SMALL_INT);
            out.writeByte(v);
        } else {
            out.writeByte(INT);
            out.writeInt(v);
        }
    }

    /** Words and names are mostly short: a one-byte length for those, UTF-16 for a lone surrogate. */
    private void writeString(String text) {
        int mark = out.size();
        boolean written;
        if (text.length() <= FastOutput.SHORT_CHARS) {
            out.writeByte(SHORT_STRING);
            written = out.writeShortUtf8(text);
        } else {
            out.writeByte(STRING);
            written = out.writeUtf8(text);
        }
        if (!written) {
            out.truncate(mark);
            out.writeByte(CHARS);
            out.writeChars(text);
        }
    }

    /** Exactly these classes, so the class comes back the same; anything else is not a fast shape. */
    private boolean writeContainer(Object value, int depth) {
        Class<?> type = value.getClass();
        if (type == ArrayList.class) {
            seen.expect((ArrayList<?>) value);
            return seen.firstTime(value) && writeList((ArrayList<?>) value, depth);
        } else if (type == HashMap.class) {
            return seen.firstTime(value) && writeMap(HASH_MAP, (Map<?, ?>) value, depth);
        } else if (type == LinkedHashMap.class) {
            return isInsertionOrder((LinkedHashMap<?, ?>) value) && seen.firstTime(value)
                    && writeMap(LINKED_MAP, (Map<?, ?>) value, depth);
        } else if (type == TreeMap.class) {
            return ((TreeMap<?, ?>) value).comparator() == null && seen.firstTime(value)
                    && writeMap(TREE_MAP, (Map<?, ?>) value, depth);
        }
        RecordShape record = type.isRecord() ? RecordShape.of(type) : null;
        if (record != null) {
            return seen.firstTime(value) && writeRecord(record, value, depth);
        }
        SerializedLambda form = SerializedLambdas.extract(value);
        return form != null && seen.firstTime(value) && writeLambda(form, depth);
    }

    private boolean writeList(ArrayList<?> list, int depth) {
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
            if (!write(list.get(i), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private boolean writeMap(byte tag, Map<?, ?> map, int depth) {
        out.reserve(10L * map.size()); // two tags, and a few bytes for each of the key and the value
        out.writeByte(tag);
        out.writeInt(map.size());
        Entries entries = new Entries(depth + 1);
        map.forEach(entries); // walks a HashMap's table directly, faster than its entry iterator
        return entries.written;
    }

    /** Writes each entry of a map until one has no fast shape. */
    private final class Entries implements BiConsumer<Object, Object> {
        private final int depth;
        boolean written = true;

        Entries(int depth) {
            this.depth = depth;
        }

        @Override
        public void accept(Object key, Object value) {
            written = written && write(key, depth) && write(value, depth);
        }
    }

    private boolean writeRecord(RecordShape shape, Object record, int depth) {
        out.writeByte(RECORD);
        if (recordClasses == null) {
            recordClasses = new HashMap<>();
        }
        Integer number = recordClasses.putIfAbsent(shape.type, recordClasses.size());
        if (number != null) {
            out.writeInt(number);
        } else {
            out.writeInt(-1);
            if (!out.writeUtf8(shape.type.getName())) {
                return false;
            }
        }
        out.writeInt(shape.components());
        try {
            for (int i = 0; i < shape.components(); i++) {
                if (!writeComponent(shape.field(i), record, depth + 1)) {
                    return false;
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("made accessible when the shape was taken", e);
        }
        return true;
    }

    /**
     * A component as the boxed value's shape would be written, but the common primitives read
     * unboxed: boxing every int, long and double of 10,000 records cost more than writing them.
     */
    private boolean writeComponent(Field field, Object record, int depth) throws IllegalAccessException {
        Class<?> type = field.getType();
        if (type == int.class) {
            writeInt(field.getInt(record));
        } else if (type == long.class) {
            out.writeByte(LONG);
            out.writeLong(field.getLong(record));
        } else if (type == double.class) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToLongBits(field.getDouble(record)));
        } else {
            return write(field.get(record), depth);
        }
        return true;
    }

    private boolean writeLambda(SerializedLambda f, int depth) {
        out.writeByte(LAMBDA);
        if (!writeNames(f.getCapturingClass(), f.getFunctionalInterfaceClass(),
                f.getFunctionalInterfaceMethodName(), f.getFunctionalInterfaceMethodSignature())) {
            return false;
        }
        out.writeInt(f.getImplMethodKind());
        if (!writeNames(f.getImplClass(), f.getImplMethodName(), f.getImplMethodSignature(),
                f.getInstantiatedMethodType())) {
            return false;
        }
        out.writeInt(f.getCapturedArgCount());
        for (int i = 0; i < f.getCapturedArgCount(); i++) {
            if (!write(f.getCapturedArg(i), depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private boolean writeNames(String... names) {
        for (String name : names) {
            if (!out.writeUtf8(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the map iterates in insertion order rather than access order. The flag is private
     * to {@code LinkedHashMap}, so a clone is asked: after two new keys and a look-up of the first,
     * only an access-ordered map has the first one last. It costs a copy of the map, which only
     * the LINKED_MAP shape pays.
     */
    private static boolean isInsertionOrder(LinkedHashMap<?, ?> map) {
        @SuppressWarnings("unchecked")
        LinkedHashMap<Object, Object> probe = (LinkedHashMap<Object, Object>) map.clone();
        probe.clear();
        Object first = new Object();
        Object second = new Object();
        probe.put(first, first);
        probe.put(second, second);
        probe.get(first);
        return probe.keySet().iterator().next() == first;
    }
}
