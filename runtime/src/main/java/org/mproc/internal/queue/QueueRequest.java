package org.mproc.internal.queue;

import java.nio.ByteBuffer;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

/**
 * A client's request to the queue's host, types 0x30–0x3B (the protocol: {@link QueueFrames}):
 * one record per frame type, each with only that type's fields. Every payload begins with the
 * queue's id; a request that expects a {@link QueueReply} carries a fresh correlation id, the others
 * carry 0 (CANCEL carries the id of the request it cancels).
 */
public sealed interface QueueRequest permits QueueRequest.Open, QueueRequest.Put, QueueRequest.Take,
        QueueRequest.Credit, QueueRequest.Cancel, QueueRequest.Close, QueueRequest.ClosingAck, QueueRequest.Size,
        QueueRequest.TaskDone, QueueRequest.Join, QueueRequest.Consumed, QueueRequest.Return {

    long correlationId();

    long queueId();

    /** The frame type, {@code FrameTypes.QUEUE_OPEN} … {@code QUEUE_RETURN}. */
    byte type();

    /** The frame; this default serves the requests whose payload is the queue id alone. */
    default Frame toFrame() {
        return new Frame(type(), correlationId(), new WireData.Out().i64(queueId()).toByteArray());
    }

    /**
     * The request a frame carries. A type outside 0x30–0x3B, a timeout below -1, a TAKE for fewer
     * than one element, a count of sequence numbers the payload cannot hold, a truncated payload or
     * trailing bytes are a {@link ProtocolException}.
     */
    static QueueRequest from(Frame frame) throws ProtocolException {
        long corr = frame.correlationId();
        WireData.In in = new WireData.In(frame);
        QueueRequest request = switch (frame.type()) {
            case FrameTypes.QUEUE_OPEN -> new Open(corr, in.i64());
            case FrameTypes.QUEUE_PUT -> new Put(corr, in.i64(), in.block());
            case FrameTypes.QUEUE_TAKE -> {
                long queueId = in.i64();
                long timeoutNanos = timeout(frame, in);
                int max = in.i32();
                if (max < 1) {
                    throw new ProtocolException("QUEUE_TAKE with a count of " + max);
                }
                yield new Take(corr, queueId, timeoutNanos, max);
            }
            case FrameTypes.QUEUE_CREDIT -> new Credit(corr, in.i64(), timeout(frame, in));
            case FrameTypes.QUEUE_CANCEL -> new Cancel(corr, in.i64());
            case FrameTypes.QUEUE_CLOSE -> new Close(corr, in.i64());
            case FrameTypes.QUEUE_CLOSING_ACK -> new ClosingAck(corr, in.i64());
            case FrameTypes.QUEUE_SIZE -> new Size(corr, in.i64());
            case FrameTypes.QUEUE_TASK_DONE -> new TaskDone(corr, in.i64());
            case FrameTypes.QUEUE_JOIN -> new Join(corr, in.i64());
            case FrameTypes.QUEUE_CONSUMED -> new Consumed(corr, in.i64(), seqs(frame, in));
            case FrameTypes.QUEUE_RETURN -> new Return(corr, in.i64(), seqs(frame, in));
            default -> throw new ProtocolException("not a queue request: " + frame);
        };
        in.end();
        return request;
    }

    private static long timeout(Frame frame, WireData.In in) throws ProtocolException {
        long timeoutNanos = in.i64();
        if (timeoutNanos < -1) {
            throw new ProtocolException(FrameTypes.name(frame.type()) + " with a negative timeout " + timeoutNanos);
        }
        return timeoutNanos;
    }

    private static long[] seqs(Frame frame, WireData.In in) throws ProtocolException {
        int n = in.i32();
        if (n < 0 || n > frame.payload().length / 8) {
            throw new ProtocolException(FrameTypes.name(frame.type()) + " with a count of " + n);
        }
        long[] seqs = new long[n];
        for (int i = 0; i < n; i++) {
            seqs[i] = in.i64();
        }
        return seqs;
    }

    private static Frame seqsFrame(QueueRequest r, long[] seqs) {
        WireData.Out out = new WireData.Out().i64(r.queueId()).i32(seqs.length);
        for (long seq : seqs) {
            out.i64(seq);
        }
        return new Frame(r.type(), r.correlationId(), out.toByteArray());
    }

    /**
     * Starts using the queue on this connection; answered OK with its capacity, whether it is
     * joinable and whether it is already closing (1 or 0).
     *
     * <pre>
     *   QUEUE_OPEN 0x30  +--------------+
     *                    | long queueId |
     *                    +--------------+
     * </pre>
     */
    record Open(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_OPEN;
        }
    }

    /**
     * One element, as the producer encoded it; not answered (correlation id 0). The hot path: the
     * frame is sized exactly and the element copied once.
     *
     * <pre>
     *   QUEUE_PUT 0x31  +--------------+------------+-----------------------+
     *                   | long queueId | int length | length bytes: element |
     *                   +--------------+------------+-----------------------+
     * </pre>
     */
    record Put(long correlationId, long queueId, byte[] element) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_PUT;
        }

        @Override
        public Frame toFrame() {
            byte[] payload = new byte[8 + 4 + element.length];
            ByteBuffer.wrap(payload).putLong(queueId).putInt(element.length).put(element);
            return new Frame(FrameTypes.QUEUE_PUT, correlationId, payload);
        }
    }

    /**
     * Up to {@code max} elements (at least 1), waiting up to {@code timeoutNanos} (-1: for ever, 0:
     * not at all); answered ELEMENTS, EMPTY (timed out or cancelled) or CLOSED.
     *
     * <pre>
     *   QUEUE_TAKE 0x32  +--------------+-------------------+---------+
     *                    | long queueId | long timeoutNanos | int max |
     *                    +--------------+-------------------+---------+
     * </pre>
     */
    record Take(long correlationId, long queueId, long timeoutNanos, int max) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_TAKE;
        }

        @Override
        public Frame toFrame() {
            return new Frame(FrameTypes.QUEUE_TAKE, correlationId,
                    new WireData.Out().i64(queueId).i64(timeoutNanos).i32(max).toByteArray());
        }
    }

    /**
     * Room for one put in a bounded queue, waiting up to {@code timeoutNanos}; answered OK (one put
     * may follow), EMPTY (timed out or cancelled) or CLOSED.
     *
     * <pre>
     *   QUEUE_CREDIT 0x33  +--------------+-------------------+
     *                      | long queueId | long timeoutNanos |
     *                      +--------------+-------------------+
     * </pre>
     */
    record Credit(long correlationId, long queueId, long timeoutNanos) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CREDIT;
        }

        @Override
        public Frame toFrame() {
            return new Frame(FrameTypes.QUEUE_CREDIT, correlationId,
                    new WireData.Out().i64(queueId).i64(timeoutNanos).toByteArray());
        }
    }

    /**
     * Gives up the parked request whose correlation id this one carries; that request is answered
     * EMPTY if it is still parked.
     *
     * <pre>
     *   QUEUE_CANCEL 0x34  +--------------+
     *                      | long queueId |
     *                      +--------------+
     * </pre>
     */
    record Cancel(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CANCEL;
        }
    }

    /**
     * Closes the queue; answered OK once no subscriber can put any more.
     *
     * <pre>
     *   QUEUE_CLOSE 0x35  +--------------+
     *                     | long queueId |
     *                     +--------------+
     * </pre>
     */
    record Close(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CLOSE;
        }
    }

    /**
     * The answer to {@link QueueFrames.Closing}: this client will put no more. Not answered.
     *
     * <pre>
     *   QUEUE_CLOSING_ACK 0x36  +--------------+
     *                           | long queueId |
     *                           +--------------+
     * </pre>
     */
    record ClosingAck(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CLOSING_ACK;
        }
    }

    /**
     * How many elements the host holds; answered OK with that one int.
     *
     * <pre>
     *   QUEUE_SIZE 0x37  +--------------+
     *                    | long queueId |
     *                    +--------------+
     * </pre>
     */
    record Size(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_SIZE;
        }
    }

    /**
     * Marks one taken element done; answered OK or ERROR.
     *
     * <pre>
     *   QUEUE_TASK_DONE 0x38  +--------------+
     *                         | long queueId |
     *                         +--------------+
     * </pre>
     */
    record TaskDone(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_TASK_DONE;
        }
    }

    /**
     * Waits until every element put was marked done; answered OK then.
     *
     * <pre>
     *   QUEUE_JOIN 0x39  +--------------+
     *                    | long queueId |
     *                    +--------------+
     * </pre>
     */
    record Join(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_JOIN;
        }
    }

    /**
     * These lent elements were taken (sent before the take returns them); not answered.
     *
     * <pre>
     *   QUEUE_CONSUMED 0x3A  +--------------+-------+--------------+
     *                        | long queueId | int n | n × long seq |
     *                        +--------------+-------+--------------+
     * </pre>
     */
    record Consumed(long correlationId, long queueId, long... seqs) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CONSUMED;
        }

        @Override
        public Frame toFrame() {
            return seqsFrame(this, seqs);
        }
    }

    /**
     * These lent elements were not taken: they go back to the head of the queue, in order. Sent
     * when the host recalls them ({@link QueueFrames.Recall}); not answered.
     *
     * <pre>
     *   QUEUE_RETURN 0x3B  +--------------+-------+--------------+
     *                      | long queueId | int n | n × long seq |
     *                      +--------------+-------+--------------+
     * </pre>
     */
    record Return(long correlationId, long queueId, long... seqs) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_RETURN;
        }

        @Override
        public Frame toFrame() {
            return seqsFrame(this, seqs);
        }
    }
}
