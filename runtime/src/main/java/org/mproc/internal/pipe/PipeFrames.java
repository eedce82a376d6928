package org.mproc.internal.pipe;

import java.nio.charset.StandardCharsets;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

/**
 * The pipe's frames, one record per type. A process that uses an end of a pipe hosted elsewhere
 * opens a connection of its own for that end ({@code CLIENT_HELLO(3)}), claims the end with its
 * first frame, and from then on the connection is that end: no frame names a pipe again. The host
 * relays values and pushes them to the receiving end's process, which buffers them, so a
 * {@code recv} or {@code poll} waits in its own process and no request is ever parked on the host.
 *
 * <pre>
 *   end → host            payload                       host's answer
 *   PIPE_CLAIM    0x60    | i64 pipeId | i8 side | i64 pid |   PIPE_CLAIMED, or PIPE_REFUSED and the end of the connection
 *   PIPE_SEND     0x61    | raw: the encoded value |       none: relayed to the other end as PIPE_VALUE
 *   PIPE_RECEIVED 0x62    | i64 received |                 none: relayed to the other end as PIPE_ROOM
 *   PIPE_CLOSE    0x63    (empty)                          the host closes the connection
 *
 *   host → end
 *   PIPE_CLAIMED  0x68    (empty)                          the end is this connection's; values follow
 *   PIPE_REFUSED  0x69    | block: why, UTF-8 |            the end is another process's, or closed
 *   PIPE_VALUE    0x6A    | raw: the encoded value |       a value the other end sent, in its order
 *   PIPE_ROOM     0x6B    | i64 received |                 how much of what this end sent the other has received
 *   PIPE_EOF      0x6C    | block: why, UTF-8 |            the other end is closed: no value follows
 *
 *   side: 0 left, 1 right;  received: the cost (PipeWindow.cost) of every value received so far
 *   i8, i64: big-endian (WireData); block = i32 length | length bytes; raw runs to the payload's end
 * </pre>
 *
 * Every frame carries correlation id 0: the order of one connection is all the protocol needs.
 */
final class PipeFrames {
    private PipeFrames() {}

    /**
     * End to host, the connection's first frame after {@code CLIENT_HELLO}: this process uses
     * {@code side} of pipe {@code pipeId}.
     *
     * <pre>
     *   PIPE_CLAIM 0x60
     *   0              8         9              17
     *   +--------------+---------+--------------+
     *   | i64 pipeId   | i8 side | i64 pid      |
     *   +--------------+---------+--------------+
     * </pre>
     */
    record Claim(long pipeId, int side, long pid) {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_CLAIM,
                    new WireData.Out().i64(pipeId).i8((byte) side).i64(pid).toByteArray());
        }

        static Claim from(Frame frame) throws ProtocolException {
            expect(frame, FrameTypes.PIPE_CLAIM);
            WireData.In in = new WireData.In(frame);
            long pipeId = in.i64();
            int side = in.i8();
            long pid = in.i64();
            in.end();
            if (side != 0 && side != 1) {
                throw new ProtocolException("PIPE_CLAIM for side " + side + "; a pipe has sides 0 and 1");
            }
            return new Claim(pipeId, side, pid);
        }
    }

    /**
     * End to host: one value, as the sender encoded it; host to end, {@link Value}, the same bytes.
     *
     * <pre>
     *   PIPE_SEND 0x61
     *   0
     *   +------------------------------------+
     *   | raw: the encoded value (≥ 1 byte)  |
     *   +------------------------------------+
     * </pre>
     */
    record Send(byte[] value) {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_SEND, value);
        }

        static Send from(Frame frame) throws ProtocolException {
            return new Send(valueOf(frame));
        }
    }

    /**
     * End to host: this end has received values costing {@code received} in all
     * ({@link PipeWindow#cost}); the host tells the sender, whose window opens by as much.
     *
     * <pre>
     *   PIPE_RECEIVED 0x62
     *   0              8
     *   +--------------+
     *   | i64 received |
     *   +--------------+
     * </pre>
     */
    record Received(long received) {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_RECEIVED, new WireData.Out().i64(received).toByteArray());
        }

        static Received from(Frame frame) throws ProtocolException {
            return new Received(counter(frame));
        }
    }

    /**
     * End to host: this end is closed; the host answers by closing the connection.
     *
     * <pre>
     *   PIPE_CLOSE 0x63   (empty payload)
     * </pre>
     */
    record Close() {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_CLOSE, new byte[0]);
        }

        static Close from(Frame frame) throws ProtocolException {
            empty(frame);
            return new Close();
        }
    }

    /**
     * Host to end: the claim is granted; values for this end follow.
     *
     * <pre>
     *   PIPE_CLAIMED 0x68   (empty payload)
     * </pre>
     */
    record Claimed() {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_CLAIMED, new byte[0]);
        }

        static Claimed from(Frame frame) throws ProtocolException {
            empty(frame);
            return new Claimed();
        }
    }

    /**
     * Host to end: the claim is refused, and why (another process uses the end, or it is closed).
     *
     * <pre>
     *   PIPE_REFUSED 0x69
     *   0          4
     *   +----------+---------------------+
     *   | i32 n    | n bytes: why, UTF-8 |
     *   +----------+---------------------+
     * </pre>
     */
    record Refused(String why) {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_REFUSED, text(why));
        }

        static Refused from(Frame frame) throws ProtocolException {
            return new Refused(textOf(frame));
        }
    }

    /**
     * Host to end: a value the other end sent, its bytes as sent.
     *
     * <pre>
     *   PIPE_VALUE 0x6A
     *   0
     *   +------------------------------------+
     *   | raw: the encoded value (≥ 1 byte)  |
     *   +------------------------------------+
     * </pre>
     */
    record Value(byte[] value) {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_VALUE, value);
        }

        static Value from(Frame frame) throws ProtocolException {
            return new Value(valueOf(frame));
        }
    }

    /**
     * Host to end: the other end has received values costing {@code received} of what this end
     * sent (cumulative, never less than before).
     *
     * <pre>
     *   PIPE_ROOM 0x6B
     *   0              8
     *   +--------------+
     *   | i64 received |
     *   +--------------+
     * </pre>
     */
    record Room(long received) {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_ROOM, new WireData.Out().i64(received).toByteArray());
        }

        static Room from(Frame frame) throws ProtocolException {
            return new Room(counter(frame));
        }
    }

    /**
     * Host to end: the other end is closed (closed, or its process gone); no value follows.
     *
     * <pre>
     *   PIPE_EOF 0x6C
     *   0          4
     *   +----------+---------------------+
     *   | i32 n    | n bytes: why, UTF-8 |
     *   +----------+---------------------+
     * </pre>
     */
    record Eof(String why) {
        Frame toFrame() {
            return Frame.of(FrameTypes.PIPE_EOF, text(why));
        }

        static Eof from(Frame frame) throws ProtocolException {
            return new Eof(textOf(frame));
        }
    }

    private static void expect(Frame frame, byte type) throws ProtocolException {
        if (frame.type() != type) {
            throw new ProtocolException("expected " + FrameTypes.name(type) + ", got " + frame);
        }
    }

    private static byte[] valueOf(Frame frame) throws ProtocolException {
        if (frame.payload().length == 0) {
            throw new ProtocolException(FrameTypes.name(frame.type()) + " without a value");
        }
        return frame.payload();
    }

    private static long counter(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        long n = in.i64();
        in.end();
        if (n < 0) {
            throw new ProtocolException(FrameTypes.name(frame.type()) + " with a negative count " + n);
        }
        return n;
    }

    private static void empty(Frame frame) throws ProtocolException {
        if (frame.payload().length != 0) {
            throw new ProtocolException(FrameTypes.name(frame.type()) + " carries no payload, got "
                    + frame.payload().length + " bytes");
        }
    }

    private static byte[] text(String s) {
        return new WireData.Out().block(s.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    private static String textOf(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        String s = new String(in.block(), StandardCharsets.UTF_8);
        in.end();
        return s;
    }
}
