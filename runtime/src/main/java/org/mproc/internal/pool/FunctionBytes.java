package org.mproc.internal.pool;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * A function's encoded bytes, kept per class for lambdas and method references that capture
 * nothing: every instance of such a class encodes to the same bytes (its serialized form names
 * only the class and the method behind it), so encoding it again on every {@code apply} would
 * only repeat the work — in a fresh program, with the encoder still interpreted, that work was a
 * sixth of a call. Anything that holds state (a capturing lambda, any other class) is encoded on
 * every call, as the API promises. A wrapper of mproc's own that holds one such function and
 * nothing else ({@code starmap}'s) encodes the same way for every instance of that function's class,
 * and is kept beside it.
 */
final class FunctionBytes {
    /** The kept encoding of one class's instances, once one has been encoded; null otherwise. */
    private static final class Kept {
        final boolean keepable;
        volatile byte[] bytes;
        /** The kept encoding of a wrapper holding one of this class's instances; null until one is encoded. */
        volatile Wrapped wrapped;

        Kept(boolean keepable) {
            this.keepable = keepable;
        }
    }

    /** A wrapper's class and the bytes of its instances that hold one keepable function class. */
    private static final class Wrapped {
        final Class<?> type;
        final byte[] bytes;

        Wrapped(Class<?> type, byte[] bytes) {
            this.type = type;
            this.bytes = bytes;
        }
    }

    private static final ClassValue<Kept> KEPT = new ClassValue<>() {
        @Override
        protected Kept computeValue(Class<?> type) {
            return new Kept(type.isHidden() && type.isSynthetic() && noInstanceFields(type));
        }
    };

    private FunctionBytes() {}

    static byte[] of(Object function) {
        Kept kept = KEPT.get(function.getClass());
        if (!kept.keepable) {
            return PoolCalls.encode(function, "the function");
        }
        byte[] bytes = kept.bytes;
        if (bytes == null) {
            bytes = PoolCalls.encode(function, "the function");
            kept.bytes = bytes;
        }
        return bytes;
    }

    /**
     * The bytes of {@code wrapper}, which holds {@code inner} and no other state: kept per
     * {@code inner}'s class (and the wrapper's) when {@code inner}'s own bytes would be.
     */
    static byte[] wrapped(Object wrapper, Object inner) {
        Kept kept = KEPT.get(inner.getClass());
        if (!kept.keepable) {
            return PoolCalls.encode(wrapper, "the function");
        }
        Wrapped w = kept.wrapped;
        if (w == null || w.type != wrapper.getClass()) {
            w = new Wrapped(wrapper.getClass(), PoolCalls.encode(wrapper, "the function"));
            kept.wrapped = w;
        }
        return w.bytes;
    }

    private static boolean noInstanceFields(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    return false;
                }
            }
        }
        return true;
    }
}
