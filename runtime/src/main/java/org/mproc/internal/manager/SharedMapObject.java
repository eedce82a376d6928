package org.mproc.internal.manager;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A map in the manager's server: keys decoded (they are looked up by {@code equals}), values kept
 * as the bytes a client encoded. Every operation runs under the map's lock.
 */
public final class SharedMapObject extends ManagedObject {
    private final Map<Object, byte[]> entries = new LinkedHashMap<>();

    @Override
    synchronized byte[] call(byte op, byte[] key, byte[] arg) throws Exception {
        switch (op) {
            case ManagerFrames.GET:
                return entries.get(decode(key));
            case ManagerFrames.PUT:
                return entries.put(decode(key), arg);
            case ManagerFrames.REMOVE:
                return entries.remove(decode(key));
            case ManagerFrames.SIZE:
                return encodedInt(entries.size());
            case ManagerFrames.SNAPSHOT: {
                Map<Object, Object> copy = new HashMap<>();
                for (Map.Entry<Object, byte[]> e : entries.entrySet()) {
                    copy.put(e.getKey(), decode(e.getValue()));
                }
                return encode(copy);
            }
            case ManagerFrames.UPDATE: {
                Object k = decode(key);
                byte[] current = entries.get(k);
                if (current == null) {
                    throw new NoSuchElementException("the map has no key " + k);
                }
                byte[] next = apply(arg, current);
                entries.put(k, next);
                return next;
            }
            default:
                throw unknown(op);
        }
    }
}
