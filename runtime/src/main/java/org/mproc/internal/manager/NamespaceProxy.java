package org.mproc.internal.manager;

import java.util.Objects;
import org.mproc.Namespace;
import org.mproc.ProcessFunction;

public final class NamespaceProxy extends ManagerProxy implements Namespace {
    private static final long serialVersionUID = 1L;

    public NamespaceProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    @Override
    public <T> T get(String name) {
        return decode(call(ManagerFrames.GET, requireName(name), NOTHING));
    }

    @Override
    public void set(String name, Object value) {
        call(ManagerFrames.SET, requireName(name), encode(value, "the value of '" + name + "'"));
    }

    @Override
    public <T> T updateAndGet(String name, ProcessFunction<T, T> fn) {
        Objects.requireNonNull(fn, "fn");
        return decode(call(ManagerFrames.UPDATE, requireName(name), encode(fn, "the function")));
    }

    private static String requireName(String name) {
        return Objects.requireNonNull(name, "name");
    }
}
