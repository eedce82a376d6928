package org.mproc;

import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A map shared through a {@link Manager}, like CPython's {@code Manager().dict()}. Every call
 * runs in the server (G-MGR-1); values and snapshots are copies (G-MGR-5); {@link #updateAndGet},
 * {@link #putIfAbsent}, {@link #merge} and {@link #compute} are atomic: their functions run in the
 * server under the map's lock (G-MGR-3, G-MGR-10). Keys travel serialized and are compared with
 * {@code equals} in the server; null keys and values are allowed. Its methods are named and behave
 * as {@link Map}'s do, but it is not a {@code Map}: its views are {@link #keySet()},
 * {@link #values()} and {@link #entrySet()} snapshots, not live. A proxy is serializable, may be
 * shared by threads, and fails with {@link ProcessException} once the manager is closed (G-MGR-8).
 *
 * <pre>{@code
 * SharedMap<String, Integer> counts = manager.dict();
 * counts.put("a", 1);
 * counts.updateAndGet("a", n -> n + 1);   // 2
 * counts.merge("b", 1, Integer::sum);     // 1: a word count needs no lock, from any process
 * counts.getOrDefault("c", 0);            // 0
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

    /**
     * The key's value, or {@code defaultValue} when the key is absent, as {@link Map#getOrDefault}.
     *
     * @param key          the key; may be null
     * @param defaultValue what to return for an absent key; may be null
     * @return a copy of the value (null if the key is mapped to null), or {@code defaultValue}
     * @throws IllegalArgumentException if {@code key} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    V getOrDefault(K key, V defaultValue);

    /**
     * Whether the key is present (mapped to null counts), as {@link Map#containsKey}.
     *
     * @param key the key; may be null
     * @return true if the map has the key now
     * @throws IllegalArgumentException if {@code key} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    boolean containsKey(K key);

    /**
     * Maps the key to the value unless it has a non-null value already, atomically (G-MGR-10), as
     * {@link Map#putIfAbsent}: of several processes racing on one key, one wins.
     *
     * @param key   the key; may be null
     * @param value the value, serialized now; may be null
     * @return a copy of the value the key had (then nothing changed), or null if it was put
     * @throws IllegalArgumentException if {@code key} or {@code value} cannot be serialized
     * @throws ProcessException         if the manager's server is gone
     */
    V putIfAbsent(K key, V value);

    /**
     * Combines the key's value with {@code value}, atomically in the server (G-MGR-10), as
     * {@link Map#merge}: an absent (or null) value becomes {@code value}; a present one becomes
     * {@code fn(old, value)}, and the key is removed when that is null. Counting words from many
     * processes is {@code merge(word, 1, Integer::sum)}, exact without a lock.
     *
     * @param key   the key; may be null
     * @param value the value to merge in, serialized now; not null
     * @param fn    the function, serialized and run in the server on the old value and {@code value}
     * @return a copy of the new value, or null if the key was removed
     * @throws NullPointerException     if {@code value} or {@code fn} is null
     * @throws IllegalArgumentException if {@code key}, {@code value}, {@code fn} or its result
     *                                  cannot be serialized (the map is unchanged)
     * @throws TaskFailedException      if {@code fn} threw a checked exception (it is the cause; the
     *                                  map is unchanged); an unchecked one is rethrown as it is
     *                                  (G-MGR-4)
     * @throws ProcessException         if the manager's server is gone
     */
    V merge(K key, V value, ProcessBiFunction<? super V, ? super V, ? extends V> fn);

    /**
     * Replaces the key's value with {@code fn(key, old)}, atomically in the server (G-MGR-10), as
     * {@link Map#compute}: {@code old} is null for an absent key, and a null result removes the
     * key (or leaves it absent).
     *
     * @param key the key; may be null
     * @param fn  the function, serialized and run in the server on the key and its value or null
     * @return a copy of the new value, or null if the key is now absent
     * @throws NullPointerException     if {@code fn} is null
     * @throws IllegalArgumentException if {@code key}, {@code fn} or its result cannot be
     *                                  serialized (the map is unchanged)
     * @throws TaskFailedException      if {@code fn} threw a checked exception (it is the cause; the
     *                                  map is unchanged); an unchecked one is rethrown as it is
     *                                  (G-MGR-4)
     * @throws ProcessException         if the manager's server is gone
     */
    V compute(K key, ProcessBiFunction<? super K, ? super V, ? extends V> fn);

    /**
     * Removes every key.
     *
     * @throws ProcessException if the manager's server is gone
     */
    void clear();

    /**
     * The keys now, as a copy (taken atomically, like {@link #snapshot()}).
     *
     * @return a new set; changing it does not change the shared map
     * @throws ProcessException if the manager's server is gone
     */
    Set<K> keySet();

    /**
     * The values now, as copies (taken atomically, like {@link #snapshot()}).
     *
     * @return a new collection; changing it does not change the shared map
     * @throws ProcessException if the manager's server is gone
     */
    Collection<V> values();

    /**
     * The entries now, as copies (taken atomically, like {@link #snapshot()}).
     *
     * @return a new set of entries; setting their values does not change the shared map
     * @throws ProcessException if the manager's server is gone
     */
    Set<Map.Entry<K, V>> entrySet();
}
