package org.mproc.internal.manager;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import org.mproc.SharedBarrier;

/** The client side of a {@link SharedBarrier}: waits are parked in the server, never here. */
public final class BarrierProxy extends ManagerProxy implements SharedBarrier {
    private static final long serialVersionUID = 1L;

    public BarrierProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return arrival(-1);
        } catch (TimeoutException cannotHappen) {
            throw new AssertionError("a wait without a timeout timed out", cannotHappen);
        }
    }

    @Override
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return arrival(timeoutNanos(timeout));
    }

    private int arrival(long timeoutNanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        int answer = ManagerProxy.<Integer>decode(invokeWaiting("await", timeoutNanos));
        if (answer == ManagedBarrier.BROKEN) {
            throw new BrokenBarrierException("the barrier is broken: a party timed out, was interrupted or died "
                    + "waiting, or it was reset or aborted");
        }
        if (answer == ManagedBarrier.TIMED_OUT) {
            throw new TimeoutException("not every party arrived within the timeout; the barrier is now broken");
        }
        return answer;
    }

    @Override
    public void reset() {
        invoke("reset");
    }

    @Override
    public void abort() {
        invoke("abort");
    }

    @Override
    public boolean isBroken() {
        return decode(invoke("isBroken"));
    }

    @Override
    public int parties() {
        return ManagerProxy.<Integer>decode(invoke("parties"));
    }

    @Override
    public int waiting() {
        return ManagerProxy.<Integer>decode(invoke("waiting"));
    }
}
