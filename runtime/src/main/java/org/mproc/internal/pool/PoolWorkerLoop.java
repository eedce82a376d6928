package org.mproc.internal.pool;

import java.io.IOException;
import java.io.NotSerializableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mproc.ProcessFunction;
import org.mproc.ProcessTask;
import org.mproc.internal.pool.PoolFrames.ChunkFailedFrame;
import org.mproc.internal.pool.PoolFrames.ChunkFrame;
import org.mproc.internal.pool.PoolFrames.ForgetFrame;
import org.mproc.internal.pool.PoolFrames.InitFailedFrame;
import org.mproc.internal.pool.PoolFrames.InitFrame;
import org.mproc.internal.pool.PoolFrames.ReadyFrame;
import org.mproc.internal.pool.PoolFrames.ResultFrame;
import org.mproc.internal.pool.PoolFrames.StartedFrame;
import org.mproc.internal.pool.PoolFrames.StopFrame;
import org.mproc.internal.spawn.JvmCommand;
import org.mproc.internal.spawn.ParentWatch;
import org.mproc.internal.spawn.WorkerMain;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.codec.Codec;
import org.mproc.internal.wire.codec.EncodedValues;

/**
 * A pool worker's life: run the initializer once, then chunks one at a time until told to stop.
 * The main thread reads the parent's frames itself, so while a chunk runs no thread of this JVM is
 * blocked in a native read: a task that calls {@code Runtime.halt} then ends the JVM at once
 * (HotSpot's exit waits up to ~300 ms for threads in native code). Between chunks the read sees
 * the parent's death as end of stream; during a chunk a {@link ParentWatch} sees it
 * (G-PROC-7). The parent never sends a large chunk to a busy worker (see {@code PoolEngine}), so its
 * writes never wait for a chunk to finish. A task that throws — {@link StackOverflowError}
 * included — fails its chunk and the worker lives on.
 */
public final class PoolWorkerLoop implements WorkerMain.Body {
    /**
     * Test-only: {@code -Dmproc.testing.taskDelayMicros=<µs>} makes every task wait that long, on
     * the CPU, before it runs — a known slowdown with which {@code scripts/gate} is shown to flag
     * what it should. A parent that has it passes it to its children ({@link JvmCommand}).
     */
    private static final long TASK_DELAY_NANOS =
            Math.max(0, Long.getLong(JvmCommand.TASK_DELAY_PROPERTY, 0)) * 1_000L;

    private final Connection parent;
    private final Map<Long, ProcessFunction<Object, Object>> functions = new HashMap<>();
    private final Codec codec = Codec.standard();

    public PoolWorkerLoop(Connection parent) {
        this.parent = parent;
    }

    /** Runs until POOL_STOP; returns the exit code. */
    @Override
    public int run() throws IOException {
        ParentWatch.begin();
        while (true) {
            Frame frame = parent.read();
            if (frame == null) {
                Runtime.getRuntime().halt(1); // the parent died: no orphan workers (G-PROC-7)
            }
            switch (frame.type()) {
                case FrameTypes.POOL_INIT:
                    if (!initialize(InitFrame.from(frame).initializer())) {
                        return 1;
                    }
                    break;
                case FrameTypes.POOL_CHUNK:
                    runChunk(ChunkFrame.from(frame));
                    break;
                case FrameTypes.POOL_FORGET:
                    functions.remove(ForgetFrame.from(frame).functionId());
                    break;
                case FrameTypes.POOL_STOP:
                    StopFrame.from(frame);
                    return 0;
                default:
                    throw new IOException("a pool worker cannot handle " + frame);
            }
        }
    }

    private boolean initialize(byte[] initializer) throws IOException {
        if (initializer.length > 0) {
            try {
                ((ProcessTask) codec.decode(initializer)).run();
            } catch (Throwable t) {
                System.err.println("Pool worker initializer failed:");
                t.printStackTrace();
                parent.send(new InitFailedFrame(describe(t)).toFrame());
                return false;
            }
        }
        parent.send(new ReadyFrame().toFrame());
        return true;
    }

    @SuppressWarnings("unchecked")
    private void runChunk(ChunkFrame chunk) throws IOException {
        parent.send(new StartedFrame(chunk.callId(), chunk.chunkIndex()).toFrame());
        List<Object> items;
        ProcessFunction<Object, Object> function;
        try {
            function = functions.get(chunk.functionId());
            if (function == null) {
                function = (ProcessFunction<Object, Object>) codec.decode(chunk.function());
                functions.put(chunk.functionId(), function);
            }
            items = (List<Object>) codec.decode(chunk.items());
        } catch (Throwable t) {
            fail(chunk, chunk.firstTask(), t);
            return;
        }
        EncodedValues results = new EncodedValues();
        for (int i = 0; i < items.size(); i++) {
            int task = chunk.firstTask() + i;
            Object value;
            delayForTesting();
            try {
                value = function.apply(items.get(i));
            } catch (Throwable t) {
                fail(chunk, task, t);
                return;
            }
            try {
                results.add(value); // now, so the chunk holds bytes, not every result
            } catch (IOException | RuntimeException | StackOverflowError e) {
                fail(chunk, task, unencodable(task, value, e));
                return;
            }
        }
        parent.send(new ResultFrame(chunk.callId(), chunk.chunkIndex(), results).toFrame());
    }

    private static void delayForTesting() {
        if (TASK_DELAY_NANOS > 0) {
            long end = System.nanoTime() + TASK_DELAY_NANOS;
            while (System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
        }
    }

    private static NotSerializableException unencodable(int task, Object value, Throwable e) {
        String reason = e instanceof StackOverflowError ? "it is nested too deeply to write"
                : e instanceof NotSerializableException ? e.getMessage() + " is not Serializable" : e.toString();
        return new NotSerializableException("the result of task " + task + " (a "
                + (value == null ? "null" : value.getClass().getName()) + ") cannot be serialized: " + reason);
    }

    private void fail(ChunkFrame chunk, int taskIndex, Throwable t) throws IOException {
        parent.send(new ChunkFailedFrame(chunk.callId(), chunk.chunkIndex(), taskIndex, describe(t)).toFrame());
    }

    private TaskFailedFrame describe(Throwable t) {
        byte[] serialized;
        try {
            serialized = codec.encode(t);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            serialized = new byte[0]; // the parent builds a RemoteTraceback from the text
        }
        return TaskFailedFrame.describe(t, serialized);
    }

}
