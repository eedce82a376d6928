package org.mproc.internal.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.internal.manager.ManagerCall.AddCall;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.InvokeCall;
import org.mproc.internal.manager.ManagerCall.LockCall;
import org.mproc.internal.manager.ManagerCall.PutCall;
import org.mproc.internal.manager.ManagerCall.RemoveCall;
import org.mproc.internal.manager.ManagerCall.SetCall;
import org.mproc.internal.manager.ManagerCall.SizeCall;
import org.mproc.internal.manager.ManagerCall.SnapshotCall;
import org.mproc.internal.manager.ManagerCall.UnlockCall;
import org.mproc.internal.manager.ManagerCall.UpdateCall;
import org.mproc.internal.manager.ManagerFrames.Cancel;
import org.mproc.internal.manager.ManagerFrames.Create;
import org.mproc.internal.manager.ManagerFrames.Request;
import org.mproc.internal.manager.ManagerFrames.Shutdown;
import org.mproc.internal.manager.ManagerReply.CreatedReply;
import org.mproc.internal.manager.ManagerReply.ErrorReply;
import org.mproc.internal.manager.ManagerReply.GrantedReply;
import org.mproc.internal.manager.ManagerReply.NoneReply;
import org.mproc.internal.manager.ManagerReply.ValueReply;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The manager's records: each writes exactly the bytes its Javadoc draws (built here with
 * {@link ByteBuffer}, not {@code WireData}, and the same as before the records existed), reads them
 * back, and refuses bytes that are not its shape.
 */
class ManagerFramesTest {
    private static final byte[] NOTHING = new byte[0];

    /** MGR_CALL: i64 objectId | i32 op | i32 k | key | i32 a | arg. */
    static byte[] callPayload(long objectId, int op, byte[] key, byte[] arg) {
        return ByteBuffer.allocate(20 + key.length + arg.length).putLong(objectId).putInt(op)
                .putInt(key.length).put(key).putInt(arg.length).put(arg).array();
    }

    /** MGR_REPLY: i32 status | i32 n | body. */
    static byte[] replyPayload(int status, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(status).putInt(body.length).put(body).array();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] i64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static Gen<byte[]> bytes() {
        return Generate.byteArrays(Generate.range(0, 40), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** A call, the operation code and the key and argument blocks it must write. */
    private record Expected(ManagerCall call, int op, byte[] key, byte[] arg) {}

    private static List<Expected> everyCall(long corr, long id, byte[] key, byte[] arg) {
        long thread = corr ^ id;
        long timeout = Math.max(-1, id);
        return List.of(
                new Expected(new GetCall(corr, id, key), 1, key, NOTHING),
                new Expected(new SetCall(corr, id, key, arg), 2, key, arg),
                new Expected(new UpdateCall(corr, id, key, arg), 3, key, arg),
                new Expected(new LockCall(corr, id, thread, timeout), 4, utf8(Long.toString(thread)), i64(timeout)),
                new Expected(new UnlockCall(corr, id, thread), 5, utf8(Long.toString(thread)), NOTHING),
                new Expected(new PutCall(corr, id, key, arg), 6, key, arg),
                new Expected(new RemoveCall(corr, id, key), 7, key, NOTHING),
                new Expected(new SizeCall(corr, id), 8, NOTHING, NOTHING),
                new Expected(new SnapshotCall(corr, id), 9, NOTHING, NOTHING),
                new Expected(new AddCall(corr, id, arg), 10, NOTHING, arg),
                new Expected(new InvokeCall(corr, id, "merge", thread, timeout, List.of(key, arg)), 11, utf8("merge"),
                        invokeArg(thread, timeout, key, arg)));
    }

    /** INVOKE's argument block: i64 thread | i64 timeoutNanos | i32 c | c × (i32 n | n bytes). */
    static byte[] invokeArg(long thread, long timeout, byte[]... args) {
        int size = 20;
        for (byte[] a : args) {
            size += 4 + a.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putLong(thread).putLong(timeout).putInt(args.length);
        for (byte[] a : args) {
            b.putInt(a.length).put(a);
        }
        return b.array();
    }

    @Test
    void everyCallWritesItsDrawnBytesAndReadsBackAsItself() {
        qt().forAll(longs().all(), longs().all(), bytes(), bytes()).checkAssert((corr, id, key, arg) -> {
            List<Expected> all = everyCall(corr, id, key, arg);
            assertEquals(11, all.size());
            for (Expected e : all) {
                Frame f = e.call().toFrame();
                assertEquals(FrameTypes.MGR_CALL, f.type());
                assertEquals(corr, f.correlationId());
                assertEquals(e.op(), e.call().op());
                assertArrayEquals(callPayload(id, e.op(), e.key(), e.arg()), f.payload(), e.call().getClass().getSimpleName());
                ManagerCall back = rethrowing(() -> ManagerCall.from(f));
                assertEquals(e.call().getClass(), back.getClass());
                assertEquals(corr, back.correlationId());
                assertEquals(id, back.objectId());
                assertArrayEquals(f.payload(), back.toFrame().payload());
                if (back instanceof InvokeCall invoke) {
                    InvokeCall sent = (InvokeCall) e.call();
                    assertEquals(sent.method(), invoke.method());
                    assertEquals(sent.thread(), invoke.thread());
                    assertEquals(sent.timeoutNanos(), invoke.timeoutNanos());
                    assertEquals(sent.args().size(), invoke.args().size());
                }
                if (back instanceof LockCall lock) {
                    assertEquals(((LockCall) e.call()).thread(), lock.thread());
                    assertEquals(((LockCall) e.call()).timeoutNanos(), lock.timeoutNanos());
                }
            }
        });
    }

    @Test
    void eachCallRecordReadsOnlyItsOwnOperation() throws ProtocolException {
        Frame get = new GetCall(1, 2, utf8("x")).toFrame();
        assertEquals("x", new String(GetCall.from(get).key(), StandardCharsets.UTF_8));
        assertThrows(ProtocolException.class, () -> SetCall.from(get));
        assertThrows(ProtocolException.class, () -> RemoveCall.from(get));
        Frame lock = new LockCall(3, 4, 5, -1).toFrame();
        assertEquals(new LockCall(3, 4, 5, -1), LockCall.from(lock));
        assertEquals(new UnlockCall(3, 4, 5), UnlockCall.from(new UnlockCall(3, 4, 5).toFrame()));
        assertThrows(ProtocolException.class, () -> UnlockCall.from(lock));
        assertEquals(new SizeCall(7, 8), SizeCall.from(new SizeCall(7, 8).toFrame()));
        assertEquals(new SnapshotCall(7, 8), SnapshotCall.from(new SnapshotCall(7, 8).toFrame()));
        assertThrows(ProtocolException.class, () -> ManagerCall.from(new Shutdown(1).toFrame()));
    }

    @Test
    void malformedCallsAreRefused() {
        for (int op : new int[] {0, 12, -1, Integer.MAX_VALUE}) {
            Frame unknown = new Frame(FrameTypes.MGR_CALL, 1, callPayload(1, op, NOTHING, NOTHING));
            assertThrows(ProtocolException.class, () -> ManagerCall.from(unknown), "op " + op);
        }
        List<byte[]> malformed = List.of(
                callPayload(1, 4, utf8("main"), i64(-1)),       // LOCK: no thread id
                callPayload(1, 4, NOTHING, i64(-1)),            // LOCK: no thread id
                callPayload(1, 4, utf8("7"), new byte[7]),      // LOCK: timeout cut short
                callPayload(1, 4, utf8("7"), new byte[9]),      // LOCK: timeout too long
                callPayload(1, 4, utf8("7"), i64(-2)),          // LOCK: no such timeout
                callPayload(1, 5, utf8("7"), i64(-1)),          // UNLOCK with an argument
                callPayload(1, 1, utf8("k"), new byte[1]),      // GET with an argument
                callPayload(1, 7, utf8("k"), new byte[1]),      // REMOVE with an argument
                callPayload(1, 8, utf8("k"), NOTHING),          // SIZE with a key
                callPayload(1, 9, NOTHING, new byte[1]),        // SNAPSHOT with an argument
                callPayload(1, 10, new byte[1], new byte[1]),   // ADD with a key
                callPayload(1, 11, NOTHING, invokeArg(1, -1)),  // INVOKE: no method
                callPayload(1, 11, utf8("m"), invokeArg(1, -2)), // INVOKE: no such timeout
                callPayload(1, 11, utf8("m"), new byte[19]),    // INVOKE: argument count cut short
                callPayload(1, 11, utf8("m"), ByteBuffer.allocate(20).putLong(1).putLong(-1).putInt(3).array()), // 3 args announced, none there
                callPayload(1, 11, utf8("m"), concat(invokeArg(1, -1, new byte[2]), new byte[1])), // INVOKE: trailing byte
                ByteBuffer.allocate(20).putLong(1).putInt(1).putInt(5).putInt(0).array(), // key cut short
                ByteBuffer.allocate(12).putLong(1).putInt(8).array(),                      // no blocks
                concat(callPayload(1, 8, NOTHING, NOTHING), new byte[1]));                 // trailing byte
        for (byte[] payload : malformed) {
            assertThrows(ProtocolException.class, () -> ManagerCall.from(new Frame(FrameTypes.MGR_CALL, 1, payload)));
        }
        assertThrows(IllegalArgumentException.class, () -> new LockCall(1, 1, 1, -2));
        assertThrows(IllegalArgumentException.class, () -> new InvokeCall(1, 1, "m", 1, -2, List.of()));
    }

    @Test
    void createWritesItsDrawnBytes() throws ProtocolException {
        byte[] initial = {0x02, 0, 0, 0, 42};
        Create value = new Create(9, ManagerFrames.VALUE, initial);
        Frame f = value.toFrame();
        assertEquals(FrameTypes.MGR_CREATE, f.type());
        assertEquals(9, f.correlationId());
        assertArrayEquals(ByteBuffer.allocate(8 + initial.length).putInt(2).putInt(initial.length).put(initial).array(),
                f.payload());
        Create back = Create.from(f);
        assertEquals(9, back.correlationId());
        assertEquals(ManagerFrames.VALUE, back.kind());
        assertArrayEquals(initial, back.initial());
        for (byte kind = ManagerFrames.NAMESPACE; kind <= ManagerFrames.CUSTOM; kind++) {
            boolean starts = kind == ManagerFrames.VALUE || kind == ManagerFrames.SEMAPHORE
                    || kind == ManagerFrames.BARRIER || kind == ManagerFrames.CONDITION || kind == ManagerFrames.CUSTOM;
            byte[] start = starts ? initial : NOTHING;
            assertEquals(kind, Create.from(new Create(1, kind, start).toFrame()).kind());
        }
    }

    @Test
    void malformedCreatesAreRefused() {
        for (int kind : new int[] {0, 13, -1}) {
            Frame f = new Frame(FrameTypes.MGR_CREATE, 1, ByteBuffer.allocate(8).putInt(kind).putInt(0).array());
            assertThrows(ProtocolException.class, () -> Create.from(f), "kind " + kind);
        }
        Frame namespaceWithValue = new Frame(FrameTypes.MGR_CREATE, 1,
                ByteBuffer.allocate(9).putInt(ManagerFrames.NAMESPACE).putInt(1).put((byte) 0).array());
        assertThrows(ProtocolException.class, () -> Create.from(namespaceWithValue));
        Frame truncated = new Frame(FrameTypes.MGR_CREATE, 1, ByteBuffer.allocate(8).putInt(2).putInt(3).array());
        assertThrows(ProtocolException.class, () -> Create.from(truncated));
    }

    @Test
    void cancelAndShutdownAreEmpty() throws ProtocolException {
        Frame cancel = new Cancel(77).toFrame();
        assertEquals(FrameTypes.MGR_CANCEL, cancel.type());
        assertEquals(77, cancel.correlationId());
        assertEquals(0, cancel.payload().length);
        assertEquals(new Cancel(77), Cancel.from(cancel));
        Frame shutdown = new Shutdown(78).toFrame();
        assertEquals(FrameTypes.MGR_SHUTDOWN, shutdown.type());
        assertEquals(78, shutdown.correlationId());
        assertEquals(0, shutdown.payload().length);
        assertEquals(new Shutdown(78), Shutdown.from(shutdown));
        assertThrows(ProtocolException.class, () -> Cancel.from(new Frame(FrameTypes.MGR_CANCEL, 1, new byte[1])));
        assertThrows(ProtocolException.class, () -> Shutdown.from(new Frame(FrameTypes.MGR_SHUTDOWN, 1, new byte[8])));
    }

    private static ManagerReply answer(Request request, ManagerReply reply) throws ProtocolException {
        Frame f = reply.toFrame();
        assertEquals(FrameTypes.MGR_REPLY, f.type());
        assertEquals(reply.correlationId(), f.correlationId());
        return request.reply(f);
    }

    @Test
    void everyReplyWritesItsDrawnBytesAndIsReadAsItsRequestExpects() throws ProtocolException {
        byte[] value = {0x01, 0, 0, 0, 1, 'v'};
        GetCall get = new GetCall(5, 1, NOTHING);
        ValueReply v = new ValueReply(5, value);
        assertArrayEquals(replyPayload(0, value), v.toFrame().payload());
        assertArrayEquals(value, assertInstanceOf(ValueReply.class, answer(get, v)).value());

        NoneReply none = new NoneReply(5);
        assertArrayEquals(replyPayload(1, NOTHING), none.toFrame().payload());
        for (Request r : List.of(get, new LockCall(5, 1, 1, 0), new Create(5, ManagerFrames.MAP, NOTHING), new Shutdown(5))) {
            assertEquals(none, answer(r, none), r.toString());
        }

        TaskFailedFrame failure = TaskFailedFrame.describe(new IndexOutOfBoundsException("index 99"), NOTHING);
        ErrorReply error = new ErrorReply(5, failure);
        assertArrayEquals(replyPayload(2, failure.toFrame().payload()), error.toFrame().payload());
        for (Request r : List.of(get, new LockCall(5, 1, 1, 0), new Create(5, ManagerFrames.MAP, NOTHING))) {
            ErrorReply back = assertInstanceOf(ErrorReply.class, answer(r, error), r.toString());
            assertEquals(IndexOutOfBoundsException.class.getName(), back.failure().className());
            assertEquals("index 99", back.failure().message());
            assertEquals(failure.frames().length, back.failure().frames().length);
        }

        byte[] handle = {1, 2, 3};
        CreatedReply created = new CreatedReply(6, 11, 4242, handle);
        assertArrayEquals(replyPayload(0, ByteBuffer.allocate(19).putLong(11).putLong(4242).put(handle).array()),
                created.toFrame().payload());
        CreatedReply createdBack = assertInstanceOf(CreatedReply.class,
                answer(new Create(6, ManagerFrames.QUEUE, NOTHING), created));
        assertEquals(11, createdBack.objectId());
        assertEquals(4242, createdBack.serverPid());
        assertArrayEquals(handle, createdBack.queue());
        CreatedReply plain = new CreatedReply(6, 12, 4242, NOTHING);
        assertArrayEquals(replyPayload(0, ByteBuffer.allocate(16).putLong(12).putLong(4242).array()),
                plain.toFrame().payload());
        assertEquals(0, CreatedReply.from(plain.toFrame()).queue().length);

        for (boolean abandoned : new boolean[] {false, true}) {
            GrantedReply granted = new GrantedReply(7, abandoned);
            assertArrayEquals(replyPayload(0, new byte[] {(byte) (abandoned ? 1 : 0)}), granted.toFrame().payload());
            assertEquals(granted, answer(new LockCall(7, 1, 1, -1), granted));
        }
        // A VALUE answers each request in its own shape.
        assertInstanceOf(ValueReply.class, new SizeCall(7, 1).reply(new GrantedReply(7, true).toFrame()));
        assertTrue(assertInstanceOf(GrantedReply.class, new LockCall(7, 1, 1, 0).reply(new ValueReply(7, new byte[] {1})
                .toFrame())).abandoned());
        assertFalse(new GrantedReply(7, false).abandoned());
    }

    @Test
    void malformedRepliesAreRefused() {
        GetCall get = new GetCall(1, 1, NOTHING);
        List<byte[]> malformed = List.of(
                replyPayload(3, NOTHING),
                replyPayload(-1, NOTHING),
                replyPayload(1, new byte[1]),                               // NONE with a body
                replyPayload(2, new byte[] {0, 0, 0}),                      // ERROR: no TASK_FAILED payload
                ByteBuffer.allocate(8).putInt(0).putInt(4).array(),         // body cut short
                concat(replyPayload(0, NOTHING), new byte[1]),              // trailing byte
                new byte[3]);
        for (byte[] payload : malformed) {
            assertThrows(ProtocolException.class, () -> get.reply(new Frame(FrameTypes.MGR_REPLY, 1, payload)));
        }
        LockCall lock = new LockCall(1, 1, 1, -1);
        for (byte[] body : List.of(NOTHING, new byte[] {2}, new byte[] {-1}, new byte[] {1, 0})) {
            assertThrows(ProtocolException.class,
                    () -> lock.reply(new Frame(FrameTypes.MGR_REPLY, 1, replyPayload(0, body))));
        }
        Create create = new Create(1, ManagerFrames.MAP, NOTHING);
        assertThrows(ProtocolException.class, () -> create.reply(new Frame(FrameTypes.MGR_REPLY, 1, replyPayload(0, new byte[15]))));
        Frame notAReply = new Frame(FrameTypes.QUEUE_REPLY, 1, replyPayload(0, NOTHING));
        assertThrows(ProtocolException.class, () -> get.reply(notAReply));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    interface Throwing<T> {
        T get() throws Exception;
    }

    static <T> T rethrowing(Throwing<T> body) {
        try {
            return body.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
