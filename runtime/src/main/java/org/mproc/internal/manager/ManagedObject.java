package org.mproc.internal.manager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.mproc.ProcessBiFunction;
import org.mproc.ProcessFunction;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.RemoveCall;
import org.mproc.internal.manager.ManagerCall.SetCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;
import org.mproc.internal.wire.codec.Codec;

/**
 * A shared object in the manager's server. Values are kept as the bytes a client encoded, so every
 * read hands out a copy (G-MGR-5); only {@code updateAndGet} decodes, runs the function and encodes
 * the result, under the object's lock, so it is atomic (G-MGR-3).
 */
public abstract class ManagedObject {
    private static final Codec CODEC = Codec.standard();

    /** Runs {@code call}; returns the encoded result, or null for none. Throws what the referent threw. */
    byte[] call(ManagerCall call) throws Exception {
        throw unknown(call);
    }

    /**
     * Runs an {@code INVOKE}. An object whose methods never wait answers at once with what
     * {@link #invoke(Invocation)} returns or throws; one that parks calls overrides this.
     */
    void invoke(Invocation call, Answer answer) {
        byte[] result;
        try {
            result = invoke(call);
        } catch (Throwable t) {
            answer.failed(t);
            return;
        }
        answer.value(result);
    }

    /** Runs a method that never waits; returns the encoded result, or null for none. */
    byte[] invoke(Invocation call) throws Exception {
        throw noMethod(call);
    }

    /** A parked call the client gave up on (its thread was interrupted). */
    void cancel(Object connection, long correlationId) {}

    /** A client's connection ended: its process is gone, or closed its proxies. */
    void disconnected(Object connection) {}

    static ManagedObject of(byte kind, byte[] initial) throws IOException, ClassNotFoundException {
        switch (kind) {
            case ManagerFrames.EVENT: return new ManagedEvent();
            case ManagerFrames.SEMAPHORE: {
                int[] counts = (int[]) decode(initial);
                return new ManagedSemaphore(counts[0], counts[1]);
            }
            case ManagerFrames.BARRIER: return new ManagedBarrier((Integer) decode(initial));
            case ManagerFrames.NAMESPACE: return new Namespace();
            case ManagerFrames.VALUE: return new Value(initial);
            case ManagerFrames.MAP: return new SharedMapObject();
            case ManagerFrames.LIST: return new SharedListObject();
            default: throw new IllegalArgumentException("no shared object of kind " + kind);
        }
    }

    static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
        return CODEC.decode(bytes);
    }

    static byte[] encode(Object value) throws IOException {
        return CODEC.encode(value);
    }

    static byte[] encodedInt(int n) throws IOException {
        return CODEC.encode(n);
    }

    @SuppressWarnings("unchecked")
    static byte[] apply(byte[] function, byte[] current) throws Exception {
        ProcessFunction<Object, Object> f = (ProcessFunction<Object, Object>) CODEC.decode(function);
        Object next = f.apply(CODEC.decode(current));
        try {
            return CODEC.encode(next);
        } catch (IOException e) {
            throw new IllegalArgumentException("updateAndGet's result cannot be serialized: " + e.getMessage(), e);
        }
    }

    final IllegalArgumentException noMethod(Invocation call) {
        return new IllegalArgumentException("a " + kindName() + " has no method " + call.method()
                + " taking " + call.args().size() + " argument(s)");
    }

    /** What the object is, for messages: the simple class name by default. */
    String kindName() {
        return getClass().getSimpleName();
    }

    /** A function of two arguments, decoded and applied to two encoded values; the result encoded. */
    @SuppressWarnings("unchecked")
    static byte[] apply(byte[] function, byte[] first, byte[] second) throws Exception {
        ProcessBiFunction<Object, Object, Object> f = (ProcessBiFunction<Object, Object, Object>) CODEC.decode(function);
        Object next = f.apply(CODEC.decode(first), CODEC.decode(second));
        try {
            return CODEC.encode(next);
        } catch (IOException e) {
            throw new IllegalArgumentException("the function's result cannot be serialized: " + e.getMessage(), e);
        }
    }

    /** Null as a client encodes it. */
    static final byte[] NULL = encodedNull();

    private static byte[] encodedNull() {
        try {
            return CODEC.encode(null);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static boolean isNull(byte[] encoded) {
        return java.util.Arrays.equals(encoded, NULL);
    }

    static IllegalArgumentException unknown(ManagerCall call) {
        return new IllegalArgumentException("unknown operation " + call.op());
    }

    /** Named attributes; reading one never set throws {@link NoSuchElementException}. */
    private static final class Namespace extends ManagedObject {
        private final Map<String, byte[]> attributes = new HashMap<>();

        @Override
        synchronized byte[] call(ManagerCall call) throws Exception {
            if (call instanceof GetCall get) {
                return existing(name(get.key()));
            }
            if (call instanceof SetCall set) {
                attributes.put(name(set.key()), set.value());
                return null;
            }
            if (call instanceof UpdateCall update) {
                String name = name(update.key());
                byte[] next = apply(update.function(), existing(name));
                attributes.put(name, next);
                return next;
            }
            if (call instanceof RemoveCall remove) {
                String name = name(remove.key());
                byte[] old = existing(name);
                attributes.remove(name);
                return old;
            }
            throw unknown(call);
        }

        private static String name(byte[] key) {
            return new String(key, StandardCharsets.UTF_8);
        }

        private byte[] existing(String name) {
            byte[] v = attributes.get(name);
            if (v == null) {
                throw new NoSuchElementException("the namespace has no attribute '" + name + "'");
            }
            return v;
        }
    }

    /** One value. */
    private static final class Value extends ManagedObject {
        private byte[] value;

        Value(byte[] initial) {
            this.value = initial;
        }

        @Override
        synchronized byte[] call(ManagerCall call) throws Exception {
            if (call instanceof GetCall) {
                return value;
            }
            if (call instanceof SetCall set) {
                value = set.value();
                return null;
            }
            if (call instanceof UpdateCall update) {
                value = apply(update.function(), value);
                return value;
            }
            throw unknown(call);
        }
    }
}
