package org.mproc.internal.manager;

import java.time.Duration;
import org.mproc.SharedEvent;

/** The client side of a {@link SharedEvent}: waits are parked in the server, never here. */
public final class EventProxy extends ManagerProxy implements SharedEvent {
    private static final long serialVersionUID = 1L;

    public EventProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    @Override
    public void set() {
        invoke("set");
    }

    @Override
    public void clear() {
        invoke("clear");
    }

    @Override
    public boolean isSet() {
        return decode(invoke("isSet"));
    }

    @Override
    public void await() throws InterruptedException {
        invokeWaiting("await", -1);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return decode(invokeWaiting("await", timeoutNanos(timeout)));
    }
}
