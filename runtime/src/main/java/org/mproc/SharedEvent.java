package org.mproc;

import java.io.Serializable;
import java.time.Duration;

/**
 * A flag in a {@link Manager}'s server that processes wait on, like CPython's
 * {@code Manager().Event()} and {@code threading.Event} (G-MGR-11): {@link #set()} wakes every
 * waiter of every process, and later waits return at once until {@link #clear()}. Waits are parked
 * in the server with their deadline, never polled; an interrupt ends a wait with
 * {@link InterruptedException}. An event has no owner: a process that dies changes nothing but
 * withdraws its own waits. A proxy is serializable and may be shared by threads.
 *
 * <pre>{@code
 * SharedEvent ready = manager.event();
 * ChildProcess worker = new ChildProcess("worker", () -> {
 *     ready.await();            // until the parent says go
 *     System.out.println("going");
 * });
 * worker.start();
 * ready.set();
 * }</pre>
 */
public interface SharedEvent extends Serializable {
    /**
     * Sets the flag and wakes every waiter.
     *
     * @throws ProcessException if the manager's server is gone
     */
    void set();

    /**
     * Clears the flag: later waits wait again.
     *
     * @throws ProcessException if the manager's server is gone
     */
    void clear();

    /**
     * Whether the flag is set now.
     *
     * @return true if set
     * @throws ProcessException if the manager's server is gone
     */
    boolean isSet();

    /**
     * Waits until the flag is set; returns at once if it is.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws ProcessException     if the manager's server is gone
     */
    void await() throws InterruptedException;

    /**
     * Waits up to {@code timeout} for the flag, as CPython's {@code wait(timeout)}.
     *
     * @param timeout how long to wait at most; zero does not wait
     * @return true if the flag was set (now or before the timeout), false if the timeout passed
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException     if this thread is interrupted while waiting
     * @throws ProcessException         if the manager's server is gone
     */
    boolean await(Duration timeout) throws InterruptedException;
}
