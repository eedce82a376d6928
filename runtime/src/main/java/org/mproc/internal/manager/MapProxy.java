package org.mproc.internal.manager;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import org.mproc.ProcessBiFunction;
import org.mproc.ProcessFunction;
import org.mproc.SharedMap;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.PutCall;
import org.mproc.internal.manager.ManagerCall.RemoveCall;
import org.mproc.internal.manager.ManagerCall.SizeCall;
import org.mproc.internal.manager.ManagerCall.SnapshotCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;

public final class MapProxy<K, V> extends ManagerProxy implements SharedMap<K, V> {
    private static final long serialVersionUID = 1L;

    public MapProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    private static byte[] key(Object key) {
        return encode(key, "the key");
    }

    @Override
    public V get(K key) {
        byte[] k = key(key);
        return decode(call(corr -> new GetCall(corr, objectId(), k)));
    }

    @Override
    public V put(K key, V value) {
        byte[] k = key(key);
        byte[] v = encode(value, "the value");
        return decode(call(corr -> new PutCall(corr, objectId(), k, v)));
    }

    @Override
    public V remove(K key) {
        byte[] k = key(key);
        return decode(call(corr -> new RemoveCall(corr, objectId(), k)));
    }

    @Override
    public int size() {
        return ManagerProxy.<Integer>decode(call(corr -> new SizeCall(corr, objectId())));
    }

    @Override
    public Map<K, V> snapshot() {
        return decode(call(corr -> new SnapshotCall(corr, objectId())));
    }

    @Override
    public V updateAndGet(K key, ProcessFunction<V, V> fn) {
        Objects.requireNonNull(fn, "fn");
        byte[] k = key(key);
        byte[] function = encode(fn, "the function");
        return decode(call(corr -> new UpdateCall(corr, objectId(), k, function)));
    }

    @Override
    public V getOrDefault(K key, V defaultValue) {
        byte[] k = key(key);
        byte[] v = call(corr -> new GetCall(corr, objectId(), k));
        return v == null ? defaultValue : decode(v); // absent: no value at all; null: an encoded null
    }

    @Override
    public boolean containsKey(K key) {
        return decode(invoke("containsKey", key(key)));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        byte[] k = key(key);
        byte[] v = encode(value, "the value");
        return decode(invoke("putIfAbsent", k, v));
    }

    @Override
    public V merge(K key, V value, ProcessBiFunction<? super V, ? super V, ? extends V> fn) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(fn, "fn");
        byte[] k = key(key);
        byte[] v = encode(value, "the value");
        byte[] function = encode(fn, "the function");
        return decode(invoke("merge", k, v, function));
    }

    @Override
    public V compute(K key, ProcessBiFunction<? super K, ? super V, ? extends V> fn) {
        Objects.requireNonNull(fn, "fn");
        byte[] k = key(key);
        byte[] function = encode(fn, "the function");
        return decode(invoke("compute", k, function));
    }

    @Override
    public void clear() {
        invoke("clear");
    }

    @Override
    public Set<K> keySet() {
        return new HashSet<>(snapshot().keySet());
    }

    @Override
    public Collection<V> values() {
        return new ArrayList<>(snapshot().values());
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        Set<Map.Entry<K, V>> entries = new HashSet<>();
        for (Map.Entry<K, V> e : snapshot().entrySet()) {
            entries.add(new AbstractMap.SimpleEntry<>(e.getKey(), e.getValue()));
        }
        return entries;
    }
}
