package org.mproc.internal.queue;

import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.mproc.ProcessException;
import org.mproc.internal.wire.FrameTypes;

/**
 * A handle in a process other than the queue's host. A put is complete once its frame is written
 * into this process's connection to the host (G-QUEUE-4): the kernel keeps it readable even if
 * this process dies right after. The host's "closing" notice and this link's puts are ordered by
 * one lock, so no put can follow the acknowledgement that this process puts no more.
 *
 * <p>Takes come in batches lent by the host (see {@code QueueFrames}): a take returns the next
 * lent element after writing its acknowledgement, so an element is either acknowledged and in the
 * caller's hands, or still the host's to give again — exactly once, even under SIGKILL. Lent
 * elements not yet taken go back when the host recalls them or the connection ends.
 */
public final class RemoteQueueLink extends QueueLink {
    /** Elements one take asks for: a round trip then serves many takes. */
    static final int BATCH = 64;

    private final QueueClient client;
    private final long queueId;
    private boolean closed; // guarded by this
    /** Lent elements not yet taken, by their lend number: taken lowest first. Guarded by this. */
    private final TreeMap<Long, byte[]> lent = new TreeMap<>();
    /** Completes when the host has answered QUEUE_OPEN; set by the first user. Guarded by this. */
    private CompletableFuture<Void> opened;
    private volatile boolean bounded;

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
            case FrameTypes.QUEUE_TAKE -> new QueueRequest.Take(corr, queueId, timeoutNanos, BATCH);
            case FrameTypes.QUEUE_CREDIT -> new QueueRequest.Credit(corr, queueId, timeoutNanos);
            case FrameTypes.QUEUE_CLOSE -> new QueueRequest.Close(corr, queueId);
            case FrameTypes.QUEUE_SIZE -> new QueueRequest.Size(corr, queueId);
            case FrameTypes.QUEUE_TASK_DONE -> new QueueRequest.TaskDone(corr, queueId);
            case FrameTypes.QUEUE_JOIN -> new QueueRequest.Join(corr, queueId);
            default -> throw new IllegalArgumentException("not a queue request with an answer: "
                    + FrameTypes.name(type));
        };
        Consumer<QueueReply> keep = request instanceof QueueRequest.Take ? this::keepLent : null;
        return new Pending(corr, client.send(request.toFrame(), corr, keep));
    }

    /**
     * On the reader thread, before the taker wakes: lent elements join this process's stock at
     * once, so a recall read after this answer gives them back too.
     */
    private synchronized void keepLent(QueueReply r) {
        if (r instanceof QueueReply.Elements taken) {
            long seq = taken.firstSeq();
            for (byte[] e : taken.elements()) {
                lent.put(seq++, e);
            }
        }
    }

    @Override
    void cancel(Pending p) {
        client.send(new QueueRequest.Cancel(p.correlationId(), queueId).toFrame());
    }

    @Override
    public byte[] take(long timeoutNanos) throws InterruptedException {
        byte[] mine = nextLent();
        if (mine != null) {
            return mine;
        }
        Pending p = request(FrameTypes.QUEUE_TAKE, timeoutNanos);
        QueueReply r = await(p);
        boolean interrupted = Thread.interrupted(); // await keeps an answer that came despite an interrupt
        if (r instanceof QueueReply.Empty) {
            if (interrupted) {
                throw new InterruptedException();
            }
            return null;
        } else if (r instanceof QueueReply.Closed) {
            throw QueueLink.closed();
        } else if (!(r instanceof QueueReply.Elements)) { // elements are already in the stock (keepLent)
            throw new ProcessException("the queue's host answered a take with " + r);
        }
        if (interrupted) {
            throw new InterruptedException(); // what came stays in the stock: the next take or a recall gets it
        }
        return take(timeoutNanos);
    }

    /** The next lent element, acknowledged before it is handed out; null if none is left. */
    private synchronized byte[] nextLent() {
        java.util.Map.Entry<Long, byte[]> first = lent.pollFirstEntry();
        if (first == null) {
            return null;
        }
        client.send(new QueueRequest.Consumed(0, queueId, first.getKey()).toFrame());
        return first.getValue();
    }

    /** The host recalls what was lent: give back what has not been taken. */
    synchronized void recall() {
        long[] seqs = lent.keySet().stream().mapToLong(Long::longValue).toArray();
        lent.clear();
        try {
            client.send(new QueueRequest.Return(0, queueId, seqs).toFrame());
        } catch (ProcessException gone) {
            // The host is gone: nothing to give back to.
        }
    }

    @Override
    public synchronized boolean put(byte[] element) {
        if (closed) {
            return false;
        }
        client.send(new QueueRequest.Put(0, queueId, element).toFrame());
        return true;
    }

    /** The host says the queue is closing: refuse later puts, then say so. */
    synchronized void closing() {
        if (!closed) {
            closed = true;
            try {
                client.send(new QueueRequest.ClosingAck(0, queueId).toFrame());
            } catch (ProcessException gone) {
                // The host is gone: nothing to acknowledge.
            }
        }
    }
}
