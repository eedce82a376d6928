package org.mproc.cluster.internal;

import java.lang.invoke.SerializedLambda;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mproc.ProcessFunction;
import org.mproc.internal.pool.PoolEngine;

/**
 * The functions a member's executor thread has decoded, by their bytes: the chunks of one call that
 * reach the thread, and later calls of a byte-identical function, decode it once. Each thread keeps
 * its own {@value #PER_THREAD}, the least recently used forgotten first, as a local pool worker
 * keeps the functions it was sent: so no function instance is run by two threads at once, and one
 * that keeps state sees it from chunk to chunk of its thread, as in a pool worker.
 */
final class KeptFunctions {
    /** Decoded functions one thread keeps, as many as a local pool worker keeps. */
    static final int PER_THREAD = PoolEngine.FUNCTIONS_PER_WORKER;

    private static final ThreadLocal<Map<ByteBuffer, ProcessFunction<Object, Object>>> KEPT = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, ProcessFunction<Object, Object>> eldest) {
                    return size() > PER_THREAD;
                }
            });

    private KeptFunctions() {}

    /**
     * The function {@code bytes} encode, decoded here once.
     *
     * @throws IllegalStateException naming the class when one the function needs is not on this
     *                               JVM's class path, or when the bytes are not a ProcessFunction
     */
    static ProcessFunction<Object, Object> of(byte[] bytes) {
        Map<ByteBuffer, ProcessFunction<Object, Object>> kept = KEPT.get();
        ByteBuffer key = ByteBuffer.wrap(bytes); // equal and hashed by content; never written to
        ProcessFunction<Object, Object> function = kept.get(key);
        if (function == null) {
            function = decode(bytes);
            kept.put(key, function);
        }
        return function;
    }

    @SuppressWarnings("unchecked")
    private static ProcessFunction<Object, Object> decode(byte[] bytes) {
        Object function = Codec.decode(bytes);
        if (function instanceof SerializedLambda lambda) {
            throw new IllegalStateException("class " + lambda.getCapturingClass().replace('/', '.') + " (where the lambda "
                    + lambda.getImplMethodName() + " was written) is not on the class path of this JVM");
        }
        if (!(function instanceof ProcessFunction)) {
            throw new IllegalStateException("a chunk's function is a " + function.getClass().getName() + ", not a ProcessFunction");
        }
        return (ProcessFunction<Object, Object>) function;
    }
}
