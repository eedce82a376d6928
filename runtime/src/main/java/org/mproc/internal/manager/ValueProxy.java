package org.mproc.internal.manager;

import java.util.Objects;
import org.mproc.ProcessFunction;
import org.mproc.SharedValue;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.SetCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;

public final class ValueProxy<T> extends ManagerProxy implements SharedValue<T> {
    private static final long serialVersionUID = 1L;

    public ValueProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    @Override
    public T get() {
        return decode(call(corr -> new GetCall(corr, objectId(), NOTHING)));
    }

    @Override
    public void set(T value) {
        byte[] encoded = encode(value, "the value");
        call(corr -> new SetCall(corr, objectId(), NOTHING, encoded));
    }

    @Override
    public T updateAndGet(ProcessFunction<T, T> fn) {
        Objects.requireNonNull(fn, "fn");
        byte[] function = encode(fn, "the function");
        return decode(call(corr -> new UpdateCall(corr, objectId(), NOTHING, function)));
    }
}
