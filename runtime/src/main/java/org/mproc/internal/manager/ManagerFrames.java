package org.mproc.internal.manager;

import java.nio.charset.StandardCharsets;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.WireData;

/**
 * The manager's frames, one record per frame type and, where one type carries several shapes, one
 * record per shape: each operation of {@code MGR_CALL} and each answer of {@code MGR_REPLY} has its
 * own record, whose fields mean one thing. A client creates shared objects in the manager's server
 * and calls operations on them; every {@link Request} carries a fresh correlation id, which its
 * {@code MGR_REPLY} repeats. Values travel as the client encoded them; the server decodes only what
 * it must run (an {@code updateAndGet} function and its argument, a map key, a list index).
 *
 * <pre>
 *   client → server                                   answered by (MGR_REPLY)
 *   MGR_CREATE   0x50  {@link Create}                      {@link CreatedReply}
 *   MGR_CALL     0x51  op GET 1       {@link GetCall}           {@link ValueReply} | {@link NoneReply}: no such map key
 *                      op SET 2       {@link SetCall}           {@link NoneReply} | {@link ValueReply}: a list's previous element
 *                      op UPDATE 3    {@link UpdateCall}        {@link ValueReply}: the new value
 *                      op LOCK 4      {@link LockCall}          {@link GrantedReply} | {@link NoneReply}: not acquired
 *                      op UNLOCK 5    {@link UnlockCall}        {@link NoneReply}
 *                      op PUT 6       {@link PutCall}           {@link ValueReply} | {@link NoneReply}: the previous value
 *                      op REMOVE 7    {@link RemoveCall}        {@link ValueReply} | {@link NoneReply}: the removed value
 *                      op SIZE 8      {@link SizeCall}          {@link ValueReply}: an encoded Integer
 *                      op SNAPSHOT 9  {@link SnapshotCall}      {@link ValueReply}: an encoded HashMap / ArrayList
 *                      op ADD 10      {@link AddCall}           {@link NoneReply}
 *   MGR_CANCEL   0x52  {@link Cancel}                      none: the LOCK it names is answered
 *   MGR_SHUTDOWN 0x53  {@link Shutdown}                    {@link NoneReply}, then the server exits 0
 *   any request may instead be answered {@link ErrorReply}: what the shared object threw
 *
 *   Every MGR_CALL payload has the same four fields; the operation says what key and arg hold:
 *   0              8        12      16              16+k    20+k
 *   +--------------+--------+-------+---------------+-------+---------------+
 *   | i64 objectId | i32 op | i32 k | k bytes: key  | i32 a | a bytes: arg  |
 *   +--------------+--------+-------+---------------+-------+---------------+
 *
 *   Every MGR_REPLY payload has two; the status, and for VALUE the request, say what body holds:
 *   0            4       8
 *   +------------+-------+----------------+
 *   | i32 status | i32 n | n bytes: body  |   status VALUE 0, NONE 1, ERROR 2
 *   +------------+-------+----------------+
 *
 *   i8, i32, i64: big-endian 1-, 4- and 8-byte integers (WireData)
 *   a key ("which part of the object"), by the object's kind: a namespace's attribute name in
 *   UTF-8; a map's key, encoded by the Codec; a list's index, an Integer encoded; empty for a value
 * </pre>
 *
 * A lock is owned by a connection and a thread, so LOCK and UNLOCK carry the calling thread's id.
 */
public final class ManagerFrames {
    private ManagerFrames() {}

    // The kinds of MGR_CREATE.
    public static final byte NAMESPACE = 1;
    public static final byte VALUE = 2;
    public static final byte LOCK_OBJECT = 3;
    public static final byte MAP = 4;
    public static final byte LIST = 5;
    public static final byte QUEUE = 6;

    // The operations of MGR_CALL.
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

    // The statuses of MGR_REPLY.
    private static final int STATUS_VALUE = 0;
    private static final int STATUS_NONE = 1;
    private static final int STATUS_ERROR = 2;

    private static final byte[] EMPTY = new byte[0];

    /** A frame a client sends and then awaits one {@code MGR_REPLY} for, with the same correlation id. */
    public sealed interface Request permits Create, Call, Shutdown {
        long correlationId();

        Frame toFrame();

        /**
         * Reads the answer to this request: a {@link NoneReply}, an {@link ErrorReply}, or for status
         * VALUE this request's value shape — a {@link ValueReply} unless the request says otherwise.
         */
        default Reply reply(Frame frame) throws ProtocolException {
            return readReply(frame, ValueReply::from);
        }
    }

    /** An answer from the server: one record per shape of {@code MGR_REPLY}. */
    public sealed interface Reply permits ValueReply, NoneReply, ErrorReply, CreatedReply, GrantedReply {
        long correlationId();

        Frame toFrame();
    }

    /** One operation on a shared object: one record per operation of {@code MGR_CALL}. */
    public sealed interface Call extends Request
            permits GetCall, SetCall, UpdateCall, LockCall, UnlockCall, PutCall, RemoveCall, SizeCall, SnapshotCall,
            AddCall {
        long objectId();

        /** The operation's code on the wire. */
        byte op();

        /** Reads any {@code MGR_CALL} as the record of its operation. */
        static Call from(Frame frame) throws ProtocolException {
            int op = readCall(frame).op();
            switch (op) {
                case GET: return GetCall.from(frame);
                case SET: return SetCall.from(frame);
                case UPDATE: return UpdateCall.from(frame);
                case LOCK: return LockCall.from(frame);
                case UNLOCK: return UnlockCall.from(frame);
                case PUT: return PutCall.from(frame);
                case REMOVE: return RemoveCall.from(frame);
                case SIZE: return SizeCall.from(frame);
                case SNAPSHOT: return SnapshotCall.from(frame);
                case ADD: return AddCall.from(frame);
                default: throw new ProtocolException("MGR_CALL with unknown operation " + op);
            }
        }
    }

    /**
     * Creates a shared object of one kind in the server.
     *
     * <pre>
     *   MGR_CREATE 0x50   (correlation id: fresh)
     *   0          4       8
     *   +----------+-------+----------------------------------------------+
     *   | i32 kind | i32 n | n bytes: initial, the starting value encoded |
     *   |          |       | by the Codec (kind VALUE; n = 0 otherwise)   |
     *   +----------+-------+----------------------------------------------+
     *   kind: NAMESPACE 1, VALUE 2, LOCK 3 (LOCK_OBJECT), MAP 4, LIST 5, QUEUE 6 (hosted by the server)
     *   answered by {@link CreatedReply}
     * </pre>
     */
    public record Create(long correlationId, byte kind, byte[] initial) implements Request {
        @Override
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
            if (kind != VALUE) {
                empty(c.initial(), "MGR_CREATE of kind " + kind + " with an initial value");
            }
            return c;
        }

        @Override
        public Reply reply(Frame frame) throws ProtocolException {
            return readReply(frame, CreatedReply::from);
        }
    }

    /**
     * Reads part of a namespace, map, list or value.
     *
     * <pre>
     *   MGR_CALL 0x51, op GET 1   (correlation id: fresh)
     *   0              8        12      16                          16+k    20+k
     *   +--------------+--------+-------+---------------------------+-------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key, by kind     | i32 0 |
     *   |              | = 1    |       | (see ManagerFrames);      |       |
     *   |              |        |       | k = 0 for a value         |       |
     *   +--------------+--------+-------+---------------------------+-------+
     *   answered by {@link ValueReply}: the value; {@link NoneReply}: a map has no such key
     * </pre>
     */
    public record GetCall(long correlationId, long objectId, byte[] key) implements Call {
        @Override
        public byte op() {
            return GET;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, GET, key, EMPTY);
        }

        public static GetCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, GET).noArg();
            return new GetCall(frame.correlationId(), f.objectId(), f.key());
        }
    }

    /**
     * Sets a namespace's attribute, a list's element or a value (a map is {@link PutCall}).
     *
     * <pre>
     *   MGR_CALL 0x51, op SET 2   (correlation id: fresh)
     *   0              8        12      16                    16+k    20+k
     *   +--------------+--------+-------+---------------------+-------+-------------------------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key (by    | i32 v | v bytes: value, encoded |
     *   |              | = 2    |       | kind; k = 0: value) |       | by the Codec            |
     *   +--------------+--------+-------+---------------------+-------+-------------------------+
     *   answered by {@link NoneReply}; for a list, {@link ValueReply}: the element it replaced
     * </pre>
     */
    public record SetCall(long correlationId, long objectId, byte[] key, byte[] value) implements Call {
        @Override
        public byte op() {
            return SET;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, SET, key, value);
        }

        public static SetCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, SET);
            return new SetCall(frame.correlationId(), f.objectId(), f.key(), f.arg());
        }
    }

    /**
     * {@code updateAndGet}: the server decodes the function and the current value, applies it and
     * keeps the encoded result, under the object's lock.
     *
     * <pre>
     *   MGR_CALL 0x51, op UPDATE 3   (correlation id: fresh)
     *   0              8        12      16                    16+k    20+k
     *   +--------------+--------+-------+---------------------+-------+--------------------------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key (by    | i32 f | f bytes: the function, a |
     *   |              | = 3    |       | kind; k = 0: value) |       | ProcessFunction encoded  |
     *   +--------------+--------+-------+---------------------+-------+--------------------------+
     *   answered by {@link ValueReply}: the new value
     * </pre>
     */
    public record UpdateCall(long correlationId, long objectId, byte[] key, byte[] function) implements Call {
        @Override
        public byte op() {
            return UPDATE;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, UPDATE, key, function);
        }

        public static UpdateCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, UPDATE);
            return new UpdateCall(frame.correlationId(), f.objectId(), f.key(), f.arg());
        }
    }

    /**
     * Asks for a lock for one thread of the client's process; the wait is parked in the server.
     *
     * <pre>
     *   MGR_CALL 0x51, op LOCK 4   (correlation id: fresh; {@link Cancel} names it to give up)
     *   0              8        12      16                      16+t    20+t               28+t
     *   +--------------+--------+-------+-----------------------+-------+------------------+
     *   | i64 objectId | i32 op | i32 t | t bytes: thread, the  | i32 8 | i64 timeoutNanos |
     *   |              | = 4    |       | caller's thread id in |       | −1: for ever;    |
     *   |              |        |       | decimal digits, UTF-8 |       | 0: only if free  |
     *   +--------------+--------+-------+-----------------------+-------+------------------+
     *   answered by {@link GrantedReply}; {@link NoneReply}: not acquired (timed out, or cancelled)
     * </pre>
     */
    public record LockCall(long correlationId, long objectId, long thread, long timeoutNanos) implements Call {
        public LockCall {
            if (timeoutNanos < -1) {
                throw new IllegalArgumentException("a LOCK waits −1 (for ever) or ≥ 0 ns, not " + timeoutNanos);
            }
        }

        @Override
        public byte op() {
            return LOCK;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, LOCK, threadBytes(thread),
                    new WireData.Out().i64(timeoutNanos).toByteArray());
        }

        public static LockCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, LOCK);
            WireData.In arg = new WireData.In(f.arg(), "MGR_CALL LOCK's timeout");
            long timeout = arg.i64();
            arg.end();
            if (timeout < -1) {
                throw new ProtocolException("MGR_CALL LOCK with timeout " + timeout);
            }
            return new LockCall(frame.correlationId(), f.objectId(), threadOf(f.key()), timeout);
        }

        @Override
        public Reply reply(Frame frame) throws ProtocolException {
            return readReply(frame, GrantedReply::from);
        }
    }

    /**
     * Releases a lock the calling thread holds.
     *
     * <pre>
     *   MGR_CALL 0x51, op UNLOCK 5   (correlation id: fresh)
     *   0              8        12      16                      16+t    20+t
     *   +--------------+--------+-------+-----------------------+-------+
     *   | i64 objectId | i32 op | i32 t | t bytes: thread, the  | i32 0 |
     *   |              | = 5    |       | caller's thread id in |       |
     *   |              |        |       | decimal digits, UTF-8 |       |
     *   +--------------+--------+-------+-----------------------+-------+
     *   answered by {@link NoneReply}; {@link ErrorReply}: this thread does not hold it
     * </pre>
     */
    public record UnlockCall(long correlationId, long objectId, long thread) implements Call {
        @Override
        public byte op() {
            return UNLOCK;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, UNLOCK, threadBytes(thread), EMPTY);
        }

        public static UnlockCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, UNLOCK).noArg();
            return new UnlockCall(frame.correlationId(), f.objectId(), threadOf(f.key()));
        }
    }

    /**
     * Puts a map entry.
     *
     * <pre>
     *   MGR_CALL 0x51, op PUT 6   (correlation id: fresh)
     *   0              8        12      16                     16+k    20+k
     *   +--------------+--------+-------+----------------------+-------+-------------------------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key,        | i32 v | v bytes: value, encoded |
     *   |              | = 6    |       | encoded by the Codec |       | by the Codec            |
     *   +--------------+--------+-------+----------------------+-------+-------------------------+
     *   answered by {@link ValueReply}: the previous value; {@link NoneReply}: there was none
     * </pre>
     */
    public record PutCall(long correlationId, long objectId, byte[] key, byte[] value) implements Call {
        @Override
        public byte op() {
            return PUT;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, PUT, key, value);
        }

        public static PutCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, PUT);
            return new PutCall(frame.correlationId(), f.objectId(), f.key(), f.arg());
        }
    }

    /**
     * Removes a map entry or a list element.
     *
     * <pre>
     *   MGR_CALL 0x51, op REMOVE 7   (correlation id: fresh)
     *   0              8        12      16                          16+k    20+k
     *   +--------------+--------+-------+---------------------------+-------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key (a map key   | i32 0 |
     *   |              | = 7    |       | or list index, encoded)   |       |
     *   +--------------+--------+-------+---------------------------+-------+
     *   answered by {@link ValueReply}: the removed value; {@link NoneReply}: a map had no such key
     * </pre>
     */
    public record RemoveCall(long correlationId, long objectId, byte[] key) implements Call {
        @Override
        public byte op() {
            return REMOVE;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, REMOVE, key, EMPTY);
        }

        public static RemoveCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, REMOVE).noArg();
            return new RemoveCall(frame.correlationId(), f.objectId(), f.key());
        }
    }

    /**
     * A map's or list's size.
     *
     * <pre>
     *   MGR_CALL 0x51, op SIZE 8   (correlation id: fresh)
     *   0              8        12      16      20
     *   +--------------+--------+-------+-------+
     *   | i64 objectId | i32 op | i32 0 | i32 0 |
     *   |              | = 8    |       |       |
     *   +--------------+--------+-------+-------+
     *   answered by {@link ValueReply}: the size, an Integer encoded by the Codec
     * </pre>
     */
    public record SizeCall(long correlationId, long objectId) implements Call {
        @Override
        public byte op() {
            return SIZE;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, SIZE, EMPTY, EMPTY);
        }

        public static SizeCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, SIZE).noKey().noArg();
            return new SizeCall(frame.correlationId(), f.objectId());
        }
    }

    /**
     * A copy of a whole map or list.
     *
     * <pre>
     *   MGR_CALL 0x51, op SNAPSHOT 9   (correlation id: fresh)
     *   0              8        12      16      20
     *   +--------------+--------+-------+-------+
     *   | i64 objectId | i32 op | i32 0 | i32 0 |
     *   |              | = 9    |       |       |
     *   +--------------+--------+-------+-------+
     *   answered by {@link ValueReply}: a HashMap or ArrayList of the decoded values, encoded
     * </pre>
     */
    public record SnapshotCall(long correlationId, long objectId) implements Call {
        @Override
        public byte op() {
            return SNAPSHOT;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, SNAPSHOT, EMPTY, EMPTY);
        }

        public static SnapshotCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, SNAPSHOT).noKey().noArg();
            return new SnapshotCall(frame.correlationId(), f.objectId());
        }
    }

    /**
     * Appends to a list.
     *
     * <pre>
     *   MGR_CALL 0x51, op ADD 10   (correlation id: fresh)
     *   0              8        12      16      20
     *   +--------------+--------+-------+-------+------------------------------------+
     *   | i64 objectId | i32 op | i32 0 | i32 e | e bytes: element, encoded by the   |
     *   |              | = 10   |       |       | Codec                              |
     *   +--------------+--------+-------+-------+------------------------------------+
     *   answered by {@link NoneReply}
     * </pre>
     */
    public record AddCall(long correlationId, long objectId, byte[] element) implements Call {
        @Override
        public byte op() {
            return ADD;
        }

        @Override
        public Frame toFrame() {
            return callFrame(correlationId, objectId, ADD, EMPTY, element);
        }

        public static AddCall from(Frame frame) throws ProtocolException {
            CallFields f = readCall(frame, ADD).noKey();
            return new AddCall(frame.correlationId(), f.objectId(), f.arg());
        }
    }

    /**
     * The client gave up a parked LOCK (its thread was interrupted). It has no answer of its own:
     * the LOCK is answered {@link NoneReply} if it was still waiting, or was answered already.
     *
     * <pre>
     *   MGR_CANCEL 0x52   (correlation id: the LOCK's)
     *   (empty payload)
     * </pre>
     */
    public record Cancel(long correlationId) {
        public Frame toFrame() {
            return new Frame(FrameTypes.MGR_CANCEL, correlationId, EMPTY);
        }

        public static Cancel from(Frame frame) throws ProtocolException {
            new WireData.In(frame).end();
            return new Cancel(frame.correlationId());
        }
    }

    /**
     * Stops the server ({@code Manager.close()}).
     *
     * <pre>
     *   MGR_SHUTDOWN 0x53   (correlation id: fresh)
     *   (empty payload)
     *   answered by {@link NoneReply}, then the server exits 0
     * </pre>
     */
    public record Shutdown(long correlationId) implements Request {
        @Override
        public Frame toFrame() {
            return new Frame(FrameTypes.MGR_SHUTDOWN, correlationId, EMPTY);
        }

        public static Shutdown from(Frame frame) throws ProtocolException {
            new WireData.In(frame).end();
            return new Shutdown(frame.correlationId());
        }
    }

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
    public record ValueReply(long correlationId, byte[] value) implements Reply {
        @Override
        public Frame toFrame() {
            return replyFrame(correlationId, STATUS_VALUE, value);
        }

        public static ValueReply from(Frame frame) throws ProtocolException {
            return new ValueReply(frame.correlationId(), readReply(frame, STATUS_VALUE));
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
    public record NoneReply(long correlationId) implements Reply {
        @Override
        public Frame toFrame() {
            return replyFrame(correlationId, STATUS_NONE, EMPTY);
        }

        public static NoneReply from(Frame frame) throws ProtocolException {
            empty(readReply(frame, STATUS_NONE), "MGR_REPLY NONE with a body");
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
    public record ErrorReply(long correlationId, TaskFailedFrame failure) implements Reply {
        @Override
        public Frame toFrame() {
            return replyFrame(correlationId, STATUS_ERROR, failure.toFrame().payload());
        }

        public static ErrorReply from(Frame frame) throws ProtocolException {
            byte[] body = readReply(frame, STATUS_ERROR);
            return new ErrorReply(frame.correlationId(), TaskFailedFrame.from(Frame.of(FrameTypes.TASK_FAILED, body)));
        }
    }

    /**
     * The answer to {@link Create}: where the new object is.
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
    public record CreatedReply(long correlationId, long objectId, long serverPid, byte[] queue) implements Reply {
        @Override
        public Frame toFrame() {
            return replyFrame(correlationId, STATUS_VALUE,
                    new WireData.Out().i64(objectId).i64(serverPid).raw(queue).toByteArray());
        }

        public static CreatedReply from(Frame frame) throws ProtocolException {
            WireData.In body = new WireData.In(readReply(frame, STATUS_VALUE), "MGR_REPLY to MGR_CREATE");
            return new CreatedReply(frame.correlationId(), body.i64(), body.i64(), body.rest());
        }
    }

    /**
     * The answer to a {@link LockCall} that acquired the lock.
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
    public record GrantedReply(long correlationId, boolean abandoned) implements Reply {
        @Override
        public Frame toFrame() {
            return replyFrame(correlationId, STATUS_VALUE,
                    new WireData.Out().i8((byte) (abandoned ? 1 : 0)).toByteArray());
        }

        public static GrantedReply from(Frame frame) throws ProtocolException {
            WireData.In body = new WireData.In(readReply(frame, STATUS_VALUE), "MGR_REPLY to LOCK");
            byte abandoned = body.i8();
            body.end();
            if (abandoned != 0 && abandoned != 1) {
                throw new ProtocolException("MGR_REPLY to LOCK with abandoned = " + abandoned);
            }
            return new GrantedReply(frame.correlationId(), abandoned == 1);
        }
    }

    // ---- the layouts the records share ---------------------------------------------------------

    /** The four fields of every {@code MGR_CALL}, read before the operation says what they mean. */
    private record CallFields(long objectId, int op, byte[] key, byte[] arg) {
        CallFields noKey() throws ProtocolException {
            empty(key, "MGR_CALL " + op + " with a key");
            return this;
        }

        CallFields noArg() throws ProtocolException {
            empty(arg, "MGR_CALL " + op + " with an argument");
            return this;
        }
    }

    private static Frame callFrame(long correlationId, long objectId, byte op, byte[] key, byte[] arg) {
        return new Frame(FrameTypes.MGR_CALL, correlationId,
                new WireData.Out().i64(objectId).i32(op).block(key).block(arg).toByteArray());
    }

    private static CallFields readCall(Frame frame) throws ProtocolException {
        if (frame.type() != FrameTypes.MGR_CALL) {
            throw new ProtocolException("expected MGR_CALL, got " + frame);
        }
        WireData.In in = new WireData.In(frame);
        CallFields f = new CallFields(in.i64(), in.i32(), in.block(), in.block());
        in.end();
        return f;
    }

    private static CallFields readCall(Frame frame, byte op) throws ProtocolException {
        CallFields f = readCall(frame);
        if (f.op() != op) {
            throw new ProtocolException("expected MGR_CALL operation " + op + ", got " + f.op());
        }
        return f;
    }

    private static byte[] threadBytes(long thread) {
        return Long.toString(thread).getBytes(StandardCharsets.UTF_8);
    }

    private static long threadOf(byte[] key) throws ProtocolException {
        try {
            return Long.parseLong(new String(key, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            throw new ProtocolException("MGR_CALL names no thread: " + e.getMessage());
        }
    }

    private static Frame replyFrame(long correlationId, int status, byte[] body) {
        return new Frame(FrameTypes.MGR_REPLY, correlationId, new WireData.Out().i32(status).block(body).toByteArray());
    }

    /** The body of an {@code MGR_REPLY} that must have {@code status}. */
    private static byte[] readReply(Frame frame, int status) throws ProtocolException {
        int actual = status(frame);
        if (actual != status) {
            throw new ProtocolException("expected MGR_REPLY status " + status + ", got " + actual);
        }
        WireData.In in = new WireData.In(frame);
        in.i32();
        byte[] body = in.block();
        in.end();
        return body;
    }

    private static int status(Frame frame) throws ProtocolException {
        if (frame.type() != FrameTypes.MGR_REPLY) {
            throw new ProtocolException("expected MGR_REPLY, got " + frame);
        }
        return new WireData.In(frame).i32();
    }

    /** How a request reads an {@code MGR_REPLY} of status VALUE. */
    private interface ValueShape {
        Reply from(Frame frame) throws ProtocolException;
    }

    private static Reply readReply(Frame frame, ValueShape value) throws ProtocolException {
        int status = status(frame);
        switch (status) {
            case STATUS_VALUE: return value.from(frame);
            case STATUS_NONE: return NoneReply.from(frame);
            case STATUS_ERROR: return ErrorReply.from(frame);
            default: throw new ProtocolException("MGR_REPLY with unknown status " + status);
        }
    }

    private static void empty(byte[] field, String what) throws ProtocolException {
        if (field.length != 0) {
            throw new ProtocolException(what + " (" + field.length + " bytes)");
        }
    }
}
