package org.mproc.internal.manager;

import java.util.Map;
import java.util.Objects;
import org.mproc.ProcessFunction;
import org.mproc.SharedMap;

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
        return decode(call(ManagerFrames.GET, key(key), NOTHING));
    }

    @Override
    public V put(K key, V value) {
        return decode(call(ManagerFrames.PUT, key(key), encode(value, "the value")));
    }

    @Override
    public V remove(K key) {
        return decode(call(ManagerFrames.REMOVE, key(key), NOTHING));
    }

    @Override
    public int size() {
        return ManagerProxy.<Integer>decode(call(ManagerFrames.SIZE, NOTHING, NOTHING));
    }

    @Override
    public Map<K, V> snapshot() {
        return decode(call(ManagerFrames.SNAPSHOT, NOTHING, NOTHING));
    }

    @Override
    public V updateAndGet(K key, ProcessFunction<V, V> fn) {
        Objects.requireNonNull(fn, "fn");
        return decode(call(ManagerFrames.UPDATE, key(key), encode(fn, "the function")));
    }
}
