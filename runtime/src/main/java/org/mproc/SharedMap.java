package org.mproc;

import java.io.Serializable;
import java.util.Map;

/**
 * A map shared through a {@link Manager}, like CPython's {@code Manager().dict()}. Every call
 * runs in the server (G-MGR-1); values and snapshots are copies (G-MGR-5); {@link #updateAndGet}
 * is atomic (G-MGR-3). Keys travel serialized and are compared with {@code equals} in the server;
 * null keys and values are allowed. A proxy is serializable, may be shared by threads, and fails
 * with {@link ProcessException} once the manager is closed (G-MGR-8).
 *
 * <pre>{@code
 * SharedMap<String, Integer> counts = manager.dict();
 * counts.put("a", 1);
 * counts.updateAndGet("a", n -> n + 1);   // 2
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface SharedMap<K, V> extends Serializable {
    /**
     * The key's value, as a copy.
     *
     * @param key the key; may be null
     * @return the value, or null if the key is absent (or mapped to null)
     * @throws IllegalArgumentException if {@code key} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    V get(K key);

    /**
     * Maps the key to the value; every process sees it once this returns (G-MGR-1).
     *
     * @param key   the key; may be null
     * @param value the value, serialized now; may be null
     * @return the previous value, or null if there was none
     * @throws IllegalArgumentException if {@code key} or {@code value} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    V put(K key, V value);

    /**
     * Removes the key.
     *
     * @param key the key; may be null
     * @return the value it had, or null if it was absent
     * @throws IllegalArgumentException if {@code key} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    V remove(K key);

    /**
     * The number of keys now; others may change it at once.
     *
     * @return the number of entries
     * @throws ProcessException if the manager's server is gone
     */
    int size();

    /**
     * A copy of the whole map as it is now, taken atomically; changing it does not change the
     * shared map.
     *
     * @return a new map, unordered
     * @throws ProcessException if the manager's server is gone
     */
    Map<K, V> snapshot();

    /**
     * Replaces the key's value with {@code fn} of it, in the server, atomically (G-MGR-3).
     *
     * @param key the key; may be null
     * @param fn  the function, serialized and run in the server on the current value
     * @return a copy of the new value
     * @throws NullPointerException             if {@code fn} is null
     * @throws java.util.NoSuchElementException if the key is absent
     * @throws IllegalArgumentException         if {@code key}, {@code fn} or its result cannot be
     *                                          serialized
     * @throws TaskFailedException              if {@code fn} threw a checked exception (it is the
     *                                          cause); an unchecked one is rethrown as it is
     *                                          (G-MGR-4)
     * @throws ProcessException                 if the manager's server is gone
     */
    V updateAndGet(K key, ProcessFunction<V, V> fn);
}
