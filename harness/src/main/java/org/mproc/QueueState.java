package org.mproc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mproc.wire.QueueFrames.Reply;

/**
 * The host's copy of one queue: its elements (as the bytes their producer encoded, so what is
 * taken is always a copy, G-QUEUE-3), the requests parked on it, and the close barrier.
 *
 * <p>Close is a barrier so that nothing a put was promised is lost and no put succeeds after
 * {@code close()} returned (G-QUEUE-6): every client connection that opened the queue is told it
 * is closing and answers that it will put no more; puts that arrive before that answer are still
 * taken in. Only when every subscriber has answered (or disconnected) is the queue CLOSED: takes
 * then drain what remains and fail, and {@code close()} returns.
 *
 * <pre>
 *   OPEN ──close()──▶ CLOSING ──every subscriber acknowledged or gone──▶ CLOSED
 *   OPEN:    puts, credits and takes served
 *   CLOSING: puts from subscribers not yet acknowledged accepted; credits answered CLOSED;
 *            takes served as when open (a late put may still come)
 *   CLOSED:  takes drain, then are answered CLOSED; puts refused in the client
 * </pre>
 *
 * All methods take the lock; answers are collected in {@link Answers} and delivered by the caller
 * after it is released, so a slow connection never holds the queue.
 */
final class QueueState {
    private enum Phase { OPEN, CLOSING, CLOSED }

    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    final long id;
    /** 0: unbounded. */
    final int capacity;
    final boolean joinable;
    private final ArrayDeque<byte[]> elements = new ArrayDeque<>();
    private final ArrayDeque<QueueWaiter> takers = new ArrayDeque<>();
    private final ArrayDeque<QueueWaiter> creditWaiters = new ArrayDeque<>();
    private final List<QueueWaiter> closers = new ArrayList<>();
    private final List<QueueWaiter> joiners = new ArrayList<>();
    private final Set<Object> subscribers = new HashSet<>();
    private final Set<Object> pendingAcks = new HashSet<>();
    /** Credits granted to each owner and not yet spent on a put. */
    private final Map<Object, Integer> credits = new HashMap<>();
    private int reserved;
    private int unfinished;
    private Phase phase = Phase.OPEN;

    QueueState(long id, int capacity, boolean joinable) {
        this.id = id;
        this.capacity = capacity;
        this.joinable = joinable;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("mproc-queue-deadlines");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** Answers to deliver once the lock is released. */
    static final class Answers {
        private final List<Runnable> pending = new ArrayList<>(2);

        void add(QueueWaiter w, Reply reply) {
            pending.add(() -> w.deliver(reply));
        }

        void add(Runnable r) {
            pending.add(r);
        }

        void deliver() {
            for (Runnable r : pending) {
                r.run();
            }
        }
    }

    /** A connection starts using the queue; returns whether it is already closing for it. */
    synchronized boolean open(Object subscriber) {
        if (phase != Phase.OPEN) {
            return true;
        }
        subscribers.add(subscriber);
        return false;
    }

    /** A put from the host's own handles: refused once close has begun. */
    synchronized boolean putLocal(Object owner, byte[] element, Answers out) {
        if (phase != Phase.OPEN) {
            spendCredit(owner); // the credit it held is void
            return false;
        }
        add(owner, element, out);
        return true;
    }

    /** A put that came over a connection; the client checked the phase before sending it. */
    synchronized void putRemote(Object owner, byte[] element, Answers out) {
        add(owner, element, out);
    }

    private void add(Object owner, byte[] element, Answers out) {
        spendCredit(owner);
        elements.add(element);
        if (joinable) {
            unfinished++;
        }
        serveTakers(out);
    }

    private void spendCredit(Object owner) {
        Integer held = credits.get(owner);
        if (held != null) {
            reserved--;
            if (held == 1) {
                credits.remove(owner);
            } else {
                credits.put(owner, held - 1);
            }
        }
    }

    synchronized void take(QueueWaiter w, long timeoutNanos, Answers out) {
        if (!elements.isEmpty()) {
            answer(w, Reply.element(removeFirst(out)), out);
        } else if (phase == Phase.CLOSED) {
            answer(w, Reply.CLOSED, out);
        } else if (timeoutNanos == 0) {
            answer(w, Reply.EMPTY, out);
        } else {
            park(takers, w, timeoutNanos);
        }
    }

    /** Room for one put in a bounded queue: granted now, when a take makes room, or never (EMPTY). */
    synchronized void credit(QueueWaiter w, long timeoutNanos, Answers out) {
        if (phase != Phase.OPEN) {
            answer(w, Reply.CLOSED, out);
        } else if (capacity == 0 || elements.size() + reserved < capacity) {
            grant(w, out);
        } else if (timeoutNanos == 0) {
            answer(w, Reply.EMPTY, out);
        } else {
            park(creditWaiters, w, timeoutNanos);
        }
    }

    private void grant(QueueWaiter w, Answers out) {
        if (w.settle()) {
            reserved++;
            credits.merge(w.owner, 1, Integer::sum);
            out.add(w, Reply.OK);
        }
    }

    private byte[] removeFirst(Answers out) {
        byte[] e = elements.removeFirst();
        while (!creditWaiters.isEmpty() && elements.size() + reserved < capacity) {
            grant(creditWaiters.removeFirst(), out);
        }
        return e;
    }

    private void serveTakers(Answers out) {
        while (!takers.isEmpty() && !elements.isEmpty()) {
            QueueWaiter w = takers.removeFirst();
            answer(w, Reply.element(removeFirst(out)), out);
        }
    }

    private void park(ArrayDeque<QueueWaiter> where, QueueWaiter w, long timeoutNanos) {
        where.add(w);
        if (timeoutNanos > 0) {
            w.deadline(DEADLINES.schedule(() -> expire(w), timeoutNanos, TimeUnit.NANOSECONDS));
        }
    }

    private void expire(QueueWaiter w) {
        Answers out = new Answers();
        synchronized (this) {
            if (takers.remove(w) || creditWaiters.remove(w)) {
                answer(w, Reply.EMPTY, out);
            }
        }
        out.deliver();
    }

    /** A client gave up on a parked request (interrupted): it is answered EMPTY if still parked. */
    synchronized void cancel(Object owner, long correlationId, Answers out) {
        for (java.util.Collection<QueueWaiter> where : List.of(takers, creditWaiters, joiners, closers)) {
            for (Iterator<QueueWaiter> it = where.iterator(); it.hasNext(); ) {
                QueueWaiter w = it.next();
                if (w.owner == owner && w.correlationId == correlationId) {
                    it.remove();
                    answer(w, Reply.EMPTY, out);
                    return;
                }
            }
        }
    }

    private static void answer(QueueWaiter w, Reply reply, Answers out) {
        if (w.settle()) {
            out.add(w, reply);
        }
    }

    /**
     * Begins (or joins) the close: every subscribing connection is told the queue is closing; the
     * host's own handles need no telling, {@link #putLocal} checks the phase under this lock.
     */
    synchronized void close(QueueWaiter closer, Answers out) {
        if (phase == Phase.CLOSED) {
            answer(closer, Reply.OK, out);
            return;
        }
        closers.add(closer);
        if (phase == Phase.OPEN) {
            phase = Phase.CLOSING;
            pendingAcks.addAll(subscribers);
            for (Object s : subscribers) {
                out.add(() -> QueueHost.notifyClosing(s, id));
            }
            for (QueueWaiter w : creditWaiters) {
                answer(w, Reply.CLOSED, out);
            }
            creditWaiters.clear();
        }
        checkBarrier(out);
    }

    /** A subscriber will put no more: what it still held in credits is void. */
    synchronized void acknowledged(Object subscriber, Answers out) {
        pendingAcks.remove(subscriber);
        dropCredits(subscriber);
        checkBarrier(out);
    }

    private void dropCredits(Object owner) {
        Integer held = credits.remove(owner);
        if (held != null) {
            reserved -= held;
        }
    }

    private void checkBarrier(Answers out) {
        if (phase != Phase.CLOSING || !pendingAcks.isEmpty()) {
            return;
        }
        phase = Phase.CLOSED;
        for (QueueWaiter w : closers) {
            answer(w, Reply.OK, out);
        }
        closers.clear();
        if (elements.isEmpty()) {
            for (QueueWaiter w : takers) {
                answer(w, Reply.CLOSED, out);
            }
            takers.clear();
        }
    }

    /** A client connection ended: its parked requests go, and it no longer holds up a close. */
    synchronized void disconnected(Object owner, Answers out) {
        takers.removeIf(w -> w.owner == owner && w.settle());
        creditWaiters.removeIf(w -> w.owner == owner && w.settle());
        joiners.removeIf(w -> w.owner == owner && w.settle());
        closers.removeIf(w -> w.owner == owner && w.settle());
        subscribers.remove(owner);
        pendingAcks.remove(owner);
        dropCredits(owner);
        checkBarrier(out);
        while (!creditWaiters.isEmpty() && elements.size() + reserved < capacity) {
            grant(creditWaiters.removeFirst(), out);
        }
    }

    synchronized int size() {
        return elements.size();
    }

    synchronized void taskDone(QueueWaiter w, Answers out) {
        if (!joinable) {
            answer(w, Reply.error("taskDone() needs a JoinableProcessQueue"), out);
        } else if (unfinished == 0) {
            answer(w, Reply.error("taskDone() called more times than elements were put"), out);
        } else {
            answer(w, Reply.OK, out);
            if (--unfinished == 0) {
                for (QueueWaiter j : joiners) {
                    answer(j, Reply.OK, out);
                }
                joiners.clear();
            }
        }
    }

    synchronized void join(QueueWaiter w, Answers out) {
        if (unfinished == 0) {
            answer(w, Reply.OK, out);
        } else {
            joiners.add(w);
        }
    }
}
