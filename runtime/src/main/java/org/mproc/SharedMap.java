package org.mproc;

import java.io.Serializable;
import java.util.Map;

/**
 * A map shared through a {@link Manager}, like CPython's {@code Manager().dict()}. Every call
 * runs in the server (G-MGR-1); values and snapshots are copies (G-MGR-5); {@link #updateAndGet}
 * is atomic (G-MGR-3). Keys are compared with {@code equals} in the server.
 */
public interface SharedMap<K, V> extends Serializable {
    /** The value, or null if the key is absent. */
    V get(K key);

    /** Sets the value; returns the previous one or null. */
    V put(K key, V value);

    V remove(K key);

    int size();

    /** A copy of the whole map as it is now. */
    Map<K, V> snapshot();

    /** Replaces the key's value with {@code fn} of it, atomically; {@link java.util.NoSuchElementException} if absent. */
    V updateAndGet(K key, ProcessFunction<V, V> fn);
}
