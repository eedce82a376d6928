package org.mproc.wire;

/**
 * The one table of frame type bytes. Ranges: 0x00–0x0F handshake and control, 0x10–0x2F pool,
 * 0x30–0x4F queue, 0x50–0x6F manager. A byte not listed here is a protocol error.
 */
public final class FrameTypes {
    // Handshake: raw bytes only, accepted before authentication.
    public static final byte CHALLENGE = 0x01;
    public static final byte RESPONSE = 0x02;
    public static final byte WELCOME = 0x03;
    public static final byte FAILURE = 0x04;

    // Control: after authentication.
    public static final byte HELLO = 0x05;
    public static final byte RUN_TASK = 0x06;
    public static final byte TASK_FAILED = 0x07;
    public static final byte EXIT = 0x08;

    private FrameTypes() {}

    /** True for the types a peer may send before it has authenticated. */
    public static boolean isHandshake(byte type) {
        return type >= CHALLENGE && type <= FAILURE;
    }

    public static boolean isKnown(byte type) {
        return type >= CHALLENGE && type <= EXIT;
    }

    public static String name(byte type) {
        switch (type) {
            case CHALLENGE: return "CHALLENGE";
            case RESPONSE: return "RESPONSE";
            case WELCOME: return "WELCOME";
            case FAILURE: return "FAILURE";
            case HELLO: return "HELLO";
            case RUN_TASK: return "RUN_TASK";
            case TASK_FAILED: return "TASK_FAILED";
            case EXIT: return "EXIT";
            default: return String.format("0x%02x", type);
        }
    }
}
