package org.mproc.internal.wire;


/**
 * Parent to child: the process name and the serialized {@code ProcessTask} to run.
 *
 * <pre>
 *   RUN_TASK 0x06  +-----------+------------------+-----------+---------------------------+
 *                  | int n     | n bytes: name,   | int m     | m bytes: the task, encoded |
 *                  |           | UTF-8            |           | by the Codec               |
 *                  +-----------+------------------+-----------+---------------------------+
 * </pre>
 */
public record RunTaskFrame(String name, byte[] task) {
    public Frame toFrame() {
        return Frame.of(FrameTypes.RUN_TASK, new WireData.Out().string(name).block(task).toByteArray());
    }

    public static RunTaskFrame from(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        RunTaskFrame run = new RunTaskFrame(in.string(), in.block());
        in.end();
        return run;
    }
}
