package org.mproc.internal.manager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.mproc.internal.wire.Deadlines;

/**
 * A shared object whose calls may wait (an event, a semaphore, a barrier, a condition): a call
 * that cannot complete is parked here, never on a connection's reader, and is answered when
 * another call releases it, its deadline passes, its client cancels it (an interrupt), or its
 * client's process dies. State changes run under the object's monitor and return the answers
 * they owe, which are sent after the monitor is left.
 */
abstract class ParkingObject extends ManagedObject {

    /** A call waiting in the object, with what the object needs to remember about it. */
    static final class Parked {
        final Invocation call;
        final Answer answer;
        Deadlines.Alarm deadline;
        long tag;

        Parked(Invocation call, Answer answer) {
            this.call = call;
            this.answer = answer;
        }
    }

    /** Answers owed, sent once the monitor is left. */
    static final class Owed {
        private final List<Runnable> answers = new ArrayList<>(2);

        void value(Parked p, Object result) {
            close(p);
            byte[] encoded = encoded(result);
            answers.add(() -> p.answer.value(encoded));
        }

        void cancelled(Parked p) {
            close(p);
            answers.add(p.answer::cancelled);
        }

        void failed(Parked p, Throwable t) {
            close(p);
            answers.add(() -> p.answer.failed(t));
        }

        /** An answer that is not a parked call's own: a lock's grant, a deferred answer. */
        void later(Runnable answer) {
            answers.add(answer);
        }

        /** A parked call leaves the object to be answered elsewhere: its deadline no longer applies. */
        void detach(Parked p) {
            close(p);
        }

        private static void close(Parked p) {
            if (p.deadline != null) {
                p.deadline.close();
            }
        }

        void send() {
            answers.forEach(Runnable::run);
        }
    }

    /** The calls parked now, oldest first. Guarded by this. */
    final ArrayDeque<Parked> parked = new ArrayDeque<>();

    @Override
    final void invoke(Invocation call, Answer answer) {
        Owed owed = new Owed();
        Parked p = new Parked(call, answer);
        try {
            synchronized (this) {
                invoke(p, owed);
            }
        } catch (Throwable t) {
            answer.failed(t); // a call that throws changed nothing and owes nothing else
            return;
        }
        owed.send();
    }

    /**
     * Runs the call under the monitor: answers it through {@code owed}, or {@link #park parks} it.
     * Throws, before changing anything, for a call it refuses.
     */
    abstract void invoke(Parked call, Owed owed) throws Exception;

    /** Parks the call until answered; with a timeout, {@link #expired} answers it at the deadline. */
    final void park(Parked p) {
        parked.add(p);
        if (p.call.timeoutNanos() > 0) {
            p.deadline = Deadlines.after(p.call.timeoutNanos(), () -> expire(p));
        }
    }

    private void expire(Parked p) {
        Owed owed = new Owed();
        synchronized (this) {
            if (!parked.remove(p)) {
                return; // answered meanwhile
            }
            expired(p, owed);
        }
        owed.send();
    }

    /** A parked call's deadline passed; it is no longer parked. Under the monitor. */
    abstract void expired(Parked p, Owed owed);

    /** A parked call its client gave up; it is no longer parked. Under the monitor. */
    void cancelled(Parked p, Owed owed) {
        owed.cancelled(p);
    }

    /** A parked call whose process died; it is no longer parked and gets no answer. Under the monitor. */
    void died(Parked p, Owed owed) {
        Owed.close(p);
    }

    /** A client's connection ended, after its parked calls were {@link #died}. Under the monitor. */
    void departed(Object connection, Owed owed) {}

    @Override
    final void cancel(Object connection, long correlationId) {
        Owed owed = new Owed();
        synchronized (this) {
            for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
                Parked p = it.next();
                if (p.call.connection() == connection && p.call.correlationId() == correlationId) {
                    it.remove();
                    cancelled(p, owed);
                    break;
                }
            }
        }
        owed.send();
    }

    @Override
    final void disconnected(Object connection) {
        Owed owed = new Owed();
        synchronized (this) {
            List<Parked> gone = new ArrayList<>();
            parked.removeIf(p -> p.call.connection() == connection && gone.add(p));
            for (Parked p : gone) {
                died(p, owed);
            }
            departed(connection, owed);
        }
        owed.send();
    }

    static byte[] encoded(Object result) {
        try {
            return result == null ? null : encode(result);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode " + result, e); // only JDK values are answered here
        }
    }
}
