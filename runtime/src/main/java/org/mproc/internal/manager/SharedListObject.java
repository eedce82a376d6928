package org.mproc.internal.manager;

import java.util.ArrayList;
import java.util.List;

/** A list in the manager's server, its elements kept as the bytes a client encoded. */
public final class SharedListObject extends ManagedObject {
    private final List<byte[]> elements = new ArrayList<>();

    @Override
    synchronized byte[] call(byte op, byte[] key, byte[] arg) throws Exception {
        switch (op) {
            case ManagerFrames.GET:
                return elements.get(index(key));
            case ManagerFrames.SET:
                return elements.set(index(key), arg);
            case ManagerFrames.ADD:
                elements.add(arg);
                return null;
            case ManagerFrames.REMOVE:
                return elements.remove(index(key));
            case ManagerFrames.SIZE:
                return encodedInt(elements.size());
            case ManagerFrames.SNAPSHOT: {
                ArrayList<Object> copy = new ArrayList<>(elements.size());
                for (byte[] e : elements) {
                    copy.add(decode(e));
                }
                return encode(copy);
            }
            case ManagerFrames.UPDATE: {
                int i = index(key);
                byte[] next = apply(arg, elements.get(i));
                elements.set(i, next);
                return next;
            }
            default:
                throw unknown(op);
        }
    }

    private static int index(byte[] key) throws Exception {
        return (Integer) decode(key);
    }
}
