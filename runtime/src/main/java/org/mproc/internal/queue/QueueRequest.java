package org.mproc.internal.queue;

import java.nio.ByteBuffer;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

/**
 * A client's request to the queue's host, types 0x30–0x3C (the protocol: {@link QueueFrames}):
 * one record per frame type, each with only that type's fields. Every payload begins with the
 * queue's id; a request that expects a {@link QueueReply} carries a fresh correlation id, the others
 * carry 0 (CANCEL carries the id of the request it cancels).
 */
public sealed interface QueueRequest permits QueueRequest.Open, QueueRequest.Put, QueueRequest.Take,
        QueueRequest.Credit, QueueRequest.Cancel, QueueRequest.Close, QueueRequest.ClosingAck, QueueRequest.Size,
        QueueRequest.TaskDone, QueueRequest.Join, QueueRequest.Claimed, QueueRequest.CreditReturn, QueueRequest.Produce {

    long correlationId();

    long queueId();

    /** The frame type, {@code FrameTypes.QUEUE_OPEN} … {@code QUEUE_PRODUCE}. */
    byte type();

    /** The frame; this default serves the requests whose payload is the queue id alone. */
    default Frame toFrame() {
        return new Frame(type(), correlationId(), new WireData.Out().i64(queueId()).toByteArray());
    }

    /**
     * The request a frame carries. A type outside 0x30–0x3C, a timeout below -1, a CREDIT for fewer
     * than one put, a negative CREDIT_RETURN, a truncated payload or
     * trailing bytes are a {@link ProtocolException}.
     */
    static QueueRequest from(Frame frame) throws ProtocolException {
        long corr = frame.correlationId();
        WireData.In in = new WireData.In(frame);
        QueueRequest request = switch (frame.type()) {
            case FrameTypes.QUEUE_OPEN -> new Open(corr, in.i64());
            case FrameTypes.QUEUE_PUT -> new Put(corr, in.i64(), in.block());
            case FrameTypes.QUEUE_TAKE -> new Take(corr, in.i64(), timeout(frame, in));
            case FrameTypes.QUEUE_CREDIT -> {
                long queueId = in.i64();
                long timeoutNanos = timeout(frame, in);
                yield new Credit(corr, queueId, timeoutNanos, count(frame, in, 1));
            }
            case FrameTypes.QUEUE_CANCEL -> new Cancel(corr, in.i64());
            case FrameTypes.QUEUE_CLOSE -> new Close(corr, in.i64());
            case FrameTypes.QUEUE_CLOSING_ACK -> new ClosingAck(corr, in.i64());
            case FrameTypes.QUEUE_SIZE -> new Size(corr, in.i64());
            case FrameTypes.QUEUE_TASK_DONE -> new TaskDone(corr, in.i64());
            case FrameTypes.QUEUE_JOIN -> new Join(corr, in.i64());
            case FrameTypes.QUEUE_CLAIMED -> new Claimed(corr, in.i64());
            case FrameTypes.QUEUE_CREDIT_RETURN -> new CreditReturn(corr, in.i64(), count(frame, in, 0));
            case FrameTypes.QUEUE_PRODUCE -> new Produce(corr, in.i64(), in.i64());
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

    private static int count(Frame frame, WireData.In in, int least) throws ProtocolException {
        int n = in.i32();
        if (n < least) {
            throw new ProtocolException(FrameTypes.name(frame.type()) + " with a count of " + n);
        }
        return n;
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
     * The queue's ring was found empty: wait up to {@code timeoutNanos} (-1: for ever, 0: not at
     * all) for it to hold an element; answered READY (claim from the ring), EMPTY (timed out or
     * cancelled) or CLOSED (closed and drained).
     *
     * <pre>
     *   QUEUE_TAKE 0x32  +--------------+-------------------+
     *                    | long queueId | long timeoutNanos |
     *                    +--------------+-------------------+
     * </pre>
     */
    record Take(long correlationId, long queueId, long timeoutNanos) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_TAKE;
        }

        @Override
        public Frame toFrame() {
            return new Frame(FrameTypes.QUEUE_TAKE, correlationId,
                    new WireData.Out().i64(queueId).i64(timeoutNanos).toByteArray());
        }
    }

    /**
     * Room for up to {@code want} puts (at least 1) in a bounded queue, waiting up to
     * {@code timeoutNanos}; answered OK with the number granted (1 to {@code want}: that many puts
     * may follow), EMPTY (timed out or cancelled) or CLOSED.
     *
     * <pre>
     *   QUEUE_CREDIT 0x33  +--------------+-------------------+----------+
     *                      | long queueId | long timeoutNanos | int want |
     *                      +--------------+-------------------+----------+
     * </pre>
     */
    record Credit(long correlationId, long queueId, long timeoutNanos, int want) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CREDIT;
        }

        @Override
        public Frame toFrame() {
            return new Frame(FrameTypes.QUEUE_CREDIT, correlationId,
                    new WireData.Out().i64(queueId).i64(timeoutNanos).i32(want).toByteArray());
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
     * The ring changed for this queue's host to look at: a consumer claimed from it while the host
     * asked to hear of claims, or a take woken by READY gave up its turn. Not answered.
     *
     * <pre>
     *   QUEUE_CLAIMED 0x3A  +--------------+
     *                       | long queueId |
     *                       +--------------+
     * </pre>
     */
    record Claimed(long correlationId, long queueId) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CLAIMED;
        }
    }

    /**
     * {@code n} credits this client was granted will not be used: the room goes back to the
     * queue. Sent when the host recalls them ({@link QueueFrames.CreditRecall}); not answered.
     *
     * <pre>
     *   QUEUE_CREDIT_RETURN 0x3B  +--------------+-------+
     *                             | long queueId | int n |
     *                             +--------------+-------+
     * </pre>
     */
    record CreditReturn(long correlationId, long queueId, int n) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_CREDIT_RETURN;
        }

        @Override
        public Frame toFrame() {
            return new Frame(type(), correlationId, new WireData.Out().i64(queueId).i32(n).toByteArray());
        }
    }

    /**
     * This process puts its elements for the queue into a ring of its own, created at
     * {@code QueueRing.producerPathFor(socket, queueId, pid)}: the host maps it and takes what it
     * holds whenever this client says the ring changed ({@link Claimed}), sends a later request,
     * asks the queue's size, or disconnects. Answered OK once the host has mapped the ring: the
     * first put waits for it, so a {@code QUEUE_SIZE} from any process counts that put.
     *
     * <pre>
     *   QUEUE_PRODUCE 0x3C  +--------------+----------+
     *                       | long queueId | long pid |
     *                       +--------------+----------+
     * </pre>
     */
    record Produce(long correlationId, long queueId, long pid) implements QueueRequest {
        @Override
        public byte type() {
            return FrameTypes.QUEUE_PRODUCE;
        }

        @Override
        public Frame toFrame() {
            return new Frame(type(), correlationId, new WireData.Out().i64(queueId).i64(pid).toByteArray());
        }
    }
}
