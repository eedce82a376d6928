package org.mproc.internal.queue;

import org.mproc.internal.wire.Deadlines;

/**
 * A request parked on the host until it can be answered: a take on an empty queue, a put waiting
 * for room, a close waiting for its barrier, a join. It is answered exactly once; {@code owner} is
 * the connection it came on (or the host's own handles), so a client that disconnects takes its
 * parked requests with it.
 */
public abstract class QueueWaiter {
    final Object owner;
    final long correlationId;
    private Deadlines.Alarm deadline;
    private boolean answered;

    QueueWaiter(Object owner, long correlationId) {
        this.owner = owner;
        this.correlationId = correlationId;
    }

    /** Delivers the answer; called outside the queue's lock, at most once. */
    abstract void deliver(QueueReply reply);

    /** Marks the waiter answered under the queue's lock; false if it already was. */
    final boolean settle() {
        if (answered) {
            return false;
        }
        answered = true;
        if (deadline != null) {
            deadline.close();
        }
        return true;
    }

    final void deadline(Deadlines.Alarm deadline) {
        this.deadline = deadline;
    }
}
