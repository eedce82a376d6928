package org.mproc.wire;

/**
 * The first frame a child sends after the handshake: which launch it is.
 *
 * <pre>
 *   HELLO 0x05   +----------------------+----------------------+
 *                | token (long)         | pid (long)           |
 *                | from the bootstrap   | the child's own pid  |
 *                +----------------------+----------------------+
 *
 *   CLIENT_HELLO 0x09  (empty) a process of the tree that comes to use an object this process
 *                      hosts (a queue), rather than a child this process launched
 * </pre>
 */
public record HelloFrame(long token, long pid) {
    public Frame toFrame() {
        return Frame.of(FrameTypes.HELLO, new WireData.Out().i64(token).i64(pid).toByteArray());
    }

    public static Frame client() {
        return Frame.of(FrameTypes.CLIENT_HELLO, new byte[0]);
    }

    public static HelloFrame from(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        HelloFrame hello = new HelloFrame(in.i64(), in.i64());
        in.end();
        return hello;
    }
}
