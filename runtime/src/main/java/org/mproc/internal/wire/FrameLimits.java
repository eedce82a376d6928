package org.mproc.internal.wire;

/** The hard maxima the wire enforces, read once from system properties. */
public final class FrameLimits {
    /** Default largest payload: 64 MiB, overridable with {@code -Dmproc.maxFrame=<bytes>}. */
    public static final int DEFAULT_MAX_FRAME = 64 << 20;

    /** Handshake frames carry 32-byte challenges and digests; anything longer is an attack or noise. */
    public static final int HANDSHAKE_MAX_FRAME = 64;

    private static final int MAX_FRAME = Integer.getInteger("mproc.maxFrame", DEFAULT_MAX_FRAME);

    private FrameLimits() {}

    public static int maxFrame() {
        return MAX_FRAME;
    }
}
