package org.mproc.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.mproc.cluster.internal.LocalMember;
import org.mproc.ProcessBiFunction;
import org.mproc.cluster.internal.DictEntries;

/**
 * A dict in a {@link Cluster}, for the caller and the tasks it sends (G-CLUSTER-7): a Hazelcast
 * {@code IMap} with one synchronous backup. {@link #merge} and {@link #compute} are atomic: the
 * function runs on the member that owns the key, under the key's partition lock, so four
 * processes merging into one key lose no update. Keys are stored under an HMAC of their
 * serialized form; every key and value is sealed with the cluster's secret for its entry and
 * checked before it is decoded, so a value a peer without the secret wrote, or moved from another
 * entry, fails the read with {@link org.mproc.AuthenticationException}. Like the local manager's
 * dict, a function's unchecked exception reaches the caller as it is and the entry stays as it was.
 *
 * <pre>{@code
 * ClusterDict<String, Integer> counts = cluster.dict("counts");
 * pool.map(w -> counts.merge(w, 1, Integer::sum), words);   // exact counts
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ClusterDict<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String clusterName;
    private final String name;
    private transient DictEntries entries;

    ClusterDict(String clusterName, String name) {
        this.clusterName = clusterName;
        this.name = name;
    }

    private DictEntries entries() {
        if (entries == null) {
            HazelcastInstance local = LocalMember.of(clusterName, "dict " + name);
            entries = DictEntries.open(local, clusterName, name);
        }
        return entries;
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        String id = entries().id(Objects.requireNonNull(key, "key"));
        return (V) entries().value(id, entries().map().get(id));
    }

    /** Sets {@code key} to {@code value}; returns the value it had, or null. */
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        Objects.requireNonNull(value, "a cluster dict holds no null value");
        String id = entries().id(Objects.requireNonNull(key, "key"));
        return (V) entries().value(id, entries().map().put(id, entries().seal(id, key, value)));
    }

    /** Removes {@code key}; returns the value it had, or null. */
    @SuppressWarnings("unchecked")
    public V remove(K key) {
        String id = entries().id(Objects.requireNonNull(key, "key"));
        return (V) entries().value(id, entries().map().remove(id));
    }

    /**
     * Atomically sets {@code key} to {@code value} when it has none, else to {@code function(old,
     * value)} (null removes it), in the member that owns the key; returns the new value.
     */
    public V merge(K key, V value, ProcessBiFunction<? super V, ? super V, ? extends V> function) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(function, "function");
        return update(key, value, new Merging(erase(function)));
    }

    /** Atomically sets {@code key} to {@code function(key, old or null)} (null removes it), in the member that owns the key. */
    public V compute(K key, ProcessBiFunction<? super K, ? super V, ? extends V> function) {
        Objects.requireNonNull(function, "function");
        return update(key, key, new Computing(erase(function)));
    }

    @SuppressWarnings("unchecked")
    private V update(K key, Object argument, ProcessBiFunction<Object, Object, Object> f) {
        String id = entries().id(Objects.requireNonNull(key, "key"));
        byte[] sealed = entries().map().executeOnKey(id, entries().update(id, key, argument, f));
        return (V) entries().result(id, sealed, key);
    }

    @SuppressWarnings("unchecked")
    private static ProcessBiFunction<Object, Object, Object> erase(ProcessBiFunction<?, ?, ?> f) {
        return (ProcessBiFunction<Object, Object, Object>) f;
    }

    /** How many keys it holds. */
    public int size() {
        return entries().map().size();
    }

    /** A copy of every entry, each checked as {@link #get} checks it. */
    @SuppressWarnings("unchecked")
    public Map<K, V> snapshot() {
        Map<K, V> copy = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries().map().entrySet()) {
            DictEntries.Entry entry = entries().entry(e.getKey(), e.getValue());
            copy.put((K) entry.key(), (V) entry.value());
        }
        return copy;
    }

    /** {@code merge}'s function as an update: (old, value) → value when none, else f(old, value). */
    private record Merging(ProcessBiFunction<Object, Object, Object> f) implements ProcessBiFunction<Object, Object, Object> {
        @Override
        public Object apply(Object old, Object value) throws Exception {
            return old == null ? value : f.apply(old, value);
        }
    }

    /** {@code compute}'s function as an update: (old, key) → f(key, old). */
    private record Computing(ProcessBiFunction<Object, Object, Object> f) implements ProcessBiFunction<Object, Object, Object> {
        @Override
        public Object apply(Object old, Object key) throws Exception {
            return f.apply(key, old);
        }
    }
}
