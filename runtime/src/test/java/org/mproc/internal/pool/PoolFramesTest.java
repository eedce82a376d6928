package org.mproc.internal.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.mproc.internal.pool.PoolFrames.ChunkFailedFrame;
import org.mproc.internal.pool.PoolFrames.ChunkFrame;
import org.mproc.internal.pool.PoolFrames.ForgetFrame;
import org.mproc.internal.pool.PoolFrames.InitFailedFrame;
import org.mproc.internal.pool.PoolFrames.InitFrame;
import org.mproc.internal.pool.PoolFrames.ReadyFrame;
import org.mproc.internal.pool.PoolFrames.ResultFrame;
import org.mproc.internal.pool.PoolFrames.StartedFrame;
import org.mproc.internal.pool.PoolFrames.StopFrame;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The pool's records: each writes exactly the bytes its Javadoc draws (built here with
 * {@link ByteBuffer}), reads them back, and refuses what is not its shape.
 */
class PoolFramesTest {
    private static final byte[] NOTHING = new byte[0];

    static Gen<byte[]> bytes() {
        return Generate.byteArrays(Generate.range(0, 40), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static void assertFrame(byte type, long correlationId, byte[] payload, Frame actual) {
        assertEquals(FrameTypes.name(type), FrameTypes.name(actual.type()));
        assertEquals(correlationId, actual.correlationId());
        assertArrayEquals(payload, actual.payload(), FrameTypes.name(type));
    }

    @Test
    void everyFrameWritesItsDrawnBytesAndReadsBackAsItself() {
        qt().forAll(longs().all(), integers().all(), integers().all(), bytes()).checkAssert((id, chunk, task, bytes) -> {
            try {
                Frame init = new InitFrame(bytes).toFrame();
                assertFrame(FrameTypes.POOL_INIT, 0, ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes)
                        .array(), init);
                assertArrayEquals(bytes, InitFrame.from(init).initializer());

                Frame forget = new ForgetFrame(id).toFrame();
                assertFrame(FrameTypes.POOL_FORGET, id, NOTHING, forget);
                assertEquals(new ForgetFrame(id), ForgetFrame.from(forget));

                Frame started = new StartedFrame(id, chunk).toFrame();
                assertFrame(FrameTypes.POOL_STARTED, id, ByteBuffer.allocate(4).putInt(chunk).array(), started);
                assertEquals(new StartedFrame(id, chunk), StartedFrame.from(started));

                byte[] blocks = ByteBuffer.allocate(8 + bytes.length).putInt(bytes.length).put(bytes).putInt(0).array();
                Frame result = new ResultFrame(id, chunk, 2, blocks).toFrame();
                assertFrame(FrameTypes.POOL_RESULT, id, ByteBuffer.allocate(16 + bytes.length).putInt(chunk)
                        .putInt(2).put(blocks).array(), result);
                ResultFrame r = ResultFrame.from(result);
                assertEquals(id, r.callId());
                assertEquals(chunk, r.chunkIndex());
                assertEquals(2, r.count());
                assertArrayEquals(blocks, r.blocks());

                byte[] items = {1, 2};
                Frame chunkFrame = new ChunkFrame(id, chunk, task, ~id, bytes, items).toFrame();
                assertFrame(FrameTypes.POOL_CHUNK, id, ByteBuffer.allocate(26 + bytes.length).putInt(chunk).putInt(task)
                        .putLong(~id).putInt(bytes.length).put(bytes).putInt(2).put(items).array(), chunkFrame);
                ChunkFrame c = ChunkFrame.from(chunkFrame);
                assertEquals(task, c.firstTask());
                assertEquals(~id, c.functionId());
                assertArrayEquals(bytes, c.function());
                assertArrayEquals(items, c.items());

                TaskFailedFrame failure = TaskFailedFrame.describe(new ArithmeticException("/ by zero"), bytes);
                byte[] failurePayload = failure.toFrame().payload();
                Frame initFailed = new InitFailedFrame(failure).toFrame();
                assertFrame(FrameTypes.POOL_INIT_FAILED, 0, failurePayload, initFailed);
                assertEquals("/ by zero", InitFailedFrame.from(initFailed).failure().message());
                assertArrayEquals(bytes, InitFailedFrame.from(initFailed).failure().serialized());

                Frame chunkFailed = new ChunkFailedFrame(id, chunk, task, failure).toFrame();
                assertFrame(FrameTypes.POOL_CHUNK_FAILED, id, ByteBuffer.allocate(8 + failurePayload.length).putInt(chunk)
                        .putInt(task).put(failurePayload).array(), chunkFailed);
                ChunkFailedFrame f = ChunkFailedFrame.from(chunkFailed);
                assertEquals(chunk, f.chunkIndex());
                assertEquals(task, f.taskIndex());
                assertEquals(ArithmeticException.class.getName(), f.failure().className());
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theEmptyFramesAreEmpty() throws ProtocolException {
        assertFrame(FrameTypes.POOL_STOP, 0, NOTHING, new StopFrame().toFrame());
        assertEquals(new StopFrame(), StopFrame.from(new StopFrame().toFrame()));
        assertFrame(FrameTypes.POOL_READY, 0, NOTHING, new ReadyFrame().toFrame());
        assertEquals(new ReadyFrame(), ReadyFrame.from(new ReadyFrame().toFrame()));
        assertFrame(FrameTypes.POOL_INIT, 0, new byte[4], new InitFrame(NOTHING).toFrame());
    }

    @Test
    void malformedFramesAreRefused() {
        assertThrows(ProtocolException.class, () -> StopFrame.from(new Frame(FrameTypes.POOL_STOP, 0, new byte[1])));
        assertThrows(ProtocolException.class, () -> ReadyFrame.from(new Frame(FrameTypes.POOL_READY, 0, new byte[1])));
        assertThrows(ProtocolException.class, () -> ForgetFrame.from(new Frame(FrameTypes.POOL_FORGET, 1, new byte[8])));
        assertThrows(ProtocolException.class, () -> StartedFrame.from(new Frame(FrameTypes.POOL_STARTED, 1, new byte[3])));
        assertThrows(ProtocolException.class, () -> StartedFrame.from(new Frame(FrameTypes.POOL_STARTED, 1, new byte[5])));
        assertThrows(ProtocolException.class, () -> InitFrame.from(new Frame(FrameTypes.POOL_INIT, 0,
                ByteBuffer.allocate(6).putInt(3).array())));
        assertThrows(ProtocolException.class, () -> InitFailedFrame.from(new Frame(FrameTypes.POOL_INIT_FAILED, 0,
                new byte[2])));
        assertThrows(ProtocolException.class, () -> ChunkFailedFrame.from(new Frame(FrameTypes.POOL_CHUNK_FAILED, 1,
                new byte[7])));
        assertThrows(ProtocolException.class, () -> ResultFrame.from(new Frame(FrameTypes.POOL_RESULT, 1,
                ByteBuffer.allocate(12).putInt(0).putInt(Integer.MAX_VALUE).array())), "a count the bytes cannot hold");
        assertThrows(ProtocolException.class, () -> ResultFrame.from(new Frame(FrameTypes.POOL_RESULT, 1,
                ByteBuffer.allocate(12).putInt(0).putInt(-1).array())), "a negative count");
        assertThrows(ProtocolException.class, () -> ResultFrame.from(new Frame(FrameTypes.POOL_RESULT, 1,
                ByteBuffer.allocate(14).putInt(0).putInt(1).putInt(3).putShort((short) 0).array())),
                "a result longer than the bytes left");
        assertThrows(ProtocolException.class, () -> ResultFrame.from(new Frame(FrameTypes.POOL_RESULT, 1,
                ByteBuffer.allocate(14).putInt(0).putInt(1).putInt(1).putShort((short) 0).array())),
                "bytes after the last result");
        assertThrows(ProtocolException.class, () -> ResultFrame.from(new Frame(FrameTypes.POOL_RESULT, 1,
                ByteBuffer.allocate(16).putInt(0).putInt(1).putInt(9).array())), "a result longer than the frame");
    }
}
