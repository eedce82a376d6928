package org.mproc.internal.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.internal.queue.QueueFrames.Reply;
import org.mproc.internal.queue.QueueFrames.Request;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.HelloFrame;
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
        Hosting.serveClients(HelloFrame.QUEUES, this::serve);
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
        QueueState q = new QueueState(id, capacity, joinable, () -> queues.remove(id));
        queues.put(q.id, q);
        return q;
    }

    private void serve(Connection c) throws IOException {
        Set<QueueState> opened = new HashSet<>();
        try {
            for (Frame f = c.read(); f != null; f = c.read()) {
                handle(c, Request.from(f), opened);
            }
        } finally {
            QueueState.Answers out = new QueueState.Answers();
            for (QueueState q : opened) {
                q.disconnected(c, out);
            }
            out.deliver();
        }
    }

    private void handle(Connection c, Request r, Set<QueueState> opened) throws ProtocolException {
        QueueState q = queues.get(r.queueId());
        if (q == null) {
            answerForgotten(c, r);
            return;
        }
        if (r.type() != FrameTypes.QUEUE_OPEN && !opened.contains(q)) {
            throw new ProtocolException(FrameTypes.name(r.type()) + " for queue " + q.id + " before QUEUE_OPEN");
        }
        QueueState.Answers out = new QueueState.Answers();
        QueueWaiter w = new RemoteWaiter(c, r.correlationId());
        switch (r.type()) {
            case FrameTypes.QUEUE_OPEN:
                opened.add(q);
                boolean closed = q.open(c);
                send(c, Reply.ints(q.capacity, q.joinable ? 1 : 0, closed ? 1 : 0).toFrame(r.correlationId()));
                break;
            case FrameTypes.QUEUE_PUT:
                q.putRemote(c, r.element(), out);
                break;
            case FrameTypes.QUEUE_TAKE:
                q.take(w, r.timeoutNanos(), r.count(), true, out);
                break;
            case FrameTypes.QUEUE_CONSUMED:
                q.consumed(c, r.seqs(), out);
                break;
            case FrameTypes.QUEUE_RETURN:
                q.returned(c, r.seqs(), out);
                break;
            case FrameTypes.QUEUE_CREDIT:
                q.credit(w, r.timeoutNanos(), out);
                break;
            case FrameTypes.QUEUE_CANCEL:
                q.cancel(c, r.correlationId(), out);
                break;
            case FrameTypes.QUEUE_CLOSE:
                q.close(w, out);
                break;
            case FrameTypes.QUEUE_CLOSING_ACK:
                q.acknowledged(c, out);
                break;
            case FrameTypes.QUEUE_SIZE:
                send(c, Reply.ints(q.size()).toFrame(r.correlationId()));
                break;
            case FrameTypes.QUEUE_TASK_DONE:
                q.taskDone(w, out);
                break;
            case FrameTypes.QUEUE_JOIN:
                q.join(w, out);
                break;
            default:
                throw new ProtocolException("a queue host cannot handle " + FrameTypes.name(r.type()));
        }
        out.deliver();
    }

    /**
     * A queue that was closed, drained and joined is forgotten; requests for it are answered as
     * that queue would answer them. An id never issued here is a protocol error.
     */
    private void answerForgotten(Connection c, Request r) throws ProtocolException {
        if (r.queueId() < 1 || r.queueId() > ids.get()) {
            throw new ProtocolException("no queue " + r.queueId() + " was ever hosted by this process");
        }
        Reply reply;
        switch (r.type()) {
            case FrameTypes.QUEUE_OPEN: reply = Reply.ints(0, 0, 1); break;
            case FrameTypes.QUEUE_SIZE: reply = Reply.ints(0); break;
            case FrameTypes.QUEUE_CLOSE: case FrameTypes.QUEUE_JOIN: reply = Reply.OK; break;
            case FrameTypes.QUEUE_TASK_DONE:
                reply = Reply.error("taskDone() called more times than elements were put");
                break;
            case FrameTypes.QUEUE_TAKE: case FrameTypes.QUEUE_CREDIT: reply = Reply.CLOSED; break;
            default: return; // PUT, CANCEL, CLOSING_ACK, CONSUMED, RETURN: nothing to answer
        }
        send(c, reply.toFrame(r.correlationId()));
    }

    /** Asks a consumer's connection to give back the elements lent to it that it has not taken. */
    static void recall(Object holder, long queueId) {
        send((Connection) holder, QueueFrames.recall(queueId));
    }

    /** Tells a subscribing connection that the queue is closing. */
    static void notifyClosing(Object subscriber, long queueId) {
        send((Connection) subscriber, QueueFrames.closing(queueId));
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
        void deliver(Reply reply) {
            send((Connection) owner, reply.toFrame(correlationId));
        }
    }
}
