package org.mproc.internal.queue;

import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.mproc.ProcessException;
import org.mproc.internal.wire.FrameTypes;

/**
 * A handle in a process other than the queue's host. A put is complete once it is in memory this
 * process shares with the host (or its frame is written into the connection): it outlives this
 * process (G-QUEUE-4). The host's "closing" notice and this link's puts are ordered by one lock, so
 * no put can follow the acknowledgement that this process puts no more, and the host takes in the
 * ring before it counts that acknowledgement.
 *
 * <p>Takes claim from the queue's ring, mapped here on first use (see {@link QueueRing}); puts go
 * into a ring of this process's own that the host maps (see {@link #put}). Puts to a bounded queue
 * spend credits this link asks for {@value #CREDITS} at a time, and gives back what it has not
 * used when the host recalls them.
 */
public final class RemoteQueueLink extends QueueLink {
    /** Credits one request asks for: a round trip then serves many puts. */
    static final int CREDITS = 64;

    private final QueueClient client;
    private final long queueId;
    private boolean closed; // guarded by this
    /** Credits granted and not yet spent on a put. Guarded by this. */
    private int credits;
    /** Completes when the host has answered QUEUE_OPEN; set by the first user. Guarded by this. */
    private CompletableFuture<Void> opened;
    private volatile boolean bounded;
    private volatile QueueRing ring;
    /** This process's ring of puts for the queue, once made. Guarded by this. */
    private QueueRing.Writer produced;
    private boolean withoutRing; // guarded by this
    /** Completes when the host has mapped this process's ring; set by the first put. Guarded by this. */
    private CompletableFuture<QueueReply> ringKnown;
    /** How long a put waits between looks at a full ring of its own. */
    private static final long DRAIN_POLL_NANOS = 50_000;

    /**
     * A link is registered with its client before QUEUE_OPEN is sent, so that a closing notice the
     * host sends right after its answer finds it (and is acknowledged) even before the opening
     * thread has read the answer.
     */
    RemoteQueueLink(QueueClient client, long queueId) {
        this.client = client;
        this.queueId = queueId;
    }

    /** Opens the queue for this process once; every later user waits for the same answer. */
    void awaitOpen() throws InterruptedException {
        CompletableFuture<Void> ready;
        boolean mine = false;
        synchronized (this) {
            if (opened == null) {
                opened = new CompletableFuture<>();
                mine = true;
            }
            ready = opened;
        }
        if (mine) {
            try {
                QueueReply r = await(request(FrameTypes.QUEUE_OPEN, 0));
                if (!(r instanceof QueueReply.Ok ok)) {
                    throw new IllegalStateException("the queue's host cannot open queue " + queueId + ": "
                            + (r instanceof QueueReply.Error error ? error.message() : r));
                }
                bounded = ok.ints()[0] > 0;
                synchronized (this) {
                    closed |= ok.ints()[2] == 1;
                }
                ready.complete(null);
            } catch (RuntimeException | InterruptedException e) {
                ready.completeExceptionally(e);
                throw e;
            }
        }
        try {
            ready.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause
                    : new ProcessException("opening the queue failed: " + cause, cause);
        }
    }

    @Override
    public boolean bounded() {
        return bounded;
    }

    @Override
    public Pending request(byte type, long timeoutNanos) {
        long corr = client.nextId();
        QueueRequest request = switch (type) {
            case FrameTypes.QUEUE_OPEN -> new QueueRequest.Open(corr, queueId);
            case FrameTypes.QUEUE_TAKE -> new QueueRequest.Take(corr, queueId, timeoutNanos);
            case FrameTypes.QUEUE_CREDIT -> new QueueRequest.Credit(corr, queueId, timeoutNanos, CREDITS);
            case FrameTypes.QUEUE_CLOSE -> new QueueRequest.Close(corr, queueId);
            case FrameTypes.QUEUE_SIZE -> new QueueRequest.Size(corr, queueId);
            case FrameTypes.QUEUE_TASK_DONE -> new QueueRequest.TaskDone(corr, queueId);
            case FrameTypes.QUEUE_JOIN -> new QueueRequest.Join(corr, queueId);
            default -> throw new IllegalArgumentException("not a queue request with an answer: "
                    + FrameTypes.name(type));
        };
        Consumer<QueueReply> keep = request instanceof QueueRequest.Credit ? this::keepCredits : null;
        return new Pending(corr, client.send(request.toFrame(), corr, keep));
    }

    /**
     * On the reader thread, before the asking put wakes: all but the one it spends join this
     * link's stock at once, so a recall read after this answer gives them back too.
     */
    private synchronized void keepCredits(QueueReply r) {
        if (r instanceof QueueReply.Ok granted && granted.ints().length == 1) {
            credits += granted.ints()[0] - 1;
        }
    }

    @Override
    void cancel(Pending p) {
        client.send(new QueueRequest.Cancel(p.correlationId(), queueId).toFrame());
    }

    @Override
    QueueRing ring() {
        QueueRing r = ring;
        if (r == null) {
            r = QueueRing.openIfPresent(QueueRing.pathFor(Paths.get(client.socket()), queueId));
            ring = r;
        }
        return r;
    }

    @Override
    void lookAgain() {
        client.send(new QueueRequest.Claimed(0, queueId).toFrame());
    }

    @Override
    public boolean awaitRoom(long timeoutNanos) throws InterruptedException {
        synchronized (this) {
            if (credits > 0) {
                credits--;
                return true;
            }
        }
        return granted(await(request(FrameTypes.QUEUE_CREDIT, timeoutNanos)));
    }

    /** The host recalls credits: give back those not spent. */
    synchronized void recallCredits() {
        int n = credits;
        credits = 0;
        try {
            client.send(new QueueRequest.CreditReturn(0, queueId, n).toFrame());
        } catch (ProcessException gone) {
            // The host is gone: nothing to give back to.
        }
    }

    /**
     * Puts into this process's own ring for the queue, which the host maps: the element is then in
     * memory the host shares, so this process's death cannot lose it (G-QUEUE-4), and no system
     * call is made unless the host asked to hear of the next put. Without a ring (it could not be
     * made here) the element goes in a {@code QUEUE_PUT} frame.
     */
    @Override
    public boolean put(byte[] element) {
        awaitRingKnown();
        synchronized (this) {
            if (closed) {
                return false;
            }
            client.requireAlive();
            QueueRing.Writer produced = this.produced;
            if (produced == null) {
                client.send(new QueueRequest.Put(0, queueId, element).toFrame());
                return true;
            }
            if (!produced.offer(element)) {
                awaitDrained(produced, element);
            }
            if (produced.ring().takeNotifyRequest()) {
                lookAgain();
            }
            return true;
        }
    }

    /**
     * Makes this process's ring for the queue on the first put and waits until the host has mapped
     * it, so that a size asked by any process from then on counts what it holds. The wait is
     * outside this link's lock: the client's reader may need that lock (a closing notice) before it
     * reads the host's answer. Without a ring (it could not be made here) puts go in frames.
     */
    private void awaitRingKnown() {
        CompletableFuture<QueueReply> known;
        synchronized (this) {
            if (produced == null && !withoutRing && ringKnown == null && !closed) {
                client.requireAlive();
                long pid = ProcessHandle.current().pid();
                try {
                    produced = QueueRing.create(QueueRing.producerPathFor(Paths.get(client.socket()), queueId, pid));
                } catch (ProcessException cannot) {
                    withoutRing = true; // frames will do; a ring must never be half used
                    return;
                }
                long corr = client.nextId();
                try {
                    ringKnown = client.send(new QueueRequest.Produce(corr, queueId, pid).toFrame(), corr);
                } catch (ProcessException hostGone) {
                    abandonRing();
                    throw hostGone;
                }
            }
            known = ringKnown;
        }
        if (known != null && !known.isDone()) {
            try {
                awaitUninterruptibly(known);
            } catch (ProcessException hostGone) {
                abandonRing();
                throw hostGone;
            }
        }
    }

    /** The host will never map this process's ring: its file goes, and puts fail as the host is gone. */
    private synchronized void abandonRing() {
        if (produced != null) {
            produced.delete();
            produced = null;
        }
        withoutRing = true;
    }

    private static void awaitUninterruptibly(CompletableFuture<QueueReply> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    answer.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof ProcessException pe ? pe
                            : new ProcessException("the queue's host did not take this process's ring: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The ring is full: the host takes in what it holds when told, then this put fits. The wait is
     * the host's copying, not consumers': the host takes everything in, whatever the queue's size.
     */
    private void awaitDrained(QueueRing.Writer produced, byte[] element) {
        boolean interrupted = false;
        while (true) {
            lookAgain(); // fails with ProcessException once the host is gone
            if (produced.offer(element)) {
                break;
            }
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The host says the queue is closing: refuse later puts, then say so; unused credits are void.
     * This process's ring of puts is let go (the host, which maps it too, takes in what is left):
     * its bookkeeping grows with the elements in flight, and handles may outlive the queue.
     */
    synchronized void closing() {
        if (!closed) {
            closed = true;
            credits = 0;
            produced = null;
            withoutRing = true;
            try {
                client.send(new QueueRequest.ClosingAck(0, queueId).toFrame());
            } catch (ProcessException gone) {
                // The host is gone: nothing to acknowledge.
            }
        }
    }
}
