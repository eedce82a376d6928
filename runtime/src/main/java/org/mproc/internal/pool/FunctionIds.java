package org.mproc.internal.pool;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives byte-identical encoded functions one id, so {@code apply(f, x)} called a thousand times
 * with the same {@code f} sends and decodes {@code f} once per worker, not a thousand times.
 * Bounded: the least recently used encodings are forgotten (a later call then gets a fresh id).
 */
public final class FunctionIds {
    private static final int REMEMBERED = 256;
    private static final AtomicLong NEXT = new AtomicLong();

    private final Map<ByteBuffer, Long> ids = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    public synchronized long idOf(byte[] function) {
        return ids.computeIfAbsent(ByteBuffer.wrap(function), key -> NEXT.incrementAndGet());
    }
}
