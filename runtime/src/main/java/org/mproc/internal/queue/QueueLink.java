package org.mproc.internal.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.mproc.ProcessException;

/**
 * How a {@link org.mproc.ProcessQueue} handle reaches its queue: directly when this process hosts it,
 * over this process's one connection to the host otherwise. Requests are answered by the host;
 * puts need no answer.
 */
public abstract class QueueLink {
    /** What every call on a closed queue throws, in every process (G-QUEUE-6). */
    public static IllegalStateException closed() {
        return new IllegalStateException("the queue is closed");
    }

    /** A request in flight: its answer, and the id that cancels it. */
    record Pending(long correlationId, CompletableFuture<QueueReply> answer) {}

    /** Whether puts need room granted first (a queue with a capacity). */
    public abstract boolean bounded();

    public abstract Pending request(byte type, long timeoutNanos);

    abstract void cancel(Pending p);

    /**
     * The head's bytes, waiting up to {@code timeoutNanos} (-1: for ever); null if none came in
     * time; {@link IllegalStateException} once the queue is closed and drained.
     */
    public abstract byte[] take(long timeoutNanos) throws InterruptedException;

    /** The one element of a local take's answer (or null / the closed queue's exception). */
    static byte[] single(QueueReply r) {
        if (r instanceof QueueReply.Elements taken) {
            return taken.elements().get(0);
        } else if (r instanceof QueueReply.Empty) {
            return null;
        } else if (r instanceof QueueReply.Closed) {
            throw QueueLink.closed();
        }
        throw new ProcessException("the queue's host answered a take with " + r);
    }

    /** Hands the element over; false if the queue is closed for this process (G-QUEUE-6). */
    public abstract boolean put(byte[] element);

    /**
     * Waits for the answer. An interrupt cancels the request, but an answer the host had already
     * given (an element taken, room granted) is kept, with the interrupt status set again, so
     * nothing is lost by interrupting a take.
     */
    public final QueueReply await(Pending p) throws InterruptedException {
        try {
            return p.answer().get();
        } catch (InterruptedException e) {
            cancel(p);
            QueueReply r = join(p);
            if (r instanceof QueueReply.Empty) {
                throw e;
            }
            Thread.currentThread().interrupt();
            return r;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static QueueReply join(Pending p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.answer().get();
                } catch (InterruptedException again) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw failure(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException failure(Throwable cause) {
        return cause instanceof ProcessException ? (ProcessException) cause
                : new ProcessException("the queue's request failed: " + cause, cause);
    }
}
