package org.mproc.internal.pool;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives byte-identical encoded functions one id, so {@code apply(f, x)} called a thousand times
 * with the same {@code f} sends and decodes {@code f} once per worker, not a thousand times.
 * Bounded: the least recently used encodings are forgotten (a later call then gets a fresh id).
 * The same array as last time (a stateless function's encoding is kept, see
 * {@link FunctionBytes}) is answered without looking at its bytes: hashing them on every call was
 * 44% of an interpreted {@code apply} in a fresh program.
 */
public final class FunctionIds {
    private static final int REMEMBERED = 256;
    private static final AtomicLong NEXT = new AtomicLong();

    /** Encoded bytes as a map key: compared by content, hashed once. */
    private record Key(byte[] bytes, int hash) {
        Key(byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<Key, Long> ids = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > REMEMBERED;
        }
    };
    private byte[] lastBytes; // guarded by this
    private long lastId;

    public synchronized long idOf(byte[] function) {
        if (function != lastBytes) {
            lastId = ids.computeIfAbsent(new Key(function), key -> NEXT.incrementAndGet());
            lastBytes = function;
        }
        return lastId;
    }
}
