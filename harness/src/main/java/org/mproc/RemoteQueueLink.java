package org.mproc;

import org.mproc.wire.FrameTypes;
import org.mproc.wire.QueueFrames.Request;

/**
 * A handle in a process other than the queue's host. A put is complete once its frame is written
 * into this process's connection to the host (G-QUEUE-4): the kernel keeps it readable even if
 * this process dies right after. The host's "closing" notice and this link's puts are ordered by
 * one lock, so no put can follow the acknowledgement that this process puts no more.
 */
final class RemoteQueueLink extends QueueLink {
    private final QueueClient client;
    private final long queueId;
    private boolean closed; // guarded by this

    RemoteQueueLink(QueueClient client, long queueId, int capacity, boolean joinable, boolean closed) {
        super(capacity, joinable);
        this.client = client;
        this.queueId = queueId;
        this.closed = closed;
    }

    @Override
    Pending request(byte type, long timeoutNanos) {
        long corr = client.nextId();
        return new Pending(corr, client.send(new Request(type, corr, queueId, timeoutNanos, null).toFrame(), corr));
    }

    @Override
    void cancel(Pending p) {
        client.send(new Request(FrameTypes.QUEUE_CANCEL, p.correlationId(), queueId, 0, null).toFrame());
    }

    @Override
    synchronized boolean put(byte[] element) {
        if (closed) {
            return false;
        }
        client.send(new Request(FrameTypes.QUEUE_PUT, 0, queueId, 0, element).toFrame());
        return true;
    }

    /** The host says the queue is closing: refuse later puts, then say so. */
    synchronized void closing() {
        if (!closed) {
            closed = true;
            try {
                client.send(new Request(FrameTypes.QUEUE_CLOSING_ACK, 0, queueId, 0, null).toFrame());
            } catch (ProcessException gone) {
                // The host is gone: nothing to acknowledge.
            }
        }
    }
}
