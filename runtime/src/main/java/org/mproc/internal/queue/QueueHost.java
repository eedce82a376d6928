package org.mproc.internal.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.internal.spawn.ExitSequence;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;

/**
 * The queues this process hosts, and the service that answers other processes' requests for them:
 * one thread per client connection reads its requests in order and never waits on the queue
 * itself — a take on an empty queue is parked and answered later, from whichever thread makes it
 * answerable.
 */
public final class QueueHost {
    private static volatile QueueHost instance;

    private final Path socket;
    private final Map<Long, QueueState> queues = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private QueueHost() {
        this.socket = Hosting.listenerPath();
        Hosting.serveClients(ClientHelloFrame.QUEUES, this::serve);
        // A child's rings would otherwise stay in the tree's directory until the root exits.
        ExitSequence.register(ExitSequence.Step.LISTENER, () -> queues.values().forEach(QueueState::deleteRing));
    }

    public static QueueHost get() {
        QueueHost host = instance;
        if (host == null) {
            synchronized (QueueHost.class) {
                host = instance;
                if (host == null) {
                    host = new QueueHost();
                    instance = host;
                }
            }
        }
        return host;
    }

    /** The queue with this id if this process hosts it at {@code socket}. */
    public static QueueState local(String socket, long id) {
        QueueHost host = instance;
        return host != null && host.socket.toString().equals(socket) ? host.queues.get(id) : null;
    }

    public Path socket() {
        return socket;
    }

    public QueueState create(int capacity, boolean joinable) {
        long id = ids.incrementAndGet();
        QueueState q = new QueueState(id, capacity, joinable, QueueRing.create(QueueRing.pathFor(socket, id)),
                () -> queues.remove(id));
        queues.put(q.id, q);
        return q;
    }

    private void serve(Connection c) throws IOException {
        Set<QueueState> opened = new HashSet<>();
        try {
            for (Frame f = c.read(); f != null; f = c.read()) {
                handle(c, QueueRequest.from(f), opened);
            }
        } finally {
            QueueState.Answers out = new QueueState.Answers();
            for (QueueState q : opened) {
                q.disconnected(c, out);
            }
            out.deliver();
        }
    }

    private void handle(Connection c, QueueRequest r, Set<QueueState> opened) throws ProtocolException {
        QueueState q = queues.get(r.queueId());
        if (q == null) {
            answerForgotten(c, r);
            return;
        }
        if (!(r instanceof QueueRequest.Open) && !opened.contains(q)) {
            throw new ProtocolException(FrameTypes.name(r.type()) + " for queue " + q.id + " before QUEUE_OPEN");
        }
        QueueState.Answers out = new QueueState.Answers();
        QueueWaiter w = new RemoteWaiter(c, r.correlationId());
        if (r instanceof QueueRequest.Open) {
            opened.add(q);
            boolean closed = q.open(c);
            send(c, new QueueReply.Ok(q.capacity, q.joinable ? 1 : 0, closed ? 1 : 0).toFrame(r.correlationId()));
        } else if (r instanceof QueueRequest.Put put) {
            q.putRemote(c, put.element(), out);
        } else if (r instanceof QueueRequest.Take take) {
            q.take(w, take.timeoutNanos(), out);
        } else if (r instanceof QueueRequest.Claimed) {
            q.drain(c, out);
            q.claimed(out);
        } else if (r instanceof QueueRequest.Produce produce) {
            q.produce(c, producerRing(produce), out);
            send(c, QueueReply.OK.toFrame(r.correlationId())); // from now on SIZE counts what it holds
        } else if (r instanceof QueueRequest.CreditReturn returned) {
            q.creditsReturned(c, returned.n(), out);
        } else if (r instanceof QueueRequest.Credit credit) {
            q.credit(w, credit.timeoutNanos(), credit.want(), out);
        } else if (r instanceof QueueRequest.Cancel) {
            q.cancel(c, r.correlationId(), out);
        } else if (r instanceof QueueRequest.Close) {
            q.close(w, out);
        } else if (r instanceof QueueRequest.ClosingAck) {
            q.acknowledged(c, out);
        } else if (r instanceof QueueRequest.Size) {
            send(c, new QueueReply.Ok(q.size(out)).toFrame(r.correlationId()));
        } else if (r instanceof QueueRequest.TaskDone) {
            q.taskDone(w, out);
        } else if (r instanceof QueueRequest.Join) {
            q.join(w, out);
        } else {
            throw new ProtocolException("a queue host cannot handle " + FrameTypes.name(r.type()));
        }
        out.deliver();
    }

    /**
     * Maps the ring a producer announced, then removes its name: the two processes share it from
     * now on, and nothing is left in the tree's directory when either ends.
     */
    private QueueRing producerRing(QueueRequest.Produce p) throws ProtocolException {
        java.nio.file.Path file = QueueRing.producerPathFor(socket, p.queueId(), p.pid());
        QueueRing ring = QueueRing.openIfPresent(file);
        if (ring == null) {
            throw new ProtocolException("QUEUE_PRODUCE for a ring that does not exist: " + file);
        }
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
            // The process tree's directory goes at exit, and this file with it.
        }
        return ring;
    }

    /**
     * A queue that was closed, drained and joined is forgotten; requests for it are answered as
     * that queue would answer them. An id never issued here is a protocol error.
     */
    private void answerForgotten(Connection c, QueueRequest r) throws ProtocolException {
        if (r.queueId() < 1 || r.queueId() > ids.get()) {
            throw new ProtocolException("no queue " + r.queueId() + " was ever hosted by this process");
        }
        QueueReply reply;
        switch (r.type()) {
            case FrameTypes.QUEUE_OPEN: reply = new QueueReply.Ok(0, 0, 1); break;
            case FrameTypes.QUEUE_SIZE: reply = new QueueReply.Ok(0); break;
            case FrameTypes.QUEUE_CLOSE: case FrameTypes.QUEUE_JOIN: case FrameTypes.QUEUE_PRODUCE: reply = QueueReply.OK; break;
            case FrameTypes.QUEUE_TASK_DONE:
                reply = new QueueReply.Error("taskDone() called more times than elements were put");
                break;
            case FrameTypes.QUEUE_TAKE: case FrameTypes.QUEUE_CREDIT: reply = QueueReply.CLOSED; break;
            default: return; // PUT, CANCEL, CLOSING_ACK, CLAIMED, CREDIT_RETURN: nothing to answer
        }
        send(c, reply.toFrame(r.correlationId()));
    }

    /** Asks a producer's connection to give back the credits it was granted and has not used. */
    static void recallCredits(Object holder, long queueId) {
        send((Connection) holder, new QueueFrames.CreditRecall(queueId).toFrame());
    }

    /** Tells a subscribing connection that the queue is closing. */
    static void notifyClosing(Object subscriber, long queueId) {
        send((Connection) subscriber, new QueueFrames.Closing(queueId).toFrame());
    }

    private static void send(Connection c, Frame f) {
        try {
            c.send(f);
        } catch (IOException gone) {
            // The client is gone; its reader thread here sees the end and cleans up.
        }
    }

    /** A request parked for a client: its answer goes back on the client's connection. */
    private static final class RemoteWaiter extends QueueWaiter {
        RemoteWaiter(Connection c, long correlationId) {
            super(c, correlationId);
        }

        @Override
        void deliver(QueueReply reply) {
            send((Connection) owner, reply.toFrame(correlationId));
        }
    }
}
