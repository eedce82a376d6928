package org.mproc;

import java.io.Serializable;
import java.time.Duration;

/**
 * A lock in a {@link Manager}'s server, owned by one thread of one process: not reentrant from
 * {@link Manager#lock()}, reentrant from {@link Manager#reentrantLock()} (its holder may lock it
 * again and it is free after as many unlocks, G-MGR-9).
 * Increments made while holding it are exact (G-MGR-3). If the holder's process dies, the lock is
 * released, waiters go on, and the next holder can tell it was abandoned (G-MGR-7) — CPython's
 * manager lock stays held for ever. Waiting happens in the server, never by polling. A proxy is
 * serializable and may be shared by threads; each thread locks for itself.
 *
 * <pre>{@code
 * SharedLock lock = manager.lock();
 * Namespace shared = manager.namespace();
 * shared.set("value", 0);
 * try (SharedLock.Held held = lock.acquire()) {
 *     if (held.abandoned()) {
 *         System.err.println("the previous holder died holding the lock");
 *     }
 *     shared.set("value", shared.<Integer>get("value") + 1);
 * }
 * }</pre>
 */
public interface SharedLock extends Serializable {
    /**
     * Acquires the lock, waiting as long as another thread or process holds it.
     *
     * @throws IllegalStateException if this thread already holds a lock that is not reentrant
     *                               (waiting for itself would never end; G-MGR-9); a reentrant
     *                               one counts it instead
     * @throws InterruptedException  if this thread is interrupted before the lock was granted; if
     *                               it was granted meanwhile, it is held and the interrupt status
     *                               set again instead
     * @throws ProcessException      if the manager's server is gone
     */
    void lock() throws InterruptedException;

    /**
     * Acquires the lock if it is free now, without waiting for a holder; an interrupt does not
     * stop it (the interrupt status is kept). The thread that holds a lock that is not reentrant
     * gets false, as CPython's {@code acquire(False)} by the holder does (G-MGR-9); a reentrant one
     * counts it and answers true.
     *
     * @return true if this thread now holds the lock; false if another thread or process holds
     *         it, or this one already holds a lock that is not reentrant
     * @throws ProcessException if the manager's server is gone
     */
    boolean tryLock();

    /**
     * Acquires the lock, waiting up to {@code timeout} for a holder to release it. The thread that
     * holds a lock that is not reentrant gets false at once: only it could release the lock, so
     * waiting cannot help (G-MGR-9); a reentrant one counts it and answers true.
     *
     * @param timeout how long to wait at most; zero does not wait
     * @return true if this thread now holds the lock, false if the timeout passed or this thread
     *         already holds a lock that is not reentrant
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException     if this thread is interrupted before the lock was granted
     * @throws ProcessException         if the manager's server is gone
     */
    boolean tryLock(Duration timeout) throws InterruptedException;

    /**
     * Whether some thread of some process holds the lock now, as CPython's {@code locked()}: a
     * snapshot that may be stale by the time it returns, for monitoring and tests, not for deciding
     * to lock. A lock whose holder died is free again (G-MGR-7).
     *
     * @return true if the lock is held
     * @throws ProcessException if the manager's server is gone
     */
    boolean isLocked();

    /**
     * Releases the lock and hands it to the longest waiter; a reentrant lock, once unlocked as
     * many times as it was locked.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     * @throws ProcessException             if the manager's server is gone
     */
    void unlock();

    /**
     * Locks, for try-with-resources; the handle says whether the previous holder died holding it
     * (G-MGR-7), which {@link #lock()} and {@link #tryLock()} do not report.
     *
     * @return the held lock; closing it unlocks
     * @throws IllegalStateException if this thread already holds a lock that is not reentrant
     * @throws InterruptedException  if this thread is interrupted before the lock was granted
     * @throws ProcessException      if the manager's server is gone
     */
    Held acquire() throws InterruptedException;

    /** A lock held by the thread that called {@link #acquire()}; closing it unlocks. */
    interface Held extends AutoCloseable {
        /**
         * Whether the previous holder's process died holding the lock, so what it guarded may be
         * half done (G-MGR-7).
         *
         * @return true if the lock was abandoned before this thread got it
         */
        boolean abandoned();

        /**
         * Unlocks, on the thread that acquired the lock; a second call does nothing.
         *
         * @throws IllegalMonitorStateException if this thread does not hold the lock
         * @throws ProcessException             if the manager's server is gone
         */
        @Override
        void close();
    }
}
