package org.mproc.internal.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.mproc.ProcessException;
import org.mproc.internal.wire.FrameTypes;

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

    /** The queue's ring as this process maps it; null if it cannot be mapped (the queue is gone). */
    abstract QueueRing ring();

    /** Asks the host to look at the ring again (see {@link QueueRequest.Claimed}). */
    abstract void lookAgain();

    /**
     * The head's bytes, waiting up to {@code timeoutNanos} (-1: for ever, 0: not at all); null if
     * none came in time; {@link IllegalStateException} once the queue is closed and drained. The
     * element is claimed from the ring; the host is asked only when the ring is empty.
     */
    public final byte[] take(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            QueueRing ring = ring();
            byte[] element = ring == null ? null : ring.claim();
            if (element != null) {
                if (ring.takeNotifyRequest()) {
                    lookAgain();
                }
                return element;
            }
            long wait = timeoutNanos <= 0 ? timeoutNanos : Math.max(0, deadline - System.nanoTime());
            QueueReply r = await(request(FrameTypes.QUEUE_TAKE, wait));
            boolean interrupted = Thread.interrupted(); // await keeps an answer that came despite an interrupt
            if (r instanceof QueueReply.Ready) {
                if (interrupted) {
                    lookAgain(); // the element this READY announced may wake another take
                    throw new InterruptedException();
                }
                if (ring() == null) {
                    throw new ProcessException("the queue's host says its ring holds elements, but its file is gone");
                }
            } else if (r instanceof QueueReply.Empty) {
                if (interrupted) {
                    throw new InterruptedException();
                }
                return null;
            } else if (r instanceof QueueReply.Closed) {
                throw closed();
            } else {
                throw new ProcessException("the queue's host answered a take with " + r);
            }
        }
    }

    /**
     * Waits up to {@code timeoutNanos} (-1: for ever) until one put may follow in a bounded
     * queue; false if no room came in time, {@link IllegalStateException} if the queue is closed.
     */
    public abstract boolean awaitRoom(long timeoutNanos) throws InterruptedException;

    /** Whether a credit request's answer granted room. */
    static boolean granted(QueueReply r) {
        if (r instanceof QueueReply.Closed) {
            throw closed();
        }
        return r instanceof QueueReply.Ok;
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
