package org.mproc.internal.pool;

import java.util.Arrays;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.WireData;

/**
 * The pool's small frames. Every pool frame's correlation id is the call id, where it has one.
 *
 * <pre>
 *   parent → worker
 *   POOL_INIT    0x10  | block initializer: the ProcessTask, encoded (length 0: none) |
 *   POOL_CHUNK   0x11  see {@link ChunkFrame}
 *   POOL_FORGET  0x12  (empty; correlation id = the function id the worker may drop)
 *   POOL_STOP    0x13  (empty) finish the chunk at hand, then exit 0
 *
 *   worker → parent
 *   POOL_READY       0x18  (empty) the initializer ran; chunks may come
 *   POOL_INIT_FAILED 0x19  | the TASK_FAILED layout ({@link TaskFailedFrame}): the initializer threw |
 *   POOL_STARTED     0x1A  | int chunkIndex |  (correlation id = call id)
 *   POOL_RESULT      0x1B  see {@link ResultFrame}
 *   POOL_CHUNK_FAILED 0x1C see {@link ChunkFailedFrame}
 *
 *   block = int length | length bytes
 * </pre>
 */
public final class PoolFrames {
    private PoolFrames() {}

    public static Frame init(byte[] initializer) {
        return Frame.of(FrameTypes.POOL_INIT, new WireData.Out().block(initializer).toByteArray());
    }

    public static byte[] initializer(Frame init) throws ProtocolException {
        WireData.In in = new WireData.In(init);
        byte[] task = in.block();
        in.end();
        return task;
    }

    public static Frame forget(long functionId) {
        return new Frame(FrameTypes.POOL_FORGET, functionId, new byte[0]);
    }

    public static Frame stop() {
        return Frame.of(FrameTypes.POOL_STOP, new byte[0]);
    }

    public static Frame ready() {
        return Frame.of(FrameTypes.POOL_READY, new byte[0]);
    }

    public static Frame initFailed(TaskFailedFrame failure) {
        return Frame.of(FrameTypes.POOL_INIT_FAILED, failure.toFrame().payload());
    }

    public static TaskFailedFrame initFailure(Frame frame) throws ProtocolException {
        return TaskFailedFrame.from(Frame.of(FrameTypes.TASK_FAILED, frame.payload()));
    }

    public static Frame started(long callId, int chunkIndex) {
        return new Frame(FrameTypes.POOL_STARTED, callId, new WireData.Out().i32(chunkIndex).toByteArray());
    }

    public static int startedChunk(Frame started) throws ProtocolException {
        WireData.In in = new WireData.In(started);
        int chunk = in.i32();
        in.end();
        return chunk;
    }

    /**
     * One chunk of a call: which call and chunk, the index of its first task in the call, the
     * function's id and — the first time this worker sees that id — its bytes, and the items.
     * Calls with byte-identical functions share an id, so a worker decodes a function once and
     * keeps it until the parent tells it to forget it.
     *
     * <pre>
     *   POOL_CHUNK 0x11  (correlation id = call id)
     *   +----------------+---------------+-----------------+-------------------------+----------------------+
     *   | int chunkIndex | int firstTask | long functionId | block function, encoded | block items: a List, |
     *   |                |               |                 | (length 0: already sent) | encoded by the Codec |
     *   +----------------+---------------+-----------------+-------------------------+----------------------+
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
     * A chunk's results, in the order of its items.
     *
     * <pre>
     *   POOL_RESULT 0x1B  (correlation id = call id)
     *   +----------------+------------------------------------------+
     *   | int chunkIndex | block results: a List, encoded by the Codec |
     *   +----------------+------------------------------------------+
     * </pre>
     */
    public record ResultFrame(long callId, int chunkIndex, byte[] results) {
        public Frame toFrame() {
            return new Frame(FrameTypes.POOL_RESULT, callId,
                    new WireData.Out().i32(chunkIndex).block(results).toByteArray());
        }

        public static ResultFrame from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            ResultFrame result = new ResultFrame(frame.correlationId(), in.i32(), in.block());
            in.end();
            return result;
        }
    }

    /**
     * A task of a chunk threw (or its results could not be encoded); the rest of the chunk was not run.
     *
     * <pre>
     *   POOL_CHUNK_FAILED 0x1C  (correlation id = call id)
     *   +----------------+---------------------------+-----------------------------------+
     *   | int chunkIndex | int taskIndex (in the call) | the TASK_FAILED layout            |
     *   +----------------+---------------------------+-----------------------------------+
     * </pre>
     */
    public record ChunkFailedFrame(long callId, int chunkIndex, int taskIndex, TaskFailedFrame failure) {
        public Frame toFrame() {
            byte[] head = new WireData.Out().i32(chunkIndex).i32(taskIndex).toByteArray();
            byte[] tail = failure.toFrame().payload();
            byte[] payload = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, payload, head.length, tail.length);
            return new Frame(FrameTypes.POOL_CHUNK_FAILED, callId, payload);
        }

        public static ChunkFailedFrame from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            int chunk = in.i32();
            int task = in.i32();
            byte[] rest = Arrays.copyOfRange(frame.payload(), 8, frame.payload().length);
            return new ChunkFailedFrame(frame.correlationId(), chunk, task,
                    TaskFailedFrame.from(Frame.of(FrameTypes.TASK_FAILED, rest)));
        }
    }
}
