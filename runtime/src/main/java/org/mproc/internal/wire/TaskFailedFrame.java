package org.mproc.internal.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Child to parent: the task's uncaught exception, both as serialized bytes (empty when it could not
 * be serialized) and as text, so the parent can build a stand-in when the bytes are useless.
 *
 * <pre>
 *   TASK_FAILED 0x07
 *   +-------+-----------------+-------------+-------------+---------+---------------------------+
 *   | int n | n bytes: the    | string:     | string:     | int f   | f frames, each:           |
 *   |       | exception, Codec| class name  | message or  |         | string class, string      |
 *   |       | (n = 0: none)   |             | null (−1)   |         | method, string file, int  |
 *   |       |                 |             |             |         | line                      |
 *   +-------+-----------------+-------------+-------------+---------+---------------------------+
 *   string = int length | UTF-8 bytes (length −1: null)
 * </pre>
 */
public record TaskFailedFrame(byte[] serialized, String className, String message, StackTraceElement[] frames) {
    private static final int MAX_FRAMES = 4096;

    /** Describes {@code failure}, whose own methods may throw: user code can override them. */
    public static TaskFailedFrame describe(Throwable failure, byte[] serialized) {
        String message;
        try {
            message = failure.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            message = "(its getMessage() threw " + e.getClass().getName() + ")";
        }
        StackTraceElement[] frames;
        try {
            frames = failure.getStackTrace();
        } catch (RuntimeException | StackOverflowError e) {
            frames = new StackTraceElement[0];
        }
        return new TaskFailedFrame(serialized, failure.getClass().getName(), message, frames);
    }

    public Frame toFrame() {
        WireData.Out out = new WireData.Out().block(serialized).string(className).string(message);
        int count = Math.min(frames.length, MAX_FRAMES);
        out.i32(count);
        for (int i = 0; i < count; i++) {
            StackTraceElement e = frames[i];
            out.string(e.getClassName()).string(e.getMethodName()).string(e.getFileName()).i32(e.getLineNumber());
        }
        return Frame.of(FrameTypes.TASK_FAILED, out.toByteArray());
    }

    public static TaskFailedFrame from(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        byte[] serialized = in.block();
        String className = in.string();
        String message = in.string();
        int count = in.i32();
        if (count < 0 || count > MAX_FRAMES) {
            throw new ProtocolException("TASK_FAILED announces " + count + " stack frames");
        }
        List<StackTraceElement> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String declaring = in.string();
            String method = in.string();
            String file = in.string();
            int line = in.i32();
            if (declaring == null || method == null) {
                throw new ProtocolException("TASK_FAILED has a stack frame without class or method");
            }
            frames.add(new StackTraceElement(declaring, method, file, line));
        }
        in.end();
        if (className == null) {
            throw new ProtocolException("TASK_FAILED without a class name");
        }
        return new TaskFailedFrame(serialized, className, message, frames.toArray(new StackTraceElement[0]));
    }
}
