package org.mproc.internal.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mproc.internal.wire.Deadlines;

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
public final class QueueState {
    private enum Phase { OPEN, CLOSING, CLOSED }


    public final long id;
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
    /** Elements lent to remote consumers: at most one holder at a time, see {@link #take}. */
    private final QueueLeases leases = new QueueLeases();
    /** Holders asked to give back what they have not taken, who have not answered yet. */
    private final Set<Object> recalled = new HashSet<>();
    /** Until then consumers are lent one element at a time: several were seen taking. */
    private long contendedUntil;
    /** Credits granted to each owner and not yet spent on a put. */
    private final Map<Object, Integer> credits = new HashMap<>();
    private int reserved;
    private int unfinished;
    private Phase phase = Phase.OPEN;
    /** Runs once the queue is closed, drained and joined: nothing can change it any more. */
    private final Runnable onFinished;

    QueueState(long id, int capacity, boolean joinable, Runnable onFinished) {
        this.id = id;
        this.capacity = capacity;
        this.joinable = joinable;
        this.onFinished = onFinished;
    }

    private void checkFinished() {
        if (phase == Phase.CLOSED && drained() && unfinished == 0) {
            onFinished.run();
        }
    }

    /** Nothing held here and nothing lent out that could come back. */
    private boolean drained() {
        return elements.isEmpty() && leases.total() == 0;
    }

    /** Elements in the queue, lent ones included: a bounded queue's room counts them. */
    private int held() {
        return elements.size() + leases.total();
    }

    /** Answers to deliver once the lock is released. */
    static final class Answers {
        private final List<Runnable> pending = new ArrayList<>(2);

        void add(QueueWaiter w, QueueReply reply) {
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

    /**
     * Takes up to {@code max} elements ({@code LEND_MAX_BYTES} at most, one at least). A remote
     * consumer's are {@code lend}: kept as its lease until it acknowledges them, so a consumer
     * that dies before its {@code take} returned gives them back.
     *
     * <p>At most one consumer holds lent elements at a time: while one does, others wait (and it
     * is asked to give back what it has not taken). Lent elements are then always older than
     * everything still queued, so giving them back to the head never lets a consumer take an
     * element after a newer one from the same producer (G-QUEUE-1). A queue that several
     * consumers take from lends one element at a time for a while, so they alternate cheaply.
     */
    synchronized void take(QueueWaiter w, long timeoutNanos, int max, boolean lend, Answers out) {
        boolean blocked = leases.heldByOthers(w.owner);
        if (!elements.isEmpty() && !blocked) {
            serve(w, max, lend, out);
            checkFinished();
        } else if (phase == Phase.CLOSED && drained()) {
            answer(w, QueueReply.CLOSED, out);
        } else if (timeoutNanos == 0) {
            answer(w, QueueReply.EMPTY, out);
            recallFor(w.owner, out);
        } else {
            park(takers, new Parked(w, max, lend), timeoutNanos);
            recallFor(w.owner, out);
        }
    }

    /**
     * The most one lent batch may weigh: enough to amortise a round trip, small enough that its
     * reply goes through a connection's write buffer in one piece (see {@code FrameWriter}).
     */
    static final int LEND_MAX_BYTES = 48 * 1024;
    private static final long CONTENDED_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private void serve(QueueWaiter w, int max, boolean lend, Answers out) {
        if (!w.settle()) {
            return;
        }
        int limit = System.nanoTime() - contendedUntil < 0 ? 1 : max;
        List<byte[]> taken = new ArrayList<>(Math.min(limit, elements.size()));
        int bytes = 0;
        while (!elements.isEmpty() && taken.size() < limit
                && (taken.isEmpty() || bytes + elements.peekFirst().length <= LEND_MAX_BYTES)) {
            byte[] e = elements.removeFirst();
            bytes += e.length;
            taken.add(e);
        }
        long firstSeq = 0;
        if (lend) {
            firstSeq = leases.lend(w.owner, taken);
        } else {
            grantRoom(out);
        }
        out.add(w, new QueueReply.Elements(taken, firstSeq));
    }

    /** {@code waiting} cannot be served while others hold lent elements: ask them for what they have not taken. */
    private void recallFor(Object waiting, Answers out) {
        if (!leases.heldByOthers(waiting)) {
            return;
        }
        contendedUntil = System.nanoTime() + CONTENDED_NANOS;
        for (Object holder : leases.holders()) {
            if (holder != waiting && recalled.add(holder)) {
                out.add(() -> QueueHost.recall(holder, id));
            }
        }
    }

    /** The consumer took these lent elements. */
    synchronized void consumed(Object owner, long[] seqs, Answers out) {
        leases.consumed(owner, seqs);
        afterLeaseShrank(out);
    }

    /** The consumer gives back these lent elements: they go back to the head, in the order lent. */
    synchronized void returned(Object owner, long[] seqs, Answers out) {
        recalled.remove(owner);
        pushBack(leases.returned(owner, seqs));
        afterLeaseShrank(out);
    }

    /** Lent elements are older than all queued ones (one holder at a time): they go first again. */
    private void pushBack(List<byte[]> back) {
        for (int i = back.size() - 1; i >= 0; i--) {
            elements.addFirst(back.get(i));
        }
    }

    private void afterLeaseShrank(Answers out) {
        grantRoom(out);
        serveTakers(out);
        if (phase == Phase.CLOSED && drained()) {
            for (QueueWaiter t : takers) {
                answer(t, QueueReply.CLOSED, out);
            }
            takers.clear();
        }
        checkFinished();
    }

    /** Room for one put in a bounded queue: granted now, when a take makes room, or never (EMPTY). */
    synchronized void credit(QueueWaiter w, long timeoutNanos, Answers out) {
        if (phase != Phase.OPEN) {
            answer(w, QueueReply.CLOSED, out);
        } else if (capacity == 0 || held() + reserved < capacity) {
            grant(w, out);
        } else if (timeoutNanos == 0) {
            answer(w, QueueReply.EMPTY, out);
        } else {
            park(creditWaiters, w, timeoutNanos);
        }
    }

    private void grant(QueueWaiter w, Answers out) {
        if (w.settle()) {
            reserved++;
            credits.merge(w.owner, 1, Integer::sum);
            out.add(w, QueueReply.OK);
        }
    }

    private void grantRoom(Answers out) {
        while (!creditWaiters.isEmpty() && held() + reserved < capacity) {
            grant(creditWaiters.removeFirst(), out);
        }
    }

    private void serveTakers(Answers out) {
        while (!takers.isEmpty() && !elements.isEmpty()) {
            Parked p = (Parked) takers.peekFirst();
            if (leases.heldByOthers(p.owner)) {
                recallFor(p.owner, out); // the first in line waits for the holder; so do those behind
                return;
            }
            takers.removeFirst();
            serve(p, p.max, p.lend, out);
        }
        if (!takers.isEmpty() && elements.isEmpty()) {
            recallFor(takers.peekFirst().owner, out);
        }
    }

    /** A parked take, with what it asked for. */
    private static final class Parked extends QueueWaiter {
        final QueueWaiter waiter;
        final int max;
        final boolean lend;

        Parked(QueueWaiter waiter, int max, boolean lend) {
            super(waiter.owner, waiter.correlationId);
            this.waiter = waiter;
            this.max = max;
            this.lend = lend;
        }

        @Override
        void deliver(QueueReply reply) {
            waiter.deliver(reply);
        }
    }

    private void park(ArrayDeque<QueueWaiter> where, QueueWaiter w, long timeoutNanos) {
        where.add(w);
        if (timeoutNanos > 0) {
            w.deadline(Deadlines.after(timeoutNanos, () -> expire(w)));
        }
    }

    private void expire(QueueWaiter w) {
        Answers out = new Answers();
        synchronized (this) {
            if (takers.remove(w) || creditWaiters.remove(w)) {
                answer(w, QueueReply.EMPTY, out);
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
                    answer(w, QueueReply.EMPTY, out);
                    return;
                }
            }
        }
    }

    private static void answer(QueueWaiter w, QueueReply reply, Answers out) {
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
            answer(closer, QueueReply.OK, out);
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
                answer(w, QueueReply.CLOSED, out);
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
            answer(w, QueueReply.OK, out);
        }
        closers.clear();
        if (drained()) {
            for (QueueWaiter w : takers) {
                answer(w, QueueReply.CLOSED, out);
            }
            takers.clear();
        } else if (!takers.isEmpty()) {
            recallFor(takers.peekFirst().owner, out); // waiting takers get what a consumer holds but did not take
        }
        checkFinished();
    }

    /** A client connection ended: its parked requests go, and it no longer holds up a close. */
    synchronized void disconnected(Object owner, Answers out) {
        pushBack(leases.dropAll(owner)); // lent and never acknowledged: never returned from a take
        recalled.remove(owner);
        takers.removeIf(w -> w.owner == owner && w.settle());
        creditWaiters.removeIf(w -> w.owner == owner && w.settle());
        joiners.removeIf(w -> w.owner == owner && w.settle());
        closers.removeIf(w -> w.owner == owner && w.settle());
        subscribers.remove(owner);
        pendingAcks.remove(owner);
        dropCredits(owner);
        checkBarrier(out);
        afterLeaseShrank(out);
    }

    synchronized int size() {
        return elements.size();
    }

    synchronized void taskDone(QueueWaiter w, Answers out) {
        if (!joinable) {
            answer(w, new QueueReply.Error("taskDone() needs a JoinableProcessQueue"), out);
        } else if (unfinished == 0) {
            answer(w, new QueueReply.Error("taskDone() called more times than elements were put"), out);
        } else {
            answer(w, QueueReply.OK, out);
            if (--unfinished == 0) {
                for (QueueWaiter j : joiners) {
                    answer(j, QueueReply.OK, out);
                }
                joiners.clear();
                checkFinished();
            }
        }
    }

    synchronized void join(QueueWaiter w, Answers out) {
        if (unfinished == 0) {
            answer(w, QueueReply.OK, out);
        } else {
            joiners.add(w);
        }
    }
}
