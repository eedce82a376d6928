package org.mproc.internal.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mproc.internal.wire.Deadlines;

/**
 * The host's copy of one queue: its elements (as the bytes their producer encoded, so what is
 * taken is always a copy, G-QUEUE-3), the requests parked on it, and the close barrier.
 *
 * <p>Elements go from producers into the queue's {@link QueueRing}, which every consumer — in
 * this process or another — claims from directly; those that do not fit yet wait here, in order,
 * in {@code backlog}, and move on as consumers make room. A take asks this state only when the
 * ring is empty: it is answered READY (claim again) as soon as the ring holds an element. Several
 * waiting takes are woken one per element; a woken take that no longer wants it says so with a
 * {@code claimed} notice, so the element wakes another.
 *
 * <p>A bounded queue counts what is in the ring and the backlog, plus the room it has granted to
 * producers and they have not used yet (credits). A producer in another process asks for several
 * credits at once and spends them without a round trip; when another producer waits for room
 * while some is granted and unused, the holders are asked to give theirs back.
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
    private final QueueRing.Writer ring;
    /** Elements put that the ring has no room for yet, oldest first: all newer than the ring's. */
    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    private final ArrayDeque<QueueWaiter> takers = new ArrayDeque<>();
    private final ArrayDeque<Parked> creditWaiters = new ArrayDeque<>();
    private final List<QueueWaiter> closers = new ArrayList<>();
    private final List<QueueWaiter> joiners = new ArrayList<>();
    private final Set<Object> subscribers = new HashSet<>();
    private final Set<Object> pendingAcks = new HashSet<>();
    /** The rings producers in other processes put into, by connection: drained into this queue. */
    private final Map<Object, QueueRing> producers = new HashMap<>();
    /** Credits granted to each owner and not yet spent on a put or given back. */
    private final Map<Object, Integer> credits = new HashMap<>();
    /** Owners asked to give back their unused credits, who have not answered yet. */
    private final Set<Object> creditsRecalled = new HashSet<>();
    private int reserved;
    /** Runs a look while producers wait and some room is free, but too little to be worth a grant yet. */
    private Deadlines.Alarm roomTick;
    /** Set by {@link #roomTick}: the next look grants whatever room is free. */
    private boolean roomTickFired;
    private int unfinished;
    private Phase phase = Phase.OPEN;
    private boolean finished;
    /** Runs once the queue is closed, drained and joined: nothing can change it any more. */
    private final Runnable onFinished;

    QueueState(long id, int capacity, boolean joinable, QueueRing.Writer ring, Runnable onFinished) {
        this.id = id;
        this.capacity = capacity;
        this.joinable = joinable;
        this.ring = ring;
        this.onFinished = onFinished;
    }

    /** The ring consumers in this process claim from. */
    QueueRing ring() {
        return ring.ring();
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
        append(owner, element);
        settle(out);
    }

    private void append(Object owner, byte[] element) {
        spendCredit(owner);
        if (!backlog.isEmpty() || !ring.offer(element)) {
            backlog.add(element);
        }
        if (joinable) {
            unfinished++;
        }
    }

    /** A producer in another process puts into {@code produced} from now on; takes what it already holds. */
    synchronized void produce(Object owner, QueueRing produced, Answers out) {
        producers.put(owner, produced);
        drain(owner, out);
    }

    /**
     * Takes in what {@code owner}'s ring holds, in the order it was put, then asks the producer to
     * say when it puts more; what it put before seeing that request is taken in by looking once
     * more after asking.
     */
    synchronized void drain(Object owner, Answers out) {
        QueueRing produced = producers.get(owner);
        if (produced == null) {
            return;
        }
        boolean any = false;
        while (true) {
            for (byte[] e = produced.claim(); e != null; e = produced.claim()) {
                append(owner, e);
                any = true;
            }
            produced.requestNotify();
            byte[] late = produced.claim();
            if (late == null) {
                break;
            }
            append(owner, late);
            any = true;
        }
        if (any) {
            settle(out);
        }
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
     * A take that found the ring empty: READY if it holds an element now, CLOSED once the queue
     * is closed and drained, EMPTY if {@code timeoutNanos} is 0; otherwise parked until one of
     * these.
     */
    synchronized void take(QueueWaiter w, long timeoutNanos, Answers out) {
        settle(out);
        if (ring.unclaimed() > 0) {
            answer(w, QueueReply.READY, out);
        } else if (phase == Phase.CLOSED && drained()) {
            answer(w, QueueReply.CLOSED, out);
        } else if (timeoutNanos == 0) {
            answer(w, QueueReply.EMPTY, out);
        } else {
            park(takers, w, timeoutNanos);
        }
    }

    /** Consumers claimed from the ring, or a woken take passed its turn on: look at the ring again. */
    synchronized void claimed(Answers out) {
        settle(out);
    }

    /**
     * Room for puts in a bounded queue: up to {@code want} credits granted now (at least one),
     * when consumers make room, or never (EMPTY).
     */
    synchronized void credit(QueueWaiter w, long timeoutNanos, int want, Answers out) {
        if (phase != Phase.OPEN) {
            answer(w, QueueReply.CLOSED, out);
        } else if (room() >= worthGranting(want) || (room() > 0 && timeoutNanos == 0)) {
            grant(w, want, out);
        } else if (timeoutNanos == 0) {
            answer(w, QueueReply.EMPTY, out);
        } else {
            park(creditWaiters, new Parked(w, want), timeoutNanos);
            settle(out);
        }
    }

    /** An owner gives back {@code n} credits it was granted and will not use. */
    synchronized void creditsReturned(Object owner, int n, Answers out) {
        creditsRecalled.remove(owner);
        for (int i = 0; i < n && credits.containsKey(owner); i++) {
            spendCredit(owner);
        }
        settle(out);
    }

    /**
     * The room worth a round trip to a producer that asked for {@code want}: a quarter of the
     * capacity, at most what it asked for. A full queue frees room one claim at a time; granting
     * each slot as it frees would cost a round trip per put, so a producer waits for this much, or
     * for the next {@link #ROOM_TICK_NANOS}, whichever comes first.
     */
    private int worthGranting(int want) {
        return Math.min(want, Math.max(1, capacity / 4));
    }

    /** The longest a waiting producer waits for room to add up once some is free. */
    static final long ROOM_TICK_NANOS = 200_000;

    /** Slots a put could still be granted: the capacity less what is held and what is granted. */
    private int room() {
        return capacity == 0 ? Integer.MAX_VALUE : capacity - held() - reserved;
    }

    /** Elements in the queue: in the ring (unclaimed) and in the backlog. */
    private int held() {
        return backlog.size() + ring.unclaimed();
    }

    private boolean drained() {
        return held() == 0;
    }

    private void grant(Parked p, Answers out) {
        grant(p.waiter, p.want, out);
    }

    /** Grants a share of the room: a producer asking for many leaves some for others. */
    private void grant(QueueWaiter w, int want, Answers out) {
        if (w.settle()) {
            int room = room();
            int n = Math.max(1, Math.min(want, room == Integer.MAX_VALUE ? want : room / 2));
            reserved += n;
            credits.merge(w.owner, n, Integer::sum);
            out.add(w, new QueueReply.Ok(n));
        }
    }

    /**
     * Brings everything up to date after a change: the backlog moves into the ring as far as it
     * fits, room goes to producers waiting for it, elements wake waiting takes. While anything
     * here waits for consumers to claim (the backlog for room in the ring, a producer for room in
     * the queue, a closed queue to be drained), consumers are asked to report their next claim;
     * a claim made before they were asked is caught by looking once more after asking.
     */
    private void settle(Answers out) {
        int woken = catchUp(out, 0);
        if (waitsForClaims()) {
            ring.requestNotify();
            catchUp(out, woken);
        }
        if (!waitsForClaims()) {
            ring.cancelNotify();
        }
        checkFinished();
    }

    /** A producer waiting on a full queue hears of the first claim; room that is free but small is looked at by the tick. */
    private boolean waitsForClaims() {
        return !backlog.isEmpty() || (!creditWaiters.isEmpty() && room() == 0) || (phase == Phase.CLOSED && !finished);
    }

    /** One look at everything; {@code woken} takes were already woken for elements in the ring. Returns the new count. */
    private int catchUp(Answers out, int woken) {
        while (!backlog.isEmpty() && ring.offer(backlog.peekFirst())) {
            backlog.removeFirst();
        }
        while (!creditWaiters.isEmpty() && room() > 0
                && (roomTickFired || room() >= worthGranting(creditWaiters.peekFirst().want))) {
            grant(creditWaiters.removeFirst(), out);
        }
        roomTickFired = false;
        if (!creditWaiters.isEmpty()) {
            recallCredits(out);
            if (room() > 0 && roomTick == null) {
                roomTick = Deadlines.after(ROOM_TICK_NANOS, this::roomTicked);
            }
        }
        while (!takers.isEmpty() && ring.unclaimed() > woken) {
            answer(takers.removeFirst(), QueueReply.READY, out);
            woken++;
        }
        if (phase == Phase.CLOSED && drained()) {
            for (QueueWaiter t : takers) {
                answer(t, QueueReply.CLOSED, out);
            }
            takers.clear();
        }
        return woken;
    }

    private void roomTicked() {
        Answers out = new Answers();
        synchronized (this) {
            roomTick = null;
            roomTickFired = true;
            settle(out);
        }
        out.deliver();
    }

    /**
     * Producers wait for room that others were granted and have not used: ask for it back. A
     * waiting owner holds no unused credits (a link asks only when it has none left), and the
     * host's own handles spend theirs at once.
     */
    private void recallCredits(Answers out) {
        Set<Object> waiting = new HashSet<>();
        for (Parked p : creditWaiters) {
            waiting.add(p.owner);
        }
        for (Object holder : credits.keySet()) {
            if (holder != LocalQueueLink.HOST && !waiting.contains(holder) && creditsRecalled.add(holder)) {
                out.add(() -> QueueHost.recallCredits(holder, id));
            }
        }
    }

    private void checkFinished() {
        if (!finished && phase == Phase.CLOSED && drained() && unfinished == 0) {
            finished = true;
            ring.cancelNotify();
            ring.delete();
            onFinished.run();
        }
    }

    /** This process is exiting: the ring's files go with it, whatever the queue still held. */
    synchronized void deleteRing() {
        ring.delete();
    }

    /** A parked credit request, with how many it asked for. */
    private static final class Parked extends QueueWaiter {
        final QueueWaiter waiter;
        final int want;

        Parked(QueueWaiter waiter, int want) {
            super(waiter.owner, waiter.correlationId);
            this.waiter = waiter;
            this.want = want;
        }

        @Override
        void deliver(QueueReply reply) {
            waiter.deliver(reply);
        }
    }

    private <W extends QueueWaiter> void park(ArrayDeque<W> where, W w, long timeoutNanos) {
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
        for (Collection<? extends QueueWaiter> where : List.of(takers, creditWaiters, joiners, closers)) {
            for (Iterator<? extends QueueWaiter> it = where.iterator(); it.hasNext(); ) {
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

    /** A subscriber will put no more: what it put is taken in first; what it still held in credits is void. */
    synchronized void acknowledged(Object subscriber, Answers out) {
        drain(subscriber, out);
        pendingAcks.remove(subscriber);
        dropCredits(subscriber);
        checkBarrier(out);
    }

    private void dropCredits(Object owner) {
        Integer held = credits.remove(owner);
        if (held != null) {
            reserved -= held;
        }
        creditsRecalled.remove(owner);
    }

    private void checkBarrier(Answers out) {
        if (phase == Phase.CLOSING && pendingAcks.isEmpty()) {
            phase = Phase.CLOSED;
            for (QueueWaiter w : closers) {
                answer(w, QueueReply.OK, out);
            }
            closers.clear();
        }
        settle(out);
    }

    /**
     * A client connection ended: what it put is taken in (nothing a put returned for is lost, even
     * if the process was killed), its parked requests go, and it no longer holds up a close.
     */
    synchronized void disconnected(Object owner, Answers out) {
        drain(owner, out);
        producers.remove(owner);
        takers.removeIf(w -> w.owner == owner && w.settle());
        creditWaiters.removeIf(w -> w.owner == owner && w.settle());
        joiners.removeIf(w -> w.owner == owner && w.settle());
        closers.removeIf(w -> w.owner == owner && w.settle());
        subscribers.remove(owner);
        pendingAcks.remove(owner);
        dropCredits(owner);
        checkBarrier(out);
    }

    /**
     * Every element put and not yet taken, wherever it is: what producers in other processes hold
     * in their rings is taken in first, so a put that returned is counted, whichever process asks.
     */
    synchronized int size(Answers out) {
        for (Object producer : new ArrayList<>(producers.keySet())) {
            drain(producer, out);
        }
        return held();
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
