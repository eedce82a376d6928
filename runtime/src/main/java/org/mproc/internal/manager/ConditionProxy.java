package org.mproc.internal.manager;

import java.time.Duration;
import org.mproc.SharedCondition;
import org.mproc.SharedLock;

/** The client side of a {@link SharedCondition}: waits are parked in the server, never here. */
public final class ConditionProxy extends ManagerProxy implements SharedCondition {
    private static final long serialVersionUID = 1L;

    private final LockProxy lock;

    public ConditionProxy(String socket, long objectId, long serverPid, LockProxy lock) {
        super(socket, objectId, serverPid);
        this.lock = lock;
    }

    @Override
    public SharedLock lock() {
        return lock;
    }

    @Override
    public void await() throws InterruptedException {
        invokeWaiting("await", -1);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return decode(invokeWaiting("await", timeoutNanos(timeout)));
    }

    @Override
    public void signal() {
        invoke("signal");
    }

    @Override
    public void signalAll() {
        invoke("signalAll");
    }
}
