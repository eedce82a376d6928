package org.mproc.internal.wire;

/**
 * One frame as it travels, header and payload:
 *
 * <pre>
 *   0               4     5                              13
 *   +---------------+-----+-------------------------------+------------------+
 *   | length (int)  |type | correlationId (long)          | payload          |
 *   | payload bytes |byte | matches a reply to its request| `length` bytes   |
 *   +---------------+-----+-------------------------------+------------------+
 * </pre>
 *
 * All integers are big-endian. {@code length} counts the payload only and never exceeds the
 * reader's limit ({@link FrameReader}); the header is {@value #HEADER_BYTES} bytes.
 */
public record Frame(byte type, long correlationId, byte[] payload) {
    public static final int HEADER_BYTES = 13;

    public Frame {
        if (payload == null) {
            throw new NullPointerException("payload");
        }
    }

    public static Frame of(byte type, byte[] payload) {
        return new Frame(type, 0L, payload);
    }

    @Override
    public String toString() {
        return FrameTypes.name(type) + "#" + correlationId + "[" + payload.length + " bytes]";
    }
}
