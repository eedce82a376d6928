package org.mproc.internal.wire;

/**
 * Child to parent, from the child's fused shutdown hook: "this exit is orderly" — the JVM is
 * leaving through {@code System.exit} or the end of {@code main}, not a signal or {@code halt}.
 * The exit value itself comes from the operating system.
 *
 * <pre>
 *   EXIT 0x08   (empty payload; correlation id 0)
 * </pre>
 */
public record ExitFrame() {
    public Frame toFrame() {
        return Frame.of(FrameTypes.EXIT, new byte[0]);
    }

    public static ExitFrame from(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        in.end();
        return new ExitFrame();
    }
}
