package org.mproc.internal.wire;

/**
 * The first frame on a connection from a process of the tree that comes to use objects this
 * process hosts, rather than a child this process launched (that one sends {@link HelloFrame}):
 * which service it wants.
 *
 * <pre>
 *   CLIENT_HELLO 0x09   (correlation id 0)
 *   0         1
 *   +---------+
 *   | i8      |  service: QUEUES 1 (the queues this process hosts),
 *   | service |           MANAGER 2 (a manager's shared objects),
 *   |         |           PIPES 3 (one end of a pipe this process hosts)
 *   +---------+
 * </pre>
 */
public record ClientHelloFrame(byte service) {
    /** The services a CLIENT_HELLO may ask for. */
    public static final byte QUEUES = 1;
    public static final byte MANAGER = 2;
    public static final byte PIPES = 3;

    public Frame toFrame() {
        return Frame.of(FrameTypes.CLIENT_HELLO, new WireData.Out().i8(service).toByteArray());
    }

    public static ClientHelloFrame from(Frame frame) throws ProtocolException {
        if (frame.payload().length != 1) {
            throw new ProtocolException("CLIENT_HELLO must name one service, got " + frame.payload().length + " bytes");
        }
        WireData.In in = new WireData.In(frame);
        ClientHelloFrame hello = new ClientHelloFrame(in.i8());
        in.end();
        return hello;
    }
}
