package org.mproc.internal.manager;

import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.WireData;

/**
 * The manager's frames: a client creates shared objects in the manager's server and calls
 * operations on them; every request carries a fresh correlation id, which its {@code MGR_REPLY}
 * repeats. Values travel as the client encoded them; the server decodes only what it must run
 * (an {@code updateAndGet} function and its argument).
 *
 * <pre>
 *   client → server
 *   MGR_CREATE 0x50  | byte kind | block initial |                       reply VALUE: | long objectId | long serverPid |
 *   MGR_CALL   0x51  | long objectId | byte op | block key | block arg |   reply VALUE, NONE or ERROR
 *   MGR_CANCEL 0x52  (empty; correlation id = a parked LOCK's)   that LOCK is answered NONE if still waiting
 *   MGR_SHUTDOWN 0x53 (empty)                                     reply NONE, then the server exits 0
 *
 *   server → client
 *   MGR_REPLY  0x58  | byte status | block body |   status VALUE 0 (body: the encoded value), NONE 1,
 *                                                  ERROR 2 (body: a TASK_FAILED payload, see TaskFailedFrame)
 *
 *   kind: NAMESPACE 1, VALUE 2, LOCK 3, MAP 4, LIST 5, QUEUE 6 (a QUEUE's reply adds the encoded
 *         ProcessQueue handle after the two longs: the queue is hosted by the server)
 *   op:   GET 1, SET 2, UPDATE 3 (arg: the encoded function), LOCK 4 (arg: long timeoutNanos, -1 for
 *         ever; reply VALUE | byte abandoned | or NONE: not acquired in time), UNLOCK 5,
 *         PUT 6 (map: reply the previous value), REMOVE 7, SIZE 8 (reply the encoded Integer),
 *         SNAPSHOT 9 (reply an encoded HashMap / ArrayList copy), ADD 10 (list: append)
 *   key: a namespace attribute's name in UTF-8; a map key or list index, encoded; empty for a value;
 *        for LOCK and UNLOCK the calling thread's id in UTF-8 (a lock is owned by connection and
 *        thread);  block = int length | bytes
 * </pre>
 */
public final class ManagerFrames {
    private ManagerFrames() {}

    public static final byte NAMESPACE = 1;
    public static final byte VALUE = 2;
    public static final byte LOCK_OBJECT = 3;
    public static final byte MAP = 4;
    public static final byte LIST = 5;
    public static final byte QUEUE = 6;

    public static final byte GET = 1;
    public static final byte SET = 2;
    public static final byte UPDATE = 3;
    public static final byte LOCK = 4;
    public static final byte UNLOCK = 5;
    public static final byte PUT = 6;
    public static final byte REMOVE = 7;
    public static final byte SIZE = 8;
    public static final byte SNAPSHOT = 9;
    public static final byte ADD = 10;

    public record Create(long correlationId, byte kind, byte[] initial) {
        public Frame toFrame() {
            return new Frame(FrameTypes.MGR_CREATE, correlationId,
                    new WireData.Out().i32(kind).block(initial).toByteArray());
        }

        public static Create from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            int kind = in.i32();
            if (kind < NAMESPACE || kind > QUEUE) {
                throw new ProtocolException("MGR_CREATE of unknown kind " + kind);
            }
            Create c = new Create(frame.correlationId(), (byte) kind, in.block());
            in.end();
            return c;
        }
    }

    public record Call(long correlationId, long objectId, byte op, byte[] key, byte[] arg) {
        public Frame toFrame() {
            return new Frame(FrameTypes.MGR_CALL, correlationId,
                    new WireData.Out().i64(objectId).i32(op).block(key).block(arg).toByteArray());
        }

        public static Call from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            long id = in.i64();
            int op = in.i32();
            if (op < GET || op > ADD) {
                throw new ProtocolException("MGR_CALL with unknown operation " + op);
            }
            Call c = new Call(frame.correlationId(), id, (byte) op, in.block(), in.block());
            in.end();
            return c;
        }
    }

    public enum Status { VALUE, NONE, ERROR }

    public record Reply(Status status, byte[] body) {
        public Frame toFrame(long correlationId) {
            return new Frame(FrameTypes.MGR_REPLY, correlationId,
                    new WireData.Out().i32(status.ordinal()).block(body).toByteArray());
        }

        public static Reply from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            int status = in.i32();
            if (status < 0 || status >= Status.values().length) {
                throw new ProtocolException("MGR_REPLY with unknown status " + status);
            }
            Reply r = new Reply(Status.values()[status], in.block());
            in.end();
            return r;
        }

        /** The failure an ERROR reply describes. */
        public TaskFailedFrame failure() throws ProtocolException {
            return TaskFailedFrame.from(Frame.of(FrameTypes.TASK_FAILED, body));
        }

        public static Reply error(TaskFailedFrame failure) {
            return new Reply(Status.ERROR, failure.toFrame().payload());
        }
    }
}
