package org.mproc.internal.wire;

/**
 * The one table of frame type bytes. Ranges: 0x00–0x0F handshake and control, 0x10–0x2F pool,
 * 0x30–0x4F queue, 0x50–0x5F manager,
 * 0x60–0x6F pipe. A byte not listed here is a protocol error.
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
    public static final byte CLIENT_HELLO = 0x09;

    // Pool: parent to worker.
    public static final byte POOL_INIT = 0x10;
    public static final byte POOL_CHUNK = 0x11;
    public static final byte POOL_FORGET = 0x12;
    public static final byte POOL_STOP = 0x13;
    // Pool: worker to parent.
    public static final byte POOL_READY = 0x18;
    public static final byte POOL_INIT_FAILED = 0x19;
    public static final byte POOL_STARTED = 0x1A;
    public static final byte POOL_RESULT = 0x1B;
    public static final byte POOL_CHUNK_FAILED = 0x1C;

    // Queue (0x30–0x4F), see QueueFrames: client → host requests, then host → client.
    public static final byte QUEUE_OPEN = 0x30;
    public static final byte QUEUE_PUT = 0x31;
    public static final byte QUEUE_TAKE = 0x32;
    public static final byte QUEUE_CREDIT = 0x33;
    public static final byte QUEUE_CANCEL = 0x34;
    public static final byte QUEUE_CLOSE = 0x35;
    public static final byte QUEUE_CLOSING_ACK = 0x36;
    public static final byte QUEUE_SIZE = 0x37;
    public static final byte QUEUE_TASK_DONE = 0x38;
    public static final byte QUEUE_JOIN = 0x39;
    public static final byte QUEUE_CLAIMED = 0x3A;
    public static final byte QUEUE_CREDIT_RETURN = 0x3B;
    public static final byte QUEUE_PRODUCE = 0x3C;
    public static final byte QUEUE_REPLY = 0x40;
    public static final byte QUEUE_CLOSING = 0x41;
    public static final byte QUEUE_CREDIT_RECALL = 0x42;

    // Manager (0x50–0x5F), see ManagerFrames.
    public static final byte MGR_CREATE = 0x50;
    public static final byte MGR_CALL = 0x51;
    public static final byte MGR_CANCEL = 0x52;
    public static final byte MGR_SHUTDOWN = 0x53;
    public static final byte MGR_REPLY = 0x58;

    // Pipe (0x60–0x6F), see PipeFrames: an end's process → the pipe's host, then host → end.
    public static final byte PIPE_CLAIM = 0x60;
    public static final byte PIPE_SEND = 0x61;
    public static final byte PIPE_RECEIVED = 0x62;
    public static final byte PIPE_CLOSE = 0x63;
    public static final byte PIPE_CLAIMED = 0x68;
    public static final byte PIPE_REFUSED = 0x69;
    public static final byte PIPE_VALUE = 0x6A;
    public static final byte PIPE_ROOM = 0x6B;
    public static final byte PIPE_EOF = 0x6C;

    private FrameTypes() {}

    public static boolean isKnown(byte type) {
        return (type >= CHALLENGE && type <= CLIENT_HELLO) || (type >= POOL_INIT && type <= POOL_STOP)
                || (type >= POOL_READY && type <= POOL_CHUNK_FAILED) || (type >= QUEUE_OPEN && type <= QUEUE_PRODUCE)
                || (type >= QUEUE_REPLY && type <= QUEUE_CREDIT_RECALL) || (type >= MGR_CREATE && type <= MGR_SHUTDOWN)
                || type == MGR_REPLY || (type >= PIPE_CLAIM && type <= PIPE_CLOSE)
                || (type >= PIPE_CLAIMED && type <= PIPE_EOF);
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
            case CLIENT_HELLO: return "CLIENT_HELLO";
            case POOL_INIT: return "POOL_INIT";
            case POOL_CHUNK: return "POOL_CHUNK";
            case POOL_FORGET: return "POOL_FORGET";
            case POOL_STOP: return "POOL_STOP";
            case POOL_READY: return "POOL_READY";
            case POOL_INIT_FAILED: return "POOL_INIT_FAILED";
            case POOL_STARTED: return "POOL_STARTED";
            case POOL_RESULT: return "POOL_RESULT";
            case POOL_CHUNK_FAILED: return "POOL_CHUNK_FAILED";
            case QUEUE_OPEN: return "QUEUE_OPEN";
            case QUEUE_PUT: return "QUEUE_PUT";
            case QUEUE_TAKE: return "QUEUE_TAKE";
            case QUEUE_CREDIT: return "QUEUE_CREDIT";
            case QUEUE_CANCEL: return "QUEUE_CANCEL";
            case QUEUE_CLOSE: return "QUEUE_CLOSE";
            case QUEUE_CLOSING_ACK: return "QUEUE_CLOSING_ACK";
            case QUEUE_SIZE: return "QUEUE_SIZE";
            case QUEUE_TASK_DONE: return "QUEUE_TASK_DONE";
            case QUEUE_JOIN: return "QUEUE_JOIN";
            case QUEUE_CLAIMED: return "QUEUE_CLAIMED";
            case QUEUE_CREDIT_RETURN: return "QUEUE_CREDIT_RETURN";
            case QUEUE_PRODUCE: return "QUEUE_PRODUCE";
            case QUEUE_REPLY: return "QUEUE_REPLY";
            case QUEUE_CLOSING: return "QUEUE_CLOSING";
            case QUEUE_CREDIT_RECALL: return "QUEUE_CREDIT_RECALL";
            case MGR_CREATE: return "MGR_CREATE";
            case MGR_CALL: return "MGR_CALL";
            case MGR_CANCEL: return "MGR_CANCEL";
            case MGR_SHUTDOWN: return "MGR_SHUTDOWN";
            case MGR_REPLY: return "MGR_REPLY";
            case PIPE_CLAIM: return "PIPE_CLAIM";
            case PIPE_SEND: return "PIPE_SEND";
            case PIPE_RECEIVED: return "PIPE_RECEIVED";
            case PIPE_CLOSE: return "PIPE_CLOSE";
            case PIPE_CLAIMED: return "PIPE_CLAIMED";
            case PIPE_REFUSED: return "PIPE_REFUSED";
            case PIPE_VALUE: return "PIPE_VALUE";
            case PIPE_ROOM: return "PIPE_ROOM";
            case PIPE_EOF: return "PIPE_EOF";
            default: return String.format("0x%02x", type);
        }
    }
}
