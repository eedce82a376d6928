package org.mproc;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A barrier in a {@link Manager}'s server for a fixed number of parties in any processes, like
 * CPython's {@code Manager().Barrier()} and Java's {@link java.util.concurrent.CyclicBarrier}
 * (G-MGR-13): each {@link #await()} waits until every party has arrived, then all go on together
 * and the barrier is ready for the next round. It breaks — every waiter, and every later
 * {@code await} until {@link #reset()}, gets {@link BrokenBarrierException} — when a waiting
 * party's process dies, a waiter's timeout passes (that one gets {@link TimeoutException}), a
 * waiter is interrupted (that one gets {@link InterruptedException}), or {@link #abort()} or
 * {@link #reset()} is called. A party that dies before it arrives cannot be told from a slow one:
 * give {@code await} a timeout where that matters. A proxy is serializable and may be shared by
 * threads.
 *
 * <pre>{@code
 * SharedBarrier start = manager.barrier(3);
 * // in each of three processes:
 * int arrival = start.await();   // 2 for the first to arrive, 0 for the last
 * }</pre>
 */
public interface SharedBarrier extends Serializable {
    /**
     * Waits until every party has arrived.
     *
     * @return the arrival index, as {@link java.util.concurrent.CyclicBarrier#await()}'s: parties −
     *         1 for the first to arrive, 0 for the last
     * @throws BrokenBarrierException if the barrier is broken, or breaks while this party waits
     * @throws InterruptedException   if this thread is interrupted while waiting (the barrier then
     *                                breaks for the others); if the barrier tripped meanwhile, the
     *                                index is returned and the interrupt status set again
     * @throws ProcessException       if the manager's server is gone
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * Waits up to {@code timeout} until every party has arrived.
     *
     * @param timeout how long to wait at most; zero does not wait
     * @return the arrival index, as {@link #await()}'s
     * @throws TimeoutException         if the timeout passed first; the barrier is then broken
     * @throws BrokenBarrierException   if the barrier is broken, or breaks while this party waits
     * @throws InterruptedException     if this thread is interrupted while waiting (the barrier then
     *                                  breaks for the others)
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws ProcessException         if the manager's server is gone
     */
    int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /**
     * Breaks the barrier for the parties waiting now and makes it whole again for the next round,
     * as {@link java.util.concurrent.CyclicBarrier#reset()}.
     *
     * @throws ProcessException if the manager's server is gone
     */
    void reset();

    /**
     * Breaks the barrier: every waiter, and every later {@code await} until {@link #reset()}, gets
     * {@link BrokenBarrierException}, as CPython's {@code abort()}.
     *
     * @throws ProcessException if the manager's server is gone
     */
    void abort();

    /**
     * Whether the barrier is broken now.
     *
     * @return true if broken
     * @throws ProcessException if the manager's server is gone
     */
    boolean isBroken();

    /**
     * The number of parties the barrier waits for.
     *
     * @return the parties, at least 1
     * @throws ProcessException if the manager's server is gone
     */
    int parties();

    /**
     * The parties waiting now.
     *
     * @return how many have arrived in this round
     * @throws ProcessException if the manager's server is gone
     */
    int waiting();
}
