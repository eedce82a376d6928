package org.mproc;

import java.io.Serializable;
import java.time.Duration;

/**
 * A counting semaphore in a {@link Manager}'s server, like CPython's {@code Manager().Semaphore()}
 * and {@code BoundedSemaphore()} (G-MGR-12): {@link #acquire()} takes a permit, waiting in the
 * server while there is none, and waiters are served first come, first served; {@link #release()}
 * returns one, from any thread of any process. A bounded semaphore refuses a release that would
 * raise its permits above the initial count. A permit has no owner, so a permit taken by a process
 * that dies stays taken, as in CPython (use a {@link SharedLock}, released when its holder dies,
 * where ownership matters); the dead process's waits are withdrawn. A proxy is serializable and
 * may be shared by threads.
 *
 * <pre>{@code
 * SharedSemaphore slots = manager.boundedSemaphore(2);   // at most two at a time
 * slots.acquire();
 * try {
 *     System.out.println("one of two");
 * } finally {
 *     slots.release();
 * }
 * }</pre>
 */
public interface SharedSemaphore extends Serializable {
    /**
     * Takes a permit, waiting while there is none.
     *
     * @throws InterruptedException if this thread is interrupted before a permit was granted; if
     *                              one was granted meanwhile, it is kept and the interrupt status
     *                              set again instead
     * @throws ProcessException     if the manager's server is gone
     */
    void acquire() throws InterruptedException;

    /**
     * Takes a permit if one is free now, without waiting.
     *
     * @return true if a permit was taken
     * @throws ProcessException if the manager's server is gone
     */
    boolean tryAcquire();

    /**
     * Takes a permit, waiting up to {@code timeout} for one.
     *
     * @param timeout how long to wait at most; zero does not wait
     * @return true if a permit was taken, false if the timeout passed
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException     if this thread is interrupted before a permit was granted
     * @throws ProcessException         if the manager's server is gone
     */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /**
     * Returns a permit: the longest waiter gets it, or the count goes up.
     *
     * @throws IllegalStateException if the semaphore is bounded and every permit is already free
     *                               (CPython's "Semaphore released too many times"); nothing
     *                               changes
     * @throws ProcessException      if the manager's server is gone
     */
    void release();

    /**
     * The permits free now; others may change it at once.
     *
     * @return the free permits
     * @throws ProcessException if the manager's server is gone
     */
    int availablePermits();
}
