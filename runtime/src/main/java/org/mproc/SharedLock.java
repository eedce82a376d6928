package org.mproc;

import java.io.Serializable;
import java.time.Duration;

/**
 * A lock in a {@link Manager}'s server, owned by one thread of one process and not reentrant.
 * Increments made while holding it are exact (G-MGR-3). If the holder's process dies, the lock is
 * released, waiters go on, and the next holder can tell it was abandoned (G-MGR-7) — CPython's
 * manager lock stays held for ever.
 *
 * <pre>{@code
 * SharedLock lock = manager.lock();
 * try (SharedLock.Held held = lock.acquire()) {
 *     if (held.abandoned()) { ... repair what the dead holder left half done ... }
 *     shared.set("value", shared.<Integer>get("value") + 1);
 * }
 * }</pre>
 */
public interface SharedLock extends Serializable {
    void lock() throws InterruptedException;

    boolean tryLock();

    boolean tryLock(Duration timeout) throws InterruptedException;

    /** By a thread that does not hold it: {@link IllegalMonitorStateException}. */
    void unlock();

    /** Locks, for try-with-resources; the handle says whether the previous holder died holding it. */
    Held acquire() throws InterruptedException;

    interface Held extends AutoCloseable {
        boolean abandoned();

        @Override
        void close();
    }
}
