package org.mproc.internal.manager;

import java.time.Duration;
import org.mproc.SharedLock;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.LockCall;
import org.mproc.internal.manager.ManagerCall.UnlockCall;
import org.mproc.internal.manager.ManagerReply.ErrorReply;
import org.mproc.internal.manager.ManagerReply.GrantedReply;
import org.mproc.internal.manager.ManagerReply.NoneReply;

/** The client side of a {@link SharedLock}: waits are parked in the server, never here. */
public final class LockProxy extends ManagerProxy implements SharedLock {
    private static final long serialVersionUID = 1L;

    public LockProxy(String socket, long objectId, long serverPid) {
        super(socket, objectId, serverPid);
    }

    /**
     * The lock as a proxy of the manager at {@code socket}, for a condition to be created on it.
     *
     * @throws IllegalArgumentException if it is not a lock of that manager
     */
    public static LockProxy of(SharedLock lock, String socket) {
        if (!(lock instanceof LockProxy proxy) || !proxy.socket().equals(socket)) {
            throw new IllegalArgumentException("a condition needs a lock of the same manager, got " + lock);
        }
        return proxy;
    }

    /** The lock's id in its server. */
    public long id() {
        return objectId();
    }

    @Override
    public void lock() throws InterruptedException {
        acquire(-1);
    }

    @Override
    public boolean tryLock() {
        try {
            return acquire(0) != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean tryLock(Duration timeout) throws InterruptedException {
        return acquire(timeoutNanos(timeout)) != null;
    }

    @Override
    public Held acquire() throws InterruptedException {
        boolean abandoned = acquire(-1);
        return new Held() {
            private boolean released;

            @Override
            public boolean abandoned() {
                return abandoned;
            }

            @Override
            public void close() {
                if (!released) {
                    released = true;
                    unlock();
                }
            }
        };
    }

    @Override
    public boolean isLocked() {
        return decode(call(corr -> new GetCall(corr, objectId(), NOTHING)));
    }

    @Override
    public void unlock() {
        long thread = thread();
        call(corr -> new UnlockCall(corr, objectId(), thread));
    }

    private static long thread() {
        return Thread.currentThread().getId();
    }

    /**
     * Asks the server for the lock, waiting up to {@code timeoutNanos} (−1: for ever) there.
     * Returns whether it was abandoned, or null if not acquired. A thread interrupted already
     * does not ask (unless it would not wait, {@code timeoutNanos} 0: then its status is kept). An
     * interrupt cancels the wait; if the lock was granted meanwhile, it is kept and the interrupt
     * status set again. InterruptedException leaves the status clear.
     */
    private Boolean acquire(long timeoutNanos) throws InterruptedException {
        ManagerClient client = ManagerClient.to(socket());
        ManagerReply r = awaitParked(client, new LockCall(client.nextId(), objectId(), thread(), timeoutNanos), timeoutNanos);
        if (r instanceof GrantedReply granted) {
            return granted.abandoned();
        }
        if (r instanceof NoneReply) {
            return null;
        }
        if (r instanceof ErrorReply error) {
            throw failure(error);
        }
        throw new IllegalStateException("a LOCK cannot be answered " + r); // LockCall.reply reads no other
    }
}
