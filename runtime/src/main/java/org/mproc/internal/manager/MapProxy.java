package org.mproc.internal.manager;

import java.util.Map;
import java.util.Objects;
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
}
