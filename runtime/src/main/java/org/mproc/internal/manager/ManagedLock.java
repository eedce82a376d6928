package org.mproc.internal.manager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.mproc.internal.wire.Deadlines;

/**
 * A lock in the manager's server, owned by a (connection, thread) pair. Not reentrant by default:
 * the holder's LOCK without a timeout is refused, its tries answer "not acquired" at once; a
 * reentrant one counts the holder's LOCKs and is free after as many UNLOCKs. Waiting
 * requests are parked here and answered when the lock comes free, their deadline passes, or they
 * are cancelled — a connection's reader never waits. When the holder's connection ends (its
 * process died), the lock is released and the next holder is told it was abandoned (G-MGR-7).
 */
public final class ManagedLock {

    /** Answers to a LOCK: whether it was acquired, and whether the previous holder abandoned it. */
    record Outcome(boolean acquired, boolean abandoned) {}

    private record Owner(Object connection, long thread) {}

    private final class Waiter {
        final Owner owner;
        final long correlationId;
        final Consumer<Outcome> answer;
        Deadlines.Alarm deadline;
        int count = 1; // the holds it gets: a condition's waiter gets back what it had

        Waiter(Owner owner, long correlationId, Consumer<Outcome> answer) {
            this.owner = owner;
            this.correlationId = correlationId;
            this.answer = answer;
        }
    }

    private final boolean reentrant;
    private Owner holder;
    private int holds; // the holder's LOCKs not yet unlocked: 1, or more if reentrant
    private boolean abandoned;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** The correlation id of a waiter no MGR_CANCEL can name. */
    private static final long NO_CANCEL = -1;

    ManagedLock(boolean reentrant) {
        this.reentrant = reentrant;
    }

    /** Acquires now, or parks until it can ({@code timeoutNanos} −1: for ever; 0: not at all). */
    void lock(Object connection, long thread, long correlationId, long timeoutNanos, Consumer<Outcome> answer) {
        Owner owner = new Owner(connection, thread);
        Outcome now = null;
        synchronized (this) {
            if (owner.equals(holder) && reentrant) {
                holds++;
                now = new Outcome(true, false);
            } else if (owner.equals(holder) && timeoutNanos < 0) {
                throw new IllegalStateException("the lock is not reentrant: this thread already holds it");
            } else if (owner.equals(holder)) {
                now = new Outcome(false, false); // a try by the holder: only it can release, so waiting cannot help (G-MGR-9)
            } else if (holder == null) {
                now = grantTo(owner);
            } else if (timeoutNanos == 0) {
                now = new Outcome(false, false);
            } else {
                Waiter w = new Waiter(owner, correlationId, answer);
                waiters.add(w);
                if (timeoutNanos > 0) {
                    w.deadline = Deadlines.after(timeoutNanos, () -> giveUp(w));
                }
            }
        }
        if (now != null) {
            answer.accept(now);
        }
    }

    private Outcome grantTo(Owner owner) {
        return grantTo(owner, 1);
    }

    private Outcome grantTo(Owner owner, int count) {
        holder = owner;
        holds = count;
        boolean wasAbandoned = abandoned;
        abandoned = false;
        return new Outcome(true, wasAbandoned);
    }

    /** Whether anyone holds it now. */
    synchronized boolean isLocked() {
        return holder != null;
    }

    void unlock(Object connection, long thread) {
        Owner owner = new Owner(connection, thread);
        List<Runnable> answers = new ArrayList<>(1);
        synchronized (this) {
            if (!owner.equals(holder)) {
                throw new IllegalMonitorStateException(holder == null ? "the lock is not held"
                        : "the lock is held by another thread or process");
            }
            if (--holds == 0) {
                release(answers);
            }
        }
        answers.forEach(Runnable::run);
    }

    /**
     * A condition's wait: the caller must hold the lock; it is released whatever the count, which
     * is returned for {@link #reacquire}.
     */
    int releaseForWait(Object connection, long thread, List<Runnable> answers) {
        Owner owner = new Owner(connection, thread);
        synchronized (this) {
            if (!owner.equals(holder)) {
                throw new IllegalMonitorStateException(holder == null ? "the condition's lock is not held"
                        : "the condition's lock is held by another thread or process");
            }
            int count = holds;
            release(answers);
            return count;
        }
    }

    /** Whether this thread of that connection holds the lock. */
    synchronized boolean heldBy(Object connection, long thread) {
        return new Owner(connection, thread).equals(holder);
    }

    /**
     * A condition's waiter takes the lock back with its count, waiting behind the others and
     * beyond cancellation (a condition's wait returns holding its lock, even when interrupted).
     * Returns true if it holds the lock now: the caller runs {@code then}; otherwise {@code then}
     * runs once it is granted. Its connection's end withdraws it.
     */
    boolean reacquire(Object connection, long thread, int count, Runnable then) {
        Owner owner = new Owner(connection, thread);
        synchronized (this) {
            if (holder == null) {
                grantTo(owner, count);
                return true;
            }
            Waiter w = new Waiter(owner, NO_CANCEL, o -> then.run());
            w.count = count;
            waiters.add(w);
            return false;
        }
    }

    private void release(List<Runnable> answers) {
        holder = null;
        Waiter next = waiters.poll();
        if (next != null) {
            if (next.deadline != null) {
                next.deadline.close();
            }
            Outcome o = grantTo(next.owner, next.count);
            answers.add(() -> next.answer.accept(o));
        }
    }

    private void giveUp(Waiter w) {
        boolean removed;
        synchronized (this) {
            removed = waiters.remove(w);
        }
        if (removed) {
            w.answer.accept(new Outcome(false, false));
        }
    }

    /** A parked LOCK the client gave up on (interrupted): answered "not acquired" if still waiting. */
    void cancel(Object connection, long correlationId) {
        Waiter found = null;
        synchronized (this) {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.owner.connection() == connection && w.correlationId == correlationId) {
                    it.remove();
                    found = w;
                    break;
                }
            }
        }
        if (found != null) {
            if (found.deadline != null) {
                found.deadline.close();
            }
            found.answer.accept(new Outcome(false, false));
        }
    }

    /** The connection ended: its waiters go; a lock it held is released as abandoned. */
    void disconnected(Object connection) {
        List<Runnable> answers = new ArrayList<>(1);
        synchronized (this) {
            waiters.removeIf(w -> w.owner.connection() == connection);
            if (holder != null && holder.connection() == connection) {
                abandoned = true;
                release(answers);
            }
        }
        answers.forEach(Runnable::run);
    }
}
