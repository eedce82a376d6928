package org.mproc.internal.pipe;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mproc.ProcessException;

/**
 * How much one end may still send: like an OS pipe's buffer, a sender waits while the values it
 * sent and the other end has not received cost {@value #BYTES} bytes or more ({@link #cost}: a
 * value's encoded length plus {@value #PER_VALUE} bytes, so that tiny values are bounded too).
 * Counters are cumulative (sent so far, received so far), so reports that overtake each other do
 * no harm. One value over the window may always go when nothing is unread, so any value that fits
 * a frame can be sent. Any number of threads may send.
 */
final class PipeWindow {
    static final long BYTES = 64 * 1024;
    static final long PER_VALUE = 16;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long sent; // guarded by lock
    private long peerReceived; // guarded by lock
    private String peerClosed; // guarded by lock; why sending is pointless
    private boolean hostGone; // guarded by lock; peerClosed says the pipe's host died
    private String closedHere; // guarded by lock

    static long cost(byte[] value) {
        return value.length + PER_VALUE;
    }

    /**
     * Waits until the other end has received enough, then counts {@code cost} as sent; the caller
     * then sends the value.
     *
     * @throws IllegalStateException if this end is closed, or the other end is (nothing sent could be
     *                               received)
     * @throws ProcessException      if the process hosting the pipe is gone
     * @throws InterruptedException  if interrupted first; nothing was counted
     */
    void acquire(long cost) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (closedHere != null) {
                    throw new IllegalStateException(closedHere);
                }
                if (peerClosed != null) {
                    throw hostGone ? new ProcessException(peerClosed) : new IllegalStateException(peerClosed);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for room in a pipe");
                }
                if (sent - peerReceived < BYTES) {
                    sent += cost;
                    return;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The other end has received values costing {@code received} of what this end sent. */
    void room(long received) {
        lock.lock();
        try {
            if (received > peerReceived) {
                peerReceived = received;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Nothing sent from now on can be received: the other end is closed, or the host is gone. */
    void peerClosed(String why, boolean hostDied) {
        lock.lock();
        try {
            if (peerClosed == null) {
                peerClosed = why;
                hostGone = hostDied;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void closeHere(String why) {
        lock.lock();
        try {
            if (closedHere == null) {
                closedHere = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** For messages: what is unread. */
    @Override
    public String toString() {
        lock.lock();
        try {
            return (sent - peerReceived) + " bytes sent and not yet received";
        } finally {
            lock.unlock();
        }
    }
}
