package org.mproc.internal.manager;

import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.WireData;

/**
 * An answer from the manager's server: one record per shape of {@code MGR_REPLY}, each with its
 * bytes drawn. Every {@code MGR_REPLY} payload is a status and a body (see {@link ManagerFrames});
 * the status, and for VALUE the request, say what the body holds.
 */
public sealed interface ManagerReply
        permits ManagerReply.ValueReply, ManagerReply.NoneReply, ManagerReply.ErrorReply,
                ManagerReply.CreatedReply, ManagerReply.GrantedReply {
    long correlationId();

    Frame toFrame();

    /**
     * A value: what a GET, UPDATE, SIZE or SNAPSHOT returns, or the value a SET, PUT or REMOVE
     * replaced.
     *
     * <pre>
     *   MGR_REPLY 0x58, status VALUE 0   (correlation id: the request's)
     *   0            4       8
     *   +------------+-------+---------------------------------------------------+
     *   | i32 status | i32 n | n bytes: value, encoded by the Codec (as a client |
     *   | = 0        |       | sent it, or as the server encoded a result)       |
     *   +------------+-------+---------------------------------------------------+
     * </pre>
     */
    record ValueReply(long correlationId, byte[] value) implements ManagerReply {
        @Override
        public Frame toFrame() {
            return ManagerFrames.replyFrame(correlationId, ManagerFrames.STATUS_VALUE, value);
        }

        public static ValueReply from(Frame frame) throws ProtocolException {
            return new ValueReply(frame.correlationId(), ManagerFrames.readReply(frame, ManagerFrames.STATUS_VALUE));
        }
    }

    /**
     * No value: the request is done and returns nothing, found nothing, or (for a LOCK) did not
     * acquire the lock.
     *
     * <pre>
     *   MGR_REPLY 0x58, status NONE 1   (correlation id: the request's)
     *   0            4       8
     *   +------------+-------+
     *   | i32 status | i32 0 |
     *   | = 1        |       |
     *   +------------+-------+
     * </pre>
     */
    record NoneReply(long correlationId) implements ManagerReply {
        @Override
        public Frame toFrame() {
            return ManagerFrames.replyFrame(correlationId, ManagerFrames.STATUS_NONE, ManagerFrames.EMPTY);
        }

        public static NoneReply from(Frame frame) throws ProtocolException {
            ManagerFrames.empty(ManagerFrames.readReply(frame, ManagerFrames.STATUS_NONE), "MGR_REPLY NONE with a body");
            return new NoneReply(frame.correlationId());
        }
    }

    /**
     * What the shared object threw, to be rethrown by the caller (G-MGR-4).
     *
     * <pre>
     *   MGR_REPLY 0x58, status ERROR 2   (correlation id: the request's)
     *   0            4       8
     *   +------------+-------+--------------------------------------------------+
     *   | i32 status | i32 n | n bytes: a whole TASK_FAILED payload, as         |
     *   | = 2        |       | TaskFailedFrame draws it                         |
     *   +------------+-------+--------------------------------------------------+
     * </pre>
     *
     * @see TaskFailedFrame
     */
    record ErrorReply(long correlationId, TaskFailedFrame failure) implements ManagerReply {
        @Override
        public Frame toFrame() {
            return ManagerFrames.replyFrame(correlationId, ManagerFrames.STATUS_ERROR, failure.toFrame().payload());
        }

        public static ErrorReply from(Frame frame) throws ProtocolException {
            byte[] body = ManagerFrames.readReply(frame, ManagerFrames.STATUS_ERROR);
            return new ErrorReply(frame.correlationId(), TaskFailedFrame.from(Frame.of(FrameTypes.TASK_FAILED, body)));
        }
    }

    /**
     * The answer to {@link ManagerFrames.Create}: where the new object is.
     *
     * <pre>
     *   MGR_REPLY 0x58, status VALUE 0   (correlation id: the MGR_CREATE's)
     *   0            4          8              16              24
     *   +------------+----------+--------------+---------------+------------------------------+
     *   | i32 status | i32 n    | i64 objectId | i64 serverPid | q bytes: queue, the          |
     *   | = 0        | = 16 + q |              |               | ProcessQueue handle encoded  |
     *   |            |          |              |               | (kind QUEUE; q = 0 otherwise)|
     *   +------------+----------+--------------+---------------+------------------------------+
     * </pre>
     */
    record CreatedReply(long correlationId, long objectId, long serverPid, byte[] queue) implements ManagerReply {
        @Override
        public Frame toFrame() {
            return ManagerFrames.replyFrame(correlationId, ManagerFrames.STATUS_VALUE,
                    new WireData.Out().i64(objectId).i64(serverPid).raw(queue).toByteArray());
        }

        public static CreatedReply from(Frame frame) throws ProtocolException {
            WireData.In body = new WireData.In(ManagerFrames.readReply(frame, ManagerFrames.STATUS_VALUE), "MGR_REPLY to MGR_CREATE");
            return new CreatedReply(frame.correlationId(), body.i64(), body.i64(), body.rest());
        }
    }

    /**
     * The answer to a {@link ManagerCall.LockCall} that acquired the lock.
     *
     * <pre>
     *   MGR_REPLY 0x58, status VALUE 0   (correlation id: the LOCK's)
     *   0            4       8             9
     *   +------------+-------+-------------+
     *   | i32 status | i32 1 | i8          |
     *   | = 0        |       | abandoned:  |
     *   |            |       | 1 yes, 0 no |
     *   +------------+-------+-------------+
     *   abandoned: the previous holder's process died holding it (G-MGR-7)
     * </pre>
     */
    record GrantedReply(long correlationId, boolean abandoned) implements ManagerReply {
        @Override
        public Frame toFrame() {
            return ManagerFrames.replyFrame(correlationId, ManagerFrames.STATUS_VALUE,
                    new WireData.Out().i8((byte) (abandoned ? 1 : 0)).toByteArray());
        }

        public static GrantedReply from(Frame frame) throws ProtocolException {
            WireData.In body = new WireData.In(ManagerFrames.readReply(frame, ManagerFrames.STATUS_VALUE), "MGR_REPLY to LOCK");
            byte abandoned = body.i8();
            body.end();
            if (abandoned != 0 && abandoned != 1) {
                throw new ProtocolException("MGR_REPLY to LOCK with abandoned = " + abandoned);
            }
            return new GrantedReply(frame.correlationId(), abandoned == 1);
        }
    }
}
