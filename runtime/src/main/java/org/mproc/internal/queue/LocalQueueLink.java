package org.mproc.internal.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.internal.wire.FrameTypes;

/**
 * A handle in the process that hosts its queue: takes claim from the queue's ring as every
 * consumer does; other requests go straight to the {@link QueueState}.
 */
public final class LocalQueueLink extends QueueLink {
    /** The owner of every request from this process's own handles. */
    static final Object HOST = new Object();
    private static final AtomicLong IDS = new AtomicLong();

    private final QueueState state;

    public LocalQueueLink(QueueState state) {
        this.state = state;
    }

    @Override
    public boolean bounded() {
        return state.capacity > 0;
    }

    @Override
    public Pending request(byte type, long timeoutNanos) {
        CompletableFuture<QueueReply> answer = new CompletableFuture<>();
        long id = IDS.incrementAndGet();
        QueueWaiter w = new QueueWaiter(HOST, id) {
            @Override
            void deliver(QueueReply reply) {
                answer.complete(reply);
            }
        };
        QueueState.Answers out = new QueueState.Answers();
        switch (type) {
            case FrameTypes.QUEUE_TAKE -> state.take(w, timeoutNanos, out);
            case FrameTypes.QUEUE_CREDIT -> state.credit(w, timeoutNanos, 1, out);
            case FrameTypes.QUEUE_CLOSE -> state.close(w, out);
            case FrameTypes.QUEUE_SIZE -> answer.complete(new QueueReply.Ok(state.size(out)));
            case FrameTypes.QUEUE_TASK_DONE -> state.taskDone(w, out);
            case FrameTypes.QUEUE_JOIN -> state.join(w, out);
            default -> throw new IllegalArgumentException("not a local queue request: " + FrameTypes.name(type));
        }
        out.deliver();
        return new Pending(id, answer);
    }

    @Override
    void cancel(Pending p) {
        QueueState.Answers out = new QueueState.Answers();
        state.cancel(HOST, p.correlationId(), out);
        out.deliver();
    }

    @Override
    QueueRing ring() {
        return state.ring();
    }

    @Override
    void lookAgain() {
        QueueState.Answers out = new QueueState.Answers();
        state.claimed(out);
        out.deliver();
    }

    @Override
    public boolean awaitRoom(long timeoutNanos) throws InterruptedException {
        return granted(await(request(FrameTypes.QUEUE_CREDIT, timeoutNanos)));
    }

    @Override
    public boolean put(byte[] element) {
        QueueState.Answers out = new QueueState.Answers();
        boolean accepted = state.putLocal(HOST, element, out);
        out.deliver();
        return accepted;
    }
}
