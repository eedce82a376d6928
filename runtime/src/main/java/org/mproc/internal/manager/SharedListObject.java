package org.mproc.internal.manager;

import java.util.ArrayList;
import java.util.List;
import org.mproc.internal.manager.ManagerCall.AddCall;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.RemoveCall;
import org.mproc.internal.manager.ManagerCall.SetCall;
import org.mproc.internal.manager.ManagerCall.SizeCall;
import org.mproc.internal.manager.ManagerCall.SnapshotCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;

/** A list in the manager's server, its elements kept as the bytes a client encoded. */
public final class SharedListObject extends ManagedObject {
    private final List<byte[]> elements = new ArrayList<>();

    @Override
    synchronized byte[] call(ManagerCall call) throws Exception {
        if (call instanceof GetCall get) {
            return elements.get(index(get.key()));
        }
        if (call instanceof SetCall set) {
            return elements.set(index(set.key()), set.value());
        }
        if (call instanceof AddCall add) {
            elements.add(add.element());
            return null;
        }
        if (call instanceof RemoveCall remove) {
            return elements.remove(index(remove.key()));
        }
        if (call instanceof SizeCall) {
            return encodedInt(elements.size());
        }
        if (call instanceof SnapshotCall) {
            ArrayList<Object> copy = new ArrayList<>(elements.size());
            for (byte[] e : elements) {
                copy.add(decode(e));
            }
            return encode(copy);
        }
        if (call instanceof UpdateCall update) {
            int i = index(update.key());
            byte[] next = apply(update.function(), elements.get(i));
            elements.set(i, next);
            return next;
        }
        throw unknown(call);
    }

    private static int index(byte[] key) throws Exception {
        return (Integer) decode(key);
    }

    @Override
    synchronized byte[] invoke(Invocation call) throws Exception {
        switch (call.method()) {
            case "addAll":
                elements.addAll(call.args()); // each argument is one element, encoded
                return encode(!call.args().isEmpty());
            case "clear":
                call.expect(0);
                elements.clear();
                return null;
            case "indexOf": {
                Object wanted = call.expect(1).arg(0);
                for (int i = 0; i < elements.size(); i++) {
                    byte[] e = elements.get(i);
                    if (java.util.Arrays.equals(e, call.args().get(0)) || java.util.Objects.equals(wanted, decode(e))) {
                        return encodedInt(i);
                    }
                }
                return encodedInt(-1);
            }
            default:
                throw noMethod(call);
        }
    }

    @Override
    String kindName() {
        return "shared list";
    }
}
