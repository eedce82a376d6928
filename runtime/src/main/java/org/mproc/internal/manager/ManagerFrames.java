package org.mproc.internal.manager;

import java.nio.charset.StandardCharsets;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

/**
 * The manager's frames, one record per frame type and, where one type carries several shapes, one
 * record per shape, whose fields mean one thing: each operation of {@code MGR_CALL} is a
 * {@link ManagerCall}, each answer of {@code MGR_REPLY} a {@link ManagerReply}; the others are here.
 * A client creates shared objects in the manager's server and calls operations on them; every
 * {@link Request} carries a fresh correlation id, which its {@code MGR_REPLY} repeats. Values travel
 * as the client encoded them; the server decodes only what it must run (an {@code updateAndGet}
 * function and its argument, a map key, a list index).
 *
 * <pre>
 *   client → server     record                    answered by (MGR_REPLY; records in ManagerReply)
 *   MGR_CREATE   0x50   Create                    CreatedReply
 *   MGR_CALL     0x51   ManagerCall, by op:
 *     op GET 1          ManagerCall.GetCall       ValueReply | NoneReply: no such map key
 *     op SET 2          ManagerCall.SetCall       NoneReply | ValueReply: a list's previous element
 *     op UPDATE 3       ManagerCall.UpdateCall    ValueReply: the new value
 *     op LOCK 4         ManagerCall.LockCall      GrantedReply | NoneReply: not acquired
 *     op UNLOCK 5       ManagerCall.UnlockCall    NoneReply
 *     op PUT 6          ManagerCall.PutCall       ValueReply | NoneReply: the previous value
 *     op REMOVE 7       ManagerCall.RemoveCall    ValueReply | NoneReply: the removed value
 *     op SIZE 8         ManagerCall.SizeCall      ValueReply: an encoded Integer
 *     op SNAPSHOT 9     ManagerCall.SnapshotCall  ValueReply: an encoded HashMap / ArrayList
 *     op ADD 10         ManagerCall.AddCall       NoneReply
 *     op INVOKE 11      ManagerCall.InvokeCall    ValueReply | NoneReply: none, or cancelled
 *   MGR_CANCEL   0x52   Cancel                    none: the LOCK or INVOKE it names is answered
 *   MGR_SHUTDOWN 0x53   Shutdown                  NoneReply, then the server exits 0
 *   any request may instead be answered ErrorReply: what the shared object threw
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
    public static final byte EVENT = 7;
    public static final byte SEMAPHORE = 8;
    public static final byte BARRIER = 9;
    public static final byte RLOCK = 10;
    public static final byte CONDITION = 11;
    public static final byte CUSTOM = 12;

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
    public static final byte INVOKE = 11;

    // The statuses of MGR_REPLY.
    static final int STATUS_VALUE = 0;
    static final int STATUS_NONE = 1;
    static final int STATUS_ERROR = 2;

    static final byte[] EMPTY = new byte[0];

    /** A frame a client sends and then awaits one {@code MGR_REPLY} for, with the same correlation id. */
    public sealed interface Request permits Create, ManagerCall, Shutdown {
        long correlationId();

        Frame toFrame();

        /**
         * Reads the answer to this request: a {@link ManagerReply.NoneReply}, an {@link ManagerReply.ErrorReply}, or for status
         * VALUE this request's value shape — a {@link ManagerReply.ValueReply} unless the request says otherwise.
         */
        default ManagerReply reply(Frame frame) throws ProtocolException {
            return readReply(frame, ManagerReply.ValueReply::from);
        }
    }

    /**
     * Creates a shared object of one kind in the server.
     *
     * <pre>
     *   MGR_CREATE 0x50   (correlation id: fresh)
     *   0          4       8
     *   +----------+-------+----------------------------------------------+
     *   | i32 kind | i32 n | n bytes: initial, encoded by the Codec: the  |
     *   |          |       | starting value (VALUE), an int[] {permits,   |
     *   |          |       | bound or −1} (SEMAPHORE), the parties, an    |
     *   |          |       | Integer (BARRIER), the lock's object id, a   |
     *   |          |       | Long (CONDITION), an Object[] {interface     |
     *   |          |       | name, Object[] constructor arguments}        |
     *   |          |       | (CUSTOM); n = 0 otherwise                    |
     *   +----------+-------+----------------------------------------------+
     *   kind: NAMESPACE 1, VALUE 2, LOCK 3 (LOCK_OBJECT), MAP 4, LIST 5, QUEUE 6 (hosted by the server),
     *         EVENT 7, SEMAPHORE 8, BARRIER 9, RLOCK 10 (a reentrant LOCK_OBJECT), CONDITION 11,
     *         CUSTOM 12 (an instance of a registered type)
     *   answered by {@link ManagerReply.CreatedReply}
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
            if (kind < NAMESPACE || kind > CUSTOM) {
                throw new ProtocolException("MGR_CREATE of unknown kind " + kind);
            }
            Create c = new Create(frame.correlationId(), (byte) kind, in.block());
            in.end();
            if (kind != VALUE && kind != SEMAPHORE && kind != BARRIER && kind != CONDITION && kind != CUSTOM) {
                empty(c.initial(), "MGR_CREATE of kind " + kind + " with an initial value");
            }
            return c;
        }

        @Override
        public ManagerReply reply(Frame frame) throws ProtocolException {
            return readReply(frame, ManagerReply.CreatedReply::from);
        }
    }

    /**
     * The client gave up a parked LOCK (its thread was interrupted). It has no answer of its own:
     * the LOCK is answered {@link ManagerReply.NoneReply} if it was still waiting, or was answered already.
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
     *   answered by {@link ManagerReply.NoneReply}, then the server exits 0
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

    // ---- the layouts the records share ---------------------------------------------------------

    /** The four fields of every {@code MGR_CALL}, read before the operation says what they mean. */
    record CallFields(long objectId, int op, byte[] key, byte[] arg) {
        CallFields noKey() throws ProtocolException {
            empty(key, "MGR_CALL " + op + " with a key");
            return this;
        }

        CallFields noArg() throws ProtocolException {
            empty(arg, "MGR_CALL " + op + " with an argument");
            return this;
        }
    }

    static Frame callFrame(long correlationId, long objectId, byte op, byte[] key, byte[] arg) {
        return new Frame(FrameTypes.MGR_CALL, correlationId,
                new WireData.Out().i64(objectId).i32(op).block(key).block(arg).toByteArray());
    }

    static CallFields readCall(Frame frame) throws ProtocolException {
        if (frame.type() != FrameTypes.MGR_CALL) {
            throw new ProtocolException("expected MGR_CALL, got " + frame);
        }
        WireData.In in = new WireData.In(frame);
        CallFields f = new CallFields(in.i64(), in.i32(), in.block(), in.block());
        in.end();
        return f;
    }

    static CallFields readCall(Frame frame, byte op) throws ProtocolException {
        CallFields f = readCall(frame);
        if (f.op() != op) {
            throw new ProtocolException("expected MGR_CALL operation " + op + ", got " + f.op());
        }
        return f;
    }

    static byte[] threadBytes(long thread) {
        return Long.toString(thread).getBytes(StandardCharsets.UTF_8);
    }

    static long threadOf(byte[] key) throws ProtocolException {
        try {
            return Long.parseLong(new String(key, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            throw new ProtocolException("MGR_CALL names no thread: " + e.getMessage());
        }
    }

    static Frame replyFrame(long correlationId, int status, byte[] body) {
        return new Frame(FrameTypes.MGR_REPLY, correlationId, new WireData.Out().i32(status).block(body).toByteArray());
    }

    /** The body of an {@code MGR_REPLY} that must have {@code status}. */
    static byte[] readReply(Frame frame, int status) throws ProtocolException {
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

    static int status(Frame frame) throws ProtocolException {
        if (frame.type() != FrameTypes.MGR_REPLY) {
            throw new ProtocolException("expected MGR_REPLY, got " + frame);
        }
        return new WireData.In(frame).i32();
    }

    /** How a request reads an {@code MGR_REPLY} of status VALUE. */
    interface ValueShape {
        ManagerReply from(Frame frame) throws ProtocolException;
    }

    static ManagerReply readReply(Frame frame, ValueShape value) throws ProtocolException {
        int status = status(frame);
        switch (status) {
            case STATUS_VALUE: return value.from(frame);
            case STATUS_NONE: return ManagerReply.NoneReply.from(frame);
            case STATUS_ERROR: return ManagerReply.ErrorReply.from(frame);
            default: throw new ProtocolException("MGR_REPLY with unknown status " + status);
        }
    }

    static void empty(byte[] field, String what) throws ProtocolException {
        if (field.length != 0) {
            throw new ProtocolException(what + " (" + field.length + " bytes)");
        }
    }
}
