package org.mproc.internal.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.WireData;
import org.mproc.internal.wire.codec.EncodedValues;

/**
 * The pool's frames, one record each; every record draws its payload. A frame's correlation id is
 * the call id where it has one (the function id for {@code POOL_FORGET}), else 0.
 *
 * <pre>
 *   parent → worker                         worker → parent
 *   POOL_INIT    0x10  {@link InitFrame}          POOL_READY        0x18  {@link ReadyFrame}
 *   POOL_CHUNK   0x11  {@link ChunkFrame}         POOL_INIT_FAILED  0x19  {@link InitFailedFrame}
 *   POOL_FORGET  0x12  {@link ForgetFrame}        POOL_STARTED      0x1A  {@link StartedFrame}
 *   POOL_STOP    0x13  {@link StopFrame}          POOL_RESULT       0x1B  {@link ResultFrame}
 *                                           POOL_CHUNK_FAILED 0x1C  {@link ChunkFailedFrame}
 *
 *   i32, i64: big-endian 4- and 8-byte integers (WireData)
 * </pre>
 */
public final class PoolFrames {
    private PoolFrames() {}

    /**
     * The first frame a worker gets: the pool's initializer, which it runs once before any chunk.
     *
     * <pre>
     *   POOL_INIT 0x10   (correlation id 0)
     *   0       4
     *   +-------+--------------------------------------------------+
     *   | i32 n | n bytes: the initializer, a ProcessTask encoded  |
     *   |       | by the Codec (n = 0: the pool has none)          |
     *   +-------+--------------------------------------------------+
     * </pre>
     */
    public record InitFrame(byte[] initializer) {
        public Frame toFrame() {
            return Frame.of(FrameTypes.POOL_INIT, new WireData.Out().block(initializer).toByteArray());
        }

        public static InitFrame from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            InitFrame init = new InitFrame(in.block());
            in.end();
            return init;
        }
    }

    /**
     * One chunk of a call: which call and chunk, the index of its first task in the call, the
     * function's id and — the first time this worker sees that id — its bytes, and the items.
     * Calls with byte-identical functions share an id, so a worker decodes a function once and
     * keeps it until the parent tells it to forget it ({@link ForgetFrame}).
     *
     * <pre>
     *   POOL_CHUNK 0x11   (correlation id = call id)
     *   0            4           8            16      20                   20+f    24+f
     *   +------------+-----------+------------+-------+--------------------+-------+---------------------+
     *   | i32        | i32       | i64        | i32 f | f bytes: the       | i32 n | n bytes: the items, |
     *   | chunkIndex | firstTask | functionId |       | function, encoded  |       | a List encoded by   |
     *   |            | (in the   |            |       | (f = 0: this worker|       | the Codec           |
     *   |            | call)     |            |       | has it already)    |       |                     |
     *   +------------+-----------+------------+-------+--------------------+-------+---------------------+
     * </pre>
     */
    public record ChunkFrame(long callId, int chunkIndex, int firstTask, long functionId, byte[] function,
                             byte[] items) {
        public Frame toFrame() {
            return new Frame(FrameTypes.POOL_CHUNK, callId, new WireData.Out().i32(chunkIndex).i32(firstTask)
                    .i64(functionId).block(function).block(items).toByteArray());
        }

        public static ChunkFrame from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            ChunkFrame chunk = new ChunkFrame(frame.correlationId(), in.i32(), in.i32(), in.i64(), in.block(),
                    in.block());
            in.end();
            return chunk;
        }

        @Override
        public String toString() {
            return "chunk " + chunkIndex + " of call " + callId;
        }
    }

    /**
     * The worker may drop a function it keeps: the parent remembers only so many per worker and
     * sends the function's bytes again if a later chunk needs it.
     *
     * <pre>
     *   POOL_FORGET 0x12   (correlation id = the function id to drop)
     *   (empty payload)
     * </pre>
     */
    public record ForgetFrame(long functionId) {
        public Frame toFrame() {
            return new Frame(FrameTypes.POOL_FORGET, functionId, new byte[0]);
        }

        public static ForgetFrame from(Frame frame) throws ProtocolException {
            new WireData.In(frame).end();
            return new ForgetFrame(frame.correlationId());
        }
    }

    /**
     * Finish the chunk at hand, then exit 0.
     *
     * <pre>
     *   POOL_STOP 0x13   (correlation id 0)
     *   (empty payload)
     * </pre>
     */
    public record StopFrame() {
        public Frame toFrame() {
            return Frame.of(FrameTypes.POOL_STOP, new byte[0]);
        }

        public static StopFrame from(Frame frame) throws ProtocolException {
            new WireData.In(frame).end();
            return new StopFrame();
        }
    }

    /**
     * The initializer ran (or there was none): chunks may come.
     *
     * <pre>
     *   POOL_READY 0x18   (correlation id 0)
     *   (empty payload)
     * </pre>
     */
    public record ReadyFrame() {
        public Frame toFrame() {
            return Frame.of(FrameTypes.POOL_READY, new byte[0]);
        }

        public static ReadyFrame from(Frame frame) throws ProtocolException {
            new WireData.In(frame).end();
            return new ReadyFrame();
        }
    }

    /**
     * The initializer threw; the worker exits 1 and the pool is broken.
     *
     * <pre>
     *   POOL_INIT_FAILED 0x19   (correlation id 0)
     *   0
     *   +--------------------------------------------------------------+
     *   | the whole TASK_FAILED payload, as TaskFailedFrame draws it   |
     *   +--------------------------------------------------------------+
     * </pre>
     *
     * @see TaskFailedFrame
     */
    public record InitFailedFrame(TaskFailedFrame failure) {
        public Frame toFrame() {
            return Frame.of(FrameTypes.POOL_INIT_FAILED, failure.toFrame().payload());
        }

        public static InitFailedFrame from(Frame frame) throws ProtocolException {
            return new InitFailedFrame(TaskFailedFrame.from(Frame.of(FrameTypes.TASK_FAILED, frame.payload())));
        }
    }

    /**
     * The worker began a chunk: if it dies now, that chunk's call fails rather than runs again.
     *
     * <pre>
     *   POOL_STARTED 0x1A   (correlation id = call id)
     *   0            4
     *   +------------+
     *   | i32        |
     *   | chunkIndex |
     *   +------------+
     * </pre>
     */
    public record StartedFrame(long callId, int chunkIndex) {
        public Frame toFrame() {
            return new Frame(FrameTypes.POOL_STARTED, callId, new WireData.Out().i32(chunkIndex).toByteArray());
        }

        public static StartedFrame from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            StartedFrame started = new StartedFrame(frame.correlationId(), in.i32());
            in.end();
            return started;
        }
    }

    /**
     * A chunk's results, in the order of its items, each encoded alone: a result that needs JDK
     * serialization does not drag the others with it, the worker holds bytes rather than results
     * while the chunk runs, and results share no objects with each other.
     *
     * <pre>
     *   POOL_RESULT 0x1B   (correlation id = call id)
     *   0            4       8        12
     *   +------------+-------+--------+--------------------------+--------+-----
     *   | i32        | i32 n | i32 r0 | r0 bytes: result 0,      | i32 r1 | ...  n results in all
     *   | chunkIndex |       |        | encoded by the Codec     |        |
     *   +------------+-------+--------+--------------------------+--------+-----
     * </pre>
     */
    public record ResultFrame(long callId, int chunkIndex, int count, byte[] blocks) {
        /** {@code blocks}: the n results as {@link EncodedValues} lays them out, from the length of r0 on. */
        public ResultFrame(long callId, int chunkIndex, EncodedValues results) {
            this(callId, chunkIndex, results.count(), results.toByteArray());
        }

        public Frame toFrame() {
            byte[] payload = new byte[8 + blocks.length]; // one copy of the results, not one per result
            ByteBuffer.wrap(payload).putInt(chunkIndex).putInt(count).put(blocks);
            return new Frame(FrameTypes.POOL_RESULT, callId, payload);
        }

        public static ResultFrame from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            int chunk = in.i32();
            int n = in.count(4);
            byte[] blocks = in.rest();
            String malformed = EncodedValues.malformed(blocks, 0, blocks.length, n);
            if (malformed != null) {
                throw new ProtocolException(FrameTypes.name(frame.type()) + ": " + malformed);
            }
            return new ResultFrame(frame.correlationId(), chunk, n, blocks);
        }

        /** The results, in order, each decoded alone. */
        public List<Object> decode() throws IOException, ClassNotFoundException {
            return EncodedValues.decode(blocks, 0, count);
        }
    }

    /**
     * A task of a chunk threw (or its results could not be encoded); the rest of the chunk was not run.
     *
     * <pre>
     *   POOL_CHUNK_FAILED 0x1C   (correlation id = call id)
     *   0            4           8
     *   +------------+-----------+------------------------------------------------+
     *   | i32        | i32       | the rest: the whole TASK_FAILED payload, as    |
     *   | chunkIndex | taskIndex | TaskFailedFrame draws it (no length prefix)    |
     *   |            | (in the   |                                                |
     *   |            | call)     |                                                |
     *   +------------+-----------+------------------------------------------------+
     * </pre>
     *
     * @see TaskFailedFrame
     */
    public record ChunkFailedFrame(long callId, int chunkIndex, int taskIndex, TaskFailedFrame failure) {
        public Frame toFrame() {
            return new Frame(FrameTypes.POOL_CHUNK_FAILED, callId, new WireData.Out().i32(chunkIndex).i32(taskIndex)
                    .raw(failure.toFrame().payload()).toByteArray());
        }

        public static ChunkFailedFrame from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            int chunk = in.i32();
            int task = in.i32();
            byte[] rest = in.rest();
            return new ChunkFailedFrame(frame.correlationId(), chunk, task,
                    TaskFailedFrame.from(Frame.of(FrameTypes.TASK_FAILED, rest)));
        }
    }
}
