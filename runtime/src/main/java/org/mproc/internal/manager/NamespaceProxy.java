package org.mproc.internal.manager;

import java.util.Objects;
import org.mproc.Namespace;
import org.mproc.ProcessFunction;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.RemoveCall;
import org.mproc.internal.manager.ManagerCall.SetCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;

public final class NamespaceProxy extends ManagerProxy implements Namespace {
    private static final long serialVersionUID = 1L;

    public NamespaceProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    @Override
    public <T> T get(String name) {
        byte[] key = name(requireName(name));
        return decode(call(corr -> new GetCall(corr, objectId(), key)));
    }

    @Override
    public void set(String name, Object value) {
        byte[] key = name(requireName(name));
        byte[] encoded = encode(value, "the value of '" + name + "'");
        call(corr -> new SetCall(corr, objectId(), key, encoded));
    }

    @Override
    public <T> T remove(String name) {
        byte[] key = name(requireName(name));
        return decode(call(corr -> new RemoveCall(corr, objectId(), key)));
    }

    @Override
    public <T> T updateAndGet(String name, ProcessFunction<T, T> fn) {
        Objects.requireNonNull(fn, "fn");
        byte[] key = name(requireName(name));
        byte[] function = encode(fn, "the function");
        return decode(call(corr -> new UpdateCall(corr, objectId(), key, function)));
    }

    private static String requireName(String name) {
        return Objects.requireNonNull(name, "name");
    }
}
