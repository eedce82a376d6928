package org.mproc.internal.wire;

/**
 * The first frame a child sends after the handshake: which launch it is.
 *
 * <pre>
 *   HELLO 0x05   +----------------------+----------------------+
 *                | token (long)         | pid (long)           |
 *                | from the bootstrap   | the child's own pid  |
 *                +----------------------+----------------------+
 *
 *   CLIENT_HELLO 0x09  | byte service |  a process of the tree that comes to use objects this
 *                      process hosts, rather than a child this process launched: service 1 queues,
 *                      2 a manager's shared objects
 * </pre>
 */
public record HelloFrame(long token, long pid) {
    public Frame toFrame() {
        return Frame.of(FrameTypes.HELLO, new WireData.Out().i64(token).i64(pid).toByteArray());
    }

    /** The services a CLIENT_HELLO may ask for. */
    public static final byte QUEUES = 1;
    public static final byte MANAGER = 2;

    public static Frame client(byte service) {
        return Frame.of(FrameTypes.CLIENT_HELLO, new byte[] {service});
    }

    /** The service a CLIENT_HELLO asks for. */
    public static byte service(Frame frame) throws ProtocolException {
        if (frame.payload().length != 1) {
            throw new ProtocolException("CLIENT_HELLO must name one service, got " + frame.payload().length + " bytes");
        }
        return frame.payload()[0];
    }

    public static HelloFrame from(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        HelloFrame hello = new HelloFrame(in.i64(), in.i64());
        in.end();
        return hello;
    }
}
