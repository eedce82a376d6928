package org.mproc.internal.manager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

/**
 * One operation on a shared object in the manager's server: one record per operation of
 * {@code MGR_CALL}, each with only its own fields and its bytes drawn. Every {@code MGR_CALL}
 * payload has the same four fields (see {@link ManagerFrames}); the operation says what its key
 * and argument hold.
 */
public sealed interface ManagerCall extends ManagerFrames.Request
        permits ManagerCall.GetCall, ManagerCall.SetCall, ManagerCall.UpdateCall, ManagerCall.LockCall,
                ManagerCall.UnlockCall, ManagerCall.PutCall, ManagerCall.RemoveCall, ManagerCall.SizeCall,
                ManagerCall.SnapshotCall, ManagerCall.AddCall, ManagerCall.InvokeCall {
    long objectId();

    /** The operation's code on the wire. */
    byte op();

    /** Reads any {@code MGR_CALL} as the record of its operation. */
    static ManagerCall from(Frame frame) throws ProtocolException {
        int op = ManagerFrames.readCall(frame).op();
        switch (op) {
            case ManagerFrames.GET: return GetCall.from(frame);
            case ManagerFrames.SET: return SetCall.from(frame);
            case ManagerFrames.UPDATE: return UpdateCall.from(frame);
            case ManagerFrames.LOCK: return LockCall.from(frame);
            case ManagerFrames.UNLOCK: return UnlockCall.from(frame);
            case ManagerFrames.PUT: return PutCall.from(frame);
            case ManagerFrames.REMOVE: return RemoveCall.from(frame);
            case ManagerFrames.SIZE: return SizeCall.from(frame);
            case ManagerFrames.SNAPSHOT: return SnapshotCall.from(frame);
            case ManagerFrames.ADD: return AddCall.from(frame);
            case ManagerFrames.INVOKE: return InvokeCall.from(frame);
            default: throw new ProtocolException("MGR_CALL with unknown operation " + op);
        }
    }

    /**
     * Reads part of a namespace, map, list or value, or whether a lock is held.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.GET 1   (correlation id: fresh)
     *   0              8        12      16                          16+k    20+k
     *   +--------------+--------+-------+---------------------------+-------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key, by kind     | i32 0 |
     *   |              | = 1    |       | (see ManagerFrames);      |       |
     *   |              |        |       | k = 0 for a value or a    |       |
     *   |              |        |       | lock                      |       |
     *   +--------------+--------+-------+---------------------------+-------+
     *   answered by {@link ManagerReply.ValueReply}: the value (for a lock: whether it is held, a
     *   Boolean); {@link ManagerReply.NoneReply}: a map has no such key
     * </pre>
     */
    record GetCall(long correlationId, long objectId, byte[] key) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.GET;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.GET, key, ManagerFrames.EMPTY);
        }

        public static GetCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.GET).noArg();
            return new GetCall(frame.correlationId(), f.objectId(), f.key());
        }
    }

    /**
     * Sets a namespace's attribute, a list's element or a value (a map is {@link PutCall}).
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.SET 2   (correlation id: fresh)
     *   0              8        12      16                    16+k    20+k
     *   +--------------+--------+-------+---------------------+-------+-------------------------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key (by    | i32 v | v bytes: value, encoded |
     *   |              | = 2    |       | kind; k = 0: value) |       | by the Codec            |
     *   +--------------+--------+-------+---------------------+-------+-------------------------+
     *   answered by {@link ManagerReply.NoneReply}; for a list, {@link ManagerReply.ValueReply}: the element it replaced
     * </pre>
     */
    record SetCall(long correlationId, long objectId, byte[] key, byte[] value) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.SET;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.SET, key, value);
        }

        public static SetCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.SET);
            return new SetCall(frame.correlationId(), f.objectId(), f.key(), f.arg());
        }
    }

    /**
     * {@code updateAndGet}: the server decodes the function and the current value, applies it and
     * keeps the encoded result, under the object's lock.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.UPDATE 3   (correlation id: fresh)
     *   0              8        12      16                    16+k    20+k
     *   +--------------+--------+-------+---------------------+-------+--------------------------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key (by    | i32 f | f bytes: the function, a |
     *   |              | = 3    |       | kind; k = 0: value) |       | ProcessFunction encoded  |
     *   +--------------+--------+-------+---------------------+-------+--------------------------+
     *   answered by {@link ManagerReply.ValueReply}: the new value
     * </pre>
     */
    record UpdateCall(long correlationId, long objectId, byte[] key, byte[] function) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.UPDATE;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.UPDATE, key, function);
        }

        public static UpdateCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.UPDATE);
            return new UpdateCall(frame.correlationId(), f.objectId(), f.key(), f.arg());
        }
    }

    /**
     * Asks for a lock for one thread of the client's process; the wait is parked in the server.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.LOCK 4   (correlation id: fresh; {@link Cancel} names it to give up)
     *   0              8        12      16                      16+t    20+t               28+t
     *   +--------------+--------+-------+-----------------------+-------+------------------+
     *   | i64 objectId | i32 op | i32 t | t bytes: thread, the  | i32 8 | i64 timeoutNanos |
     *   |              | = 4    |       | caller's thread id in |       | −1: for ever;    |
     *   |              |        |       | decimal digits, UTF-8 |       | 0: only if free  |
     *   +--------------+--------+-------+-----------------------+-------+------------------+
     *   answered by {@link ManagerReply.GrantedReply}; {@link ManagerReply.NoneReply}: not acquired (timed out, or cancelled)
     * </pre>
     */
    record LockCall(long correlationId, long objectId, long thread, long timeoutNanos) implements ManagerCall {
        public LockCall {
            if (timeoutNanos < -1) {
                throw new IllegalArgumentException("a ManagerFrames.LOCK waits −1 (for ever) or ≥ 0 ns, not " + timeoutNanos);
            }
        }

        @Override
        public byte op() {
            return ManagerFrames.LOCK;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.LOCK, ManagerFrames.threadBytes(thread),
                    new WireData.Out().i64(timeoutNanos).toByteArray());
        }

        public static LockCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.LOCK);
            WireData.In arg = new WireData.In(f.arg(), "MGR_CALL LOCK's timeout");
            long timeout = arg.i64();
            arg.end();
            if (timeout < -1) {
                throw new ProtocolException("MGR_CALL ManagerFrames.LOCK with timeout " + timeout);
            }
            return new LockCall(frame.correlationId(), f.objectId(), ManagerFrames.threadOf(f.key()), timeout);
        }

        @Override
        public ManagerReply reply(Frame frame) throws ProtocolException {
            return ManagerFrames.readReply(frame, ManagerReply.GrantedReply::from);
        }
    }

    /**
     * Releases a lock the calling thread holds.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.UNLOCK 5   (correlation id: fresh)
     *   0              8        12      16                      16+t    20+t
     *   +--------------+--------+-------+-----------------------+-------+
     *   | i64 objectId | i32 op | i32 t | t bytes: thread, the  | i32 0 |
     *   |              | = 5    |       | caller's thread id in |       |
     *   |              |        |       | decimal digits, UTF-8 |       |
     *   +--------------+--------+-------+-----------------------+-------+
     *   answered by {@link ManagerReply.NoneReply}; {@link ErrorReply}: this thread does not hold it
     * </pre>
     */
    record UnlockCall(long correlationId, long objectId, long thread) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.UNLOCK;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.UNLOCK, ManagerFrames.threadBytes(thread), ManagerFrames.EMPTY);
        }

        public static UnlockCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.UNLOCK).noArg();
            return new UnlockCall(frame.correlationId(), f.objectId(), ManagerFrames.threadOf(f.key()));
        }
    }

    /**
     * Puts a map entry.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.PUT 6   (correlation id: fresh)
     *   0              8        12      16                     16+k    20+k
     *   +--------------+--------+-------+----------------------+-------+-------------------------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key,        | i32 v | v bytes: value, encoded |
     *   |              | = 6    |       | encoded by the Codec |       | by the Codec            |
     *   +--------------+--------+-------+----------------------+-------+-------------------------+
     *   answered by {@link ManagerReply.ValueReply}: the previous value; {@link ManagerReply.NoneReply}: there was none
     * </pre>
     */
    record PutCall(long correlationId, long objectId, byte[] key, byte[] value) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.PUT;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.PUT, key, value);
        }

        public static PutCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.PUT);
            return new PutCall(frame.correlationId(), f.objectId(), f.key(), f.arg());
        }
    }

    /**
     * Removes a map entry, a list element or a namespace's attribute.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.REMOVE 7   (correlation id: fresh)
     *   0              8        12      16                          16+k    20+k
     *   +--------------+--------+-------+---------------------------+-------+
     *   | i64 objectId | i32 op | i32 k | k bytes: key (a map key   | i32 0 |
     *   |              | = 7    |       | or list index, encoded;   |       |
     *   |              |        |       | a name, UTF-8)            |       |
     *   +--------------+--------+-------+---------------------------+-------+
     *   answered by {@link ManagerReply.ValueReply}: the removed value; {@link ManagerReply.NoneReply}: a map had no such key;
     *   {@link ManagerReply.ErrorReply}: a namespace had no such attribute
     * </pre>
     */
    record RemoveCall(long correlationId, long objectId, byte[] key) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.REMOVE;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.REMOVE, key, ManagerFrames.EMPTY);
        }

        public static RemoveCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.REMOVE).noArg();
            return new RemoveCall(frame.correlationId(), f.objectId(), f.key());
        }
    }

    /**
     * A map's or list's size.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.SIZE 8   (correlation id: fresh)
     *   0              8        12      16      20
     *   +--------------+--------+-------+-------+
     *   | i64 objectId | i32 op | i32 0 | i32 0 |
     *   |              | = 8    |       |       |
     *   +--------------+--------+-------+-------+
     *   answered by {@link ManagerReply.ValueReply}: the size, an Integer encoded by the Codec
     * </pre>
     */
    record SizeCall(long correlationId, long objectId) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.SIZE;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.SIZE, ManagerFrames.EMPTY, ManagerFrames.EMPTY);
        }

        public static SizeCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.SIZE).noKey().noArg();
            return new SizeCall(frame.correlationId(), f.objectId());
        }
    }

    /**
     * A copy of a whole map or list.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.SNAPSHOT 9   (correlation id: fresh)
     *   0              8        12      16      20
     *   +--------------+--------+-------+-------+
     *   | i64 objectId | i32 op | i32 0 | i32 0 |
     *   |              | = 9    |       |       |
     *   +--------------+--------+-------+-------+
     *   answered by {@link ManagerReply.ValueReply}: a HashMap or ArrayList of the decoded values, encoded
     * </pre>
     */
    record SnapshotCall(long correlationId, long objectId) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.SNAPSHOT;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.SNAPSHOT, ManagerFrames.EMPTY, ManagerFrames.EMPTY);
        }

        public static SnapshotCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.SNAPSHOT).noKey().noArg();
            return new SnapshotCall(frame.correlationId(), f.objectId());
        }
    }

    /**
     * Appends to a list.
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.ADD 10   (correlation id: fresh)
     *   0              8        12      16      20
     *   +--------------+--------+-------+-------+------------------------------------+
     *   | i64 objectId | i32 op | i32 0 | i32 e | e bytes: element, encoded by the   |
     *   |              | = 10   |       |       | Codec                              |
     *   +--------------+--------+-------+-------+------------------------------------+
     *   answered by {@link ManagerReply.NoneReply}
     * </pre>
     */
    record AddCall(long correlationId, long objectId, byte[] element) implements ManagerCall {
        @Override
        public byte op() {
            return ManagerFrames.ADD;
        }

        @Override
        public Frame toFrame() {
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.ADD, ManagerFrames.EMPTY, element);
        }

        public static AddCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.ADD).noKey();
            return new AddCall(frame.correlationId(), f.objectId(), f.arg());
        }
    }

    /**
     * Calls a named method of a shared object with its arguments: the operations added after the
     * first ten (a map's {@code merge}, a semaphore's {@code acquire}, a registered type's methods).
     * It carries the calling thread (an owner for what is held per thread) and a timeout (how long
     * a call that waits may stay parked in the server; {@link Cancel} names it to give up).
     *
     * <pre>
     *   MGR_CALL 0x51, op ManagerFrames.INVOKE 11   (correlation id: fresh)
     *   0              8        12      16                    16+m    20+m
     *   +--------------+--------+-------+---------------------+-------+-----------------+
     *   | i64 objectId | i32 op | i32 m | m bytes: method     | i32 a | a bytes: arg,   |
     *   |              | = 11   |       | name, UTF-8         |       | drawn below     |
     *   +--------------+--------+-------+---------------------+-------+-----------------+
     *   arg:
     *   0           8                  16      20      24+n1
     *   +-----------+------------------+-------+-------+----------+-------+----------+----
     *   | i64       | i64 timeoutNanos | i32 c | i32 n1| n1 bytes:| i32 n2| n2 bytes:| …  c arguments,
     *   | thread id | −1: for ever;    |       |       | argument |       | argument |    each encoded
     *   |           | 0: not at all    |       |       | 1        |       | 2        |    by the Codec
     *   +-----------+------------------+-------+-------+----------+-------+----------+----
     *   answered by {@link ManagerReply.ValueReply}: the result, encoded; {@link ManagerReply.NoneReply}:
     *   no result (void, or null), or a parked call given up by {@link Cancel};
     *   {@link ManagerReply.ErrorReply}: what the method threw
     * </pre>
     */
    record InvokeCall(long correlationId, long objectId, String method, long thread, long timeoutNanos,
                      List<byte[]> args) implements ManagerCall {
        public InvokeCall {
            if (timeoutNanos < -1) {
                throw new IllegalArgumentException("an INVOKE waits −1 (for ever) or ≥ 0 ns, not " + timeoutNanos);
            }
            args = List.copyOf(args);
        }

        @Override
        public byte op() {
            return ManagerFrames.INVOKE;
        }

        @Override
        public Frame toFrame() {
            WireData.Out arg = new WireData.Out().i64(thread).i64(timeoutNanos).i32(args.size());
            for (byte[] a : args) {
                arg.block(a);
            }
            return ManagerFrames.callFrame(correlationId, objectId, ManagerFrames.INVOKE,
                    method.getBytes(StandardCharsets.UTF_8), arg.toByteArray());
        }

        public static InvokeCall from(Frame frame) throws ProtocolException {
            ManagerFrames.CallFields f = ManagerFrames.readCall(frame, ManagerFrames.INVOKE);
            WireData.In arg = new WireData.In(f.arg(), "MGR_CALL INVOKE's arguments");
            long thread = arg.i64();
            long timeout = arg.i64();
            if (timeout < -1) {
                throw new ProtocolException("MGR_CALL INVOKE with timeout " + timeout);
            }
            int count = arg.count(4);
            List<byte[]> args = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                args.add(arg.block());
            }
            arg.end();
            String method = new String(f.key(), StandardCharsets.UTF_8);
            if (method.isEmpty()) {
                throw new ProtocolException("MGR_CALL INVOKE names no method");
            }
            return new InvokeCall(frame.correlationId(), f.objectId(), method, thread, timeout, args);
        }
    }
}
