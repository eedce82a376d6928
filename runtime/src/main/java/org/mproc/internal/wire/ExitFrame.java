package org.mproc.internal.wire;

/**
 * Child to parent, from the child's fused shutdown hook: "this exit is orderly" — the JVM is
 * leaving through {@code System.exit} or the end of {@code main}, not a signal or {@code halt}.
 * The exit value itself comes from the operating system.
 *
 * <pre>
 *   EXIT 0x08   (empty payload)
 * </pre>
 */
public final class ExitFrame {
    private ExitFrame() {}

    public static Frame frame() {
        return Frame.of(FrameTypes.EXIT, new byte[0]);
    }
}
