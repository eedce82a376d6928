package org.mproc.internal.manager;

import java.time.Duration;
import org.mproc.SharedSemaphore;

/** The client side of a {@link SharedSemaphore}: waits are parked in the server, never here. */
public final class SemaphoreProxy extends ManagerProxy implements SharedSemaphore {
    private static final long serialVersionUID = 1L;

    public SemaphoreProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    @Override
    public void acquire() throws InterruptedException {
        invokeWaiting("acquire", -1);
    }

    @Override
    public boolean tryAcquire() {
        try {
            return decode(invokeWaiting("acquire", 0));
        } catch (InterruptedException cannotHappen) {
            throw new AssertionError("a call that does not wait was interrupted", cannotHappen);
        }
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return decode(invokeWaiting("acquire", timeoutNanos(timeout)));
    }

    @Override
    public void release() {
        invoke("release");
    }

    @Override
    public int availablePermits() {
        return ManagerProxy.<Integer>decode(invoke("availablePermits"));
    }
}
