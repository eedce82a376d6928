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
}
