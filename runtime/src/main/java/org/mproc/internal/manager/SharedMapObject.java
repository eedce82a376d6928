package org.mproc.internal.manager;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.PutCall;
import org.mproc.internal.manager.ManagerCall.RemoveCall;
import org.mproc.internal.manager.ManagerCall.SizeCall;
import org.mproc.internal.manager.ManagerCall.SnapshotCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;

/**
 * A map in the manager's server: keys decoded (they are looked up by {@code equals}), values kept
 * as the bytes a client encoded. Every operation runs under the map's lock.
 */
public final class SharedMapObject extends ManagedObject {
    private final Map<Object, byte[]> entries = new LinkedHashMap<>();

    @Override
    synchronized byte[] call(ManagerCall call) throws Exception {
        if (call instanceof GetCall get) {
            return entries.get(decode(get.key()));
        }
        if (call instanceof PutCall put) {
            return entries.put(decode(put.key()), put.value());
        }
        if (call instanceof RemoveCall remove) {
            return entries.remove(decode(remove.key()));
        }
        if (call instanceof SizeCall) {
            return encodedInt(entries.size());
        }
        if (call instanceof SnapshotCall) {
            Map<Object, Object> copy = new HashMap<>();
            for (Map.Entry<Object, byte[]> e : entries.entrySet()) {
                copy.put(e.getKey(), decode(e.getValue()));
            }
            return encode(copy);
        }
        if (call instanceof UpdateCall update) {
            Object k = decode(update.key());
            byte[] current = entries.get(k);
            if (current == null) {
                throw new NoSuchElementException("the map has no key " + k);
            }
            byte[] next = apply(update.function(), current);
            entries.put(k, next);
            return next;
        }
        throw unknown(call);
    }

    @Override
    synchronized byte[] invoke(Invocation call) throws Exception {
        switch (call.method()) {
            case "containsKey": {
                return encode(entries.containsKey(call.expect(1).arg(0)));
            }
            case "putIfAbsent": {
                Object k = call.expect(2).arg(0);
                byte[] current = entries.get(k);
                if (current != null && !isNull(current)) {
                    return current;
                }
                entries.put(k, call.args().get(1));
                return null;
            }
            case "merge": {
                Object k = call.expect(3).arg(0);
                byte[] current = entries.get(k);
                byte[] next = current == null || isNull(current) ? call.args().get(1)
                        : apply(call.args().get(2), current, call.args().get(1));
                return putOrRemove(k, next);
            }
            case "compute": {
                Object k = call.expect(2).arg(0);
                byte[] current = entries.get(k);
                return putOrRemove(k, apply(call.args().get(1), call.args().get(0), current == null ? NULL : current));
            }
            case "clear": {
                call.expect(0);
                entries.clear();
                return null;
            }
            default:
                throw noMethod(call);
        }
    }

    /** Keeps {@code next}, or removes the key when it is an encoded null, as Map.merge and compute do. */
    private byte[] putOrRemove(Object k, byte[] next) {
        if (isNull(next)) {
            entries.remove(k);
            return null;
        }
        entries.put(k, next);
        return next;
    }

    @Override
    String kindName() {
        return "shared map";
    }
}
