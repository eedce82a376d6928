package org.mproc.internal.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

/**
 * The host's answer to one {@link QueueRequest}, a {@code QUEUE_REPLY} frame (0x40) whose
 * correlation id is the request's: one record per status, the payload's first int. A local
 * handle gets the same records straight from the {@link QueueState}, without a frame.
 * {@code toString()} is the status's name (for ERROR with its message), as error messages show it.
 */
public sealed interface QueueReply permits QueueReply.Ok, QueueReply.Ready, QueueReply.Empty, QueueReply.Closed,
        QueueReply.Error {
    int STATUS_OK = 0;
    int STATUS_READY = 1;
    int STATUS_EMPTY = 2;
    int STATUS_CLOSED = 3;
    int STATUS_ERROR = 4;

    /** OK without ints: CREDIT granted, CLOSE done, TASK_DONE accepted, JOIN over. */
    Ok OK = new Ok();
    Ready READY = new Ready();
    Empty EMPTY = new Empty();
    Closed CLOSED = new Closed();

    Frame toFrame(long correlationId);

    /**
     * The reply a frame carries. An unknown status, an OK body that is not whole ints, a truncated
     * payload or trailing bytes are a {@link ProtocolException}; the (empty) body of READY, EMPTY
     * and CLOSED is read and not looked at.
     */
    static QueueReply from(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        int status = in.i32();
        QueueReply reply = switch (status) {
            case STATUS_OK -> Ok.read(in);
            case STATUS_READY -> skipBody(in, READY);
            case STATUS_EMPTY -> skipBody(in, EMPTY);
            case STATUS_CLOSED -> skipBody(in, CLOSED);
            case STATUS_ERROR -> new Error(new String(in.block(), StandardCharsets.UTF_8));
            default -> throw new ProtocolException("QUEUE_REPLY with unknown status " + status);
        };
        in.end();
        return reply;
    }

    private static QueueReply skipBody(WireData.In in, QueueReply reply) throws ProtocolException {
        in.block();
        return reply;
    }

    private static Frame frame(long correlationId, int status) {
        return new Frame(FrameTypes.QUEUE_REPLY, correlationId, new WireData.Out().i32(status).i32(0).toByteArray());
    }

    /**
     * Done; with the ints the request asks for: OPEN's capacity, joinable and closing (1 or 0),
     * SIZE's size, CREDIT's number of puts granted; none for the others.
     *
     * <pre>
     *   QUEUE_REPLY 0x40  +--------------+-----------------+-----------------+
     *                     | int status 0 | int length = 4n | n × int values  |
     *                     +--------------+-----------------+-----------------+
     * </pre>
     */
    record Ok(int... ints) implements QueueReply {
        @Override
        public Frame toFrame(long correlationId) {
            WireData.Out out = new WireData.Out().i32(STATUS_OK).i32(4 * ints.length);
            for (int v : ints) {
                out.i32(v);
            }
            return new Frame(FrameTypes.QUEUE_REPLY, correlationId, out.toByteArray());
        }

        private static Ok read(WireData.In in) throws ProtocolException {
            byte[] body = in.block();
            if (body.length % 4 != 0) {
                throw new ProtocolException("QUEUE_REPLY OK with a body of " + body.length + " bytes, not ints");
            }
            if (body.length == 0) {
                return OK;
            }
            int[] ints = new int[body.length / 4];
            ByteBuffer.wrap(body).asIntBuffer().get(ints);
            return new Ok(ints);
        }

        @Override
        public String toString() {
            return "OK";
        }
    }

    /**
     * The queue's ring holds an element: the take claims it from there.
     *
     * <pre>
     *   QUEUE_REPLY 0x40  +--------------+--------------+
     *                     | int status 1 | int length 0 |
     *                     +--------------+--------------+
     * </pre>
     */
    record Ready() implements QueueReply {
        @Override
        public Frame toFrame(long correlationId) {
            return frame(correlationId, STATUS_READY);
        }

        @Override
        public String toString() {
            return "READY";
        }
    }

    /**
     * Nothing: a take or credit that timed out or was cancelled.
     *
     * <pre>
     *   QUEUE_REPLY 0x40  +--------------+--------------+
     *                     | int status 2 | int length 0 |
     *                     +--------------+--------------+
     * </pre>
     */
    record Empty() implements QueueReply {
        @Override
        public Frame toFrame(long correlationId) {
            return frame(correlationId, STATUS_EMPTY);
        }

        @Override
        public String toString() {
            return "EMPTY";
        }
    }

    /**
     * The queue is closed: to a take once it is also drained, to a credit at once.
     *
     * <pre>
     *   QUEUE_REPLY 0x40  +--------------+--------------+
     *                     | int status 3 | int length 0 |
     *                     +--------------+--------------+
     * </pre>
     */
    record Closed() implements QueueReply {
        @Override
        public Frame toFrame(long correlationId) {
            return frame(correlationId, STATUS_CLOSED);
        }

        @Override
        public String toString() {
            return "CLOSED";
        }
    }

    /**
     * The request cannot be done (a TASK_DONE too many); the caller throws {@code message}.
     *
     * <pre>
     *   QUEUE_REPLY 0x40  +--------------+------------+-----------------------------+
     *                     | int status 4 | int length | length bytes: message, UTF-8 |
     *                     +--------------+------------+-----------------------------+
     * </pre>
     */
    record Error(String message) implements QueueReply {
        @Override
        public Frame toFrame(long correlationId) {
            return new Frame(FrameTypes.QUEUE_REPLY, correlationId, new WireData.Out().i32(STATUS_ERROR)
                    .block(message.getBytes(StandardCharsets.UTF_8)).toByteArray());
        }

        @Override
        public String toString() {
            return "ERROR: " + message;
        }
    }
}
