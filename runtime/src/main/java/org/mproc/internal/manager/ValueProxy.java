package org.mproc.internal.manager;

import java.util.Objects;
import org.mproc.ProcessFunction;
import org.mproc.SharedValue;

public final class ValueProxy<T> extends ManagerProxy implements SharedValue<T> {
    private static final long serialVersionUID = 1L;

    public ValueProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    @Override
    public T get() {
        return decode(call(ManagerFrames.GET, NOTHING, NOTHING));
    }

    @Override
    public void set(T value) {
        call(ManagerFrames.SET, NOTHING, encode(value, "the value"));
    }

    @Override
    public T updateAndGet(ProcessFunction<T, T> fn) {
        Objects.requireNonNull(fn, "fn");
        return decode(call(ManagerFrames.UPDATE, NOTHING, encode(fn, "the function")));
    }
}
