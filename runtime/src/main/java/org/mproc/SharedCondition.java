package org.mproc;

import java.io.Serializable;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable in a {@link Manager}'s server, on one of its {@link SharedLock}s, like
 * CPython's {@code Manager().Condition()} and Java's
 * {@link java.util.concurrent.locks.Condition} (G-MGR-14): {@link #await()} must be called
 * holding the lock; it releases the lock (whatever a reentrant lock's count) and waits in the
 * server for a {@link #signal()}, then returns holding the lock again with the count it had — also
 * when it timed out or was interrupted. Signals need the lock too. A waiter whose process dies is
 * withdrawn; a holder that dies releases the lock as G-MGR-7 says, so waiters woken meanwhile still
 * get it. A proxy is serializable and may be shared by threads.
 *
 * <pre>{@code
 * SharedCondition changed = manager.condition();
 * SharedValue<Integer> stock = manager.value(0);
 * // a consumer, in any process:
 * changed.lock().lock();
 * try {
 *     changed.awaitUntil(() -> stock.get() > 0, Duration.ofSeconds(5));
 * } finally {
 *     changed.lock().unlock();
 * }
 * }</pre>
 */
public interface SharedCondition extends Serializable {
    /**
     * The lock this condition waits with.
     *
     * @return a proxy to the lock
     */
    SharedLock lock();

    /**
     * Releases the lock, waits for a signal, and takes the lock back before returning.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws InterruptedException         if this thread is interrupted while waiting (the lock is
     *                                      held again when it is thrown)
     * @throws ProcessException             if the manager's server is gone
     */
    void await() throws InterruptedException;

    /**
     * Like {@link #await()}, for at most {@code timeout}.
     *
     * @param timeout how long to wait at most; zero does not wait (the lock is still released and
     *                taken back)
     * @return true if signalled, false if the timeout passed
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws NullPointerException         if {@code timeout} is null
     * @throws IllegalArgumentException     if {@code timeout} is negative
     * @throws InterruptedException         if this thread is interrupted while waiting (the lock is
     *                                      held again when it is thrown)
     * @throws ProcessException             if the manager's server is gone
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Waits until {@code condition} holds, as CPython's {@code wait_for}: tests it, and while it
     * is false waits for a signal, up to {@code timeout} in all. The condition runs here, holding
     * the lock.
     *
     * @param condition what to wait for, tested in this process
     * @param timeout   how long to wait at most
     * @return the condition's last value: false only if the timeout passed
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws NullPointerException         if an argument is null
     * @throws IllegalArgumentException     if {@code timeout} is negative
     * @throws InterruptedException         if this thread is interrupted while waiting
     * @throws ProcessException             if the manager's server is gone
     */
    default boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        java.util.Objects.requireNonNull(condition, "condition");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean holds = condition.getAsBoolean();
        while (!holds) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            await(Duration.ofNanos(left));
            holds = condition.getAsBoolean();
        }
        return holds;
    }

    /**
     * Wakes the longest waiter; it goes on once it has the lock back.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws ProcessException             if the manager's server is gone
     */
    void signal();

    /**
     * Wakes every waiter; they go on one at a time as each gets the lock back.
     *
     * @throws IllegalMonitorStateException if this thread does not hold the lock
     * @throws ProcessException             if the manager's server is gone
     */
    void signalAll();
}
