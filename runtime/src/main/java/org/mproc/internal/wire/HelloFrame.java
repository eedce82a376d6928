package org.mproc.internal.wire;

/**
 * The first frame a child sends after the handshake: which launch it is. (A process that comes as
 * a client of this one's services sends {@link ClientHelloFrame} instead.)
 *
 * <pre>
 *   HELLO 0x05   (correlation id 0)
 *   0                      8                      16
 *   +----------------------+----------------------+
 *   | i64 token            | i64 pid              |
 *   | from the bootstrap   | the child's own pid  |
 *   +----------------------+----------------------+
 * </pre>
 */
public record HelloFrame(long token, long pid) {
    public Frame toFrame() {
        return Frame.of(FrameTypes.HELLO, new WireData.Out().i64(token).i64(pid).toByteArray());
    }

    public static HelloFrame from(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        HelloFrame hello = new HelloFrame(in.i64(), in.i64());
        in.end();
        return hello;
    }
}
