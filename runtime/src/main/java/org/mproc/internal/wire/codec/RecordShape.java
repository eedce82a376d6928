package org.mproc.internal.wire.codec;

import java.io.Externalizable;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/**
 * What {@link FastCodec} needs of a record class to write and rebuild its records without JDK
 * serialization: its component fields in order and its canonical constructor. Only a record that
 * JDK serialization would write the same way has a shape: it is {@code Serializable} (JDK
 * serialization refuses it otherwise, and so the fast path must too), not {@code Externalizable},
 * and declares no {@code writeReplace} or {@code readResolve} (JDK serialization honours those on
 * records; the fast path would skip them). Like JDK serialization, the fast path reads the fields,
 * not the accessors (an accessor may compute), and rebuilds through the canonical constructor, so
 * the record's own checks run on what arrives.
 */
final class RecordShape {
    private static final ClassValue<Optional<RecordShape>> SHAPES = new ClassValue<>() {
        @Override
        protected Optional<RecordShape> computeValue(Class<?> type) {
            return Optional.ofNullable(inspect(type));
        }
    };

    final Class<?> type;
    private final Field[] fields;
    private final Constructor<?> constructor;

    private RecordShape(Class<?> type, Field[] fields, Constructor<?> constructor) {
        this.type = type;
        this.fields = fields;
        this.constructor = constructor;
    }

    /** The shape of {@code type}, or null when its records must go through JDK serialization. */
    static RecordShape of(Class<?> type) {
        return SHAPES.get(type).orElse(null);
    }

    /**
     * The record class named in the bytes, loaded as {@code ObjectInputStream.resolveClass} loads it
     * from {@link JdkCodec} (the latest user-defined loader on the stack: the one that loaded this
     * codec) and admitted by JDK serialization's input filter before anything of it runs.
     *
     * @throws InvalidClassException when the filter refuses it or it has no shape
     */
    static RecordShape resolve(String name, long depth) throws ClassNotFoundException, InvalidClassException {
        Class<?> type = Class.forName(name, false, JdkCodec.class.getClassLoader());
        JdkCodec.INSTANCE.admit(type, depth);
        RecordShape shape = of(type);
        if (shape == null) {
            throw new InvalidClassException(name, "not a record the fast path may rebuild (a Serializable record"
                    + " without writeReplace or readResolve)");
        }
        return shape;
    }

    int components() {
        return fields.length;
    }

    /** Component {@code i}'s field, made accessible. */
    Field field(int i) {
        return fields[i];
    }

    /** Calls the canonical constructor; fails as JDK serialization does when it throws. */
    Object construct(Object[] values) throws InvalidObjectException {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw invalid(e.getCause().getMessage(), e.getCause());
        } catch (IllegalArgumentException e) {
            throw invalid("the values read do not fit the components of " + type.getName(), e);
        } catch (ReflectiveOperationException e) {
            throw invalid("cannot call the canonical constructor of " + type.getName(), e);
        }
    }

    private static InvalidObjectException invalid(String message, Throwable cause) {
        InvalidObjectException invalid = new InvalidObjectException(message);
        invalid.initCause(cause);
        return invalid;
    }

    private static RecordShape inspect(Class<?> type) {
        if (!type.isRecord() || !Serializable.class.isAssignableFrom(type)
                || Externalizable.class.isAssignableFrom(type)
                || declares(type, "writeReplace") || declares(type, "readResolve")) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Field[] fields = new Field[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                fields[i] = type.getDeclaredField(components[i].getName());
                fields[i].setAccessible(true);
                types[i] = components[i].getType();
            }
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return new RecordShape(type, fields, constructor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // e.g. a module that does not open it to us: JDK serialization can still write it
        }
    }

    private static boolean declares(Class<?> type, String method) {
        try {
            type.getDeclaredMethod(method);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
