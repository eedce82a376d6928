package org.mproc.internal.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;

/**
 * The pipe's records: each writes exactly the bytes its Javadoc draws (built here with
 * {@link ByteBuffer}, not {@code WireData}), reads them back, and refuses bytes that are not its
 * shape.
 */
class PipeFramesTest {
    private static final byte[] NOTHING = new byte[0];

    private static byte[] text(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
    }

    private static byte[] counter(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    private static void assertFrame(byte type, byte[] payload, Frame frame) {
        assertEquals(type, frame.type(), frame::toString);
        assertEquals(0L, frame.correlationId());
        assertArrayEquals(payload, frame.payload());
    }

    @Test
    void everyRecordWritesTheBytesItsDiagramDrawsAndReadsThemBack() throws ProtocolException {
        byte[] claim = ByteBuffer.allocate(17).putLong(7).put((byte) 1).putLong(4242).array();
        assertFrame(FrameTypes.PIPE_CLAIM, claim, new PipeFrames.Claim(7, 1, 4242).toFrame());
        assertEquals(new PipeFrames.Claim(7, 1, 4242), PipeFrames.Claim.from(Frame.of(FrameTypes.PIPE_CLAIM, claim)));

        byte[] value = {0x0D, 42};
        assertFrame(FrameTypes.PIPE_SEND, value, new PipeFrames.Send(value).toFrame());
        assertArrayEquals(value, PipeFrames.Send.from(Frame.of(FrameTypes.PIPE_SEND, value)).value());
        assertFrame(FrameTypes.PIPE_VALUE, value, new PipeFrames.Value(value).toFrame());
        assertArrayEquals(value, PipeFrames.Value.from(Frame.of(FrameTypes.PIPE_VALUE, value)).value());

        assertFrame(FrameTypes.PIPE_RECEIVED, counter(1 << 20), new PipeFrames.Received(1 << 20).toFrame());
        assertEquals(1 << 20, PipeFrames.Received.from(Frame.of(FrameTypes.PIPE_RECEIVED, counter(1 << 20))).received());
        assertFrame(FrameTypes.PIPE_ROOM, counter(99), new PipeFrames.Room(99).toFrame());
        assertEquals(99, PipeFrames.Room.from(Frame.of(FrameTypes.PIPE_ROOM, counter(99))).received());

        assertFrame(FrameTypes.PIPE_CLOSE, NOTHING, new PipeFrames.Close().toFrame());
        PipeFrames.Close.from(Frame.of(FrameTypes.PIPE_CLOSE, NOTHING));
        assertFrame(FrameTypes.PIPE_CLAIMED, NOTHING, new PipeFrames.Claimed().toFrame());
        PipeFrames.Claimed.from(Frame.of(FrameTypes.PIPE_CLAIMED, NOTHING));

        assertFrame(FrameTypes.PIPE_REFUSED, text("used by process 1 ü"), new PipeFrames.Refused("used by process 1 ü").toFrame());
        assertEquals("no", PipeFrames.Refused.from(Frame.of(FrameTypes.PIPE_REFUSED, text("no"))).why());
        assertFrame(FrameTypes.PIPE_EOF, text("closed"), new PipeFrames.Eof("closed").toFrame());
        assertEquals("closed", PipeFrames.Eof.from(Frame.of(FrameTypes.PIPE_EOF, text("closed"))).why());
    }

    @Test
    void bytesOfAnotherShapeAreAProtocolError() {
        byte[] claim = ByteBuffer.allocate(17).putLong(7).put((byte) 2).putLong(4242).array();
        assertThrows(ProtocolException.class, () -> PipeFrames.Claim.from(Frame.of(FrameTypes.PIPE_CLAIM, claim)),
                "side 2");
        assertThrows(ProtocolException.class, () -> PipeFrames.Claim.from(Frame.of(FrameTypes.PIPE_SEND, new byte[17])),
                "a claim must be a PIPE_CLAIM");
        assertThrows(ProtocolException.class, () -> PipeFrames.Claim.from(Frame.of(FrameTypes.PIPE_CLAIM, new byte[16])),
                "truncated");
        assertThrows(ProtocolException.class, () -> PipeFrames.Claim.from(Frame.of(FrameTypes.PIPE_CLAIM, new byte[18])),
                "trailing byte");
        assertThrows(ProtocolException.class, () -> PipeFrames.Send.from(Frame.of(FrameTypes.PIPE_SEND, NOTHING)),
                "a value has at least one byte");
        assertThrows(ProtocolException.class, () -> PipeFrames.Value.from(Frame.of(FrameTypes.PIPE_VALUE, NOTHING)));
        assertThrows(ProtocolException.class,
                () -> PipeFrames.Received.from(Frame.of(FrameTypes.PIPE_RECEIVED, counter(-1))), "negative count");
        assertThrows(ProtocolException.class,
                () -> PipeFrames.Room.from(Frame.of(FrameTypes.PIPE_ROOM, new byte[9])), "trailing byte");
        assertThrows(ProtocolException.class, () -> PipeFrames.Close.from(Frame.of(FrameTypes.PIPE_CLOSE, new byte[1])));
        assertThrows(ProtocolException.class, () -> PipeFrames.Claimed.from(Frame.of(FrameTypes.PIPE_CLAIMED, new byte[1])));
        assertThrows(ProtocolException.class,
                () -> PipeFrames.Eof.from(Frame.of(FrameTypes.PIPE_EOF, ByteBuffer.allocate(4).putInt(5).array())),
                "a text longer than its payload");
    }
}
