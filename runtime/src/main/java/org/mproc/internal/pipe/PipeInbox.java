package org.mproc.internal.pipe;

import java.io.EOFException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The values that have reached one end in the process that uses it, in the order sent, and
 * whether more can come. Callers of {@code recv} and {@code poll} wait here, in their own process,
 * so an interrupt ends a wait without losing anything: a value is removed only by the call that
 * returns it. Any number of threads may receive; each value goes to one of them.
 */
final class PipeInbox {
    /** What {@link #take} removed, and the cost of everything received so far, to report. */
    record Taken(byte[] value, long received, boolean drained) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> values = new ArrayDeque<>(); // guarded by lock
    private String endOfStream; // guarded by lock; why no value will come after those in values
    private String closedHere; // guarded by lock; this end was closed, and how
    private long received; // guarded by lock; the cost of every value taken

    void add(byte[] value) {
        lock.lock();
        try {
            if (endOfStream == null && closedHere == null) {
                values.add(value);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    void addAll(Collection<byte[]> more) {
        for (byte[] v : more) {
            add(v);
        }
    }

    /** No value will come after those already added; the first reason given is kept. */
    void end(String why) {
        lock.lock();
        try {
            if (endOfStream == null) {
                endOfStream = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** This end was closed: waiting receivers wake with {@code why}, and so does every later call. */
    void closeHere(String why) {
        lock.lock();
        try {
            if (closedHere == null) {
                closedHere = why;
            }
            values.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the next value, waiting up to {@code nanos} (−1: for ever) for one.
     *
     * @return the value, or null if none came in time
     * @throws EOFException          once every value was taken and none can come
     * @throws IllegalStateException if this end is closed
     */
    Taken take(long nanos) throws InterruptedException, EOFException {
        lock.lockInterruptibly();
        try {
            if (!awaitValueOrEnd(nanos)) {
                return null;
            }
            byte[] value = values.poll();
            if (value == null) {
                throw new EOFException(endOfStream);
            }
            received += PipeWindow.cost(value);
            return new Taken(value, received, values.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    /** Whether a value or the end of the stream is there, waiting up to {@code nanos} (−1: for ever). */
    boolean poll(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return awaitValueOrEnd(nanos);
        } finally {
            lock.unlock();
        }
    }

    private boolean awaitValueOrEnd(long nanos) throws InterruptedException {
        long left = nanos;
        while (true) {
            if (closedHere != null) {
                throw new IllegalStateException(closedHere);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting on a pipe end");
            }
            if (!values.isEmpty() || endOfStream != null) {
                return true;
            }
            if (nanos < 0) {
                changed.await();
            } else if (left <= 0) {
                return false;
            } else {
                left = changed.awaitNanos(left);
            }
        }
    }

    /** For messages: how many values wait, and whether the stream has ended. */
    @Override
    public String toString() {
        lock.lock();
        try {
            return values.size() + " values waiting" + (endOfStream == null ? "" : ", then end of stream");
        } finally {
            lock.unlock();
        }
    }
}
