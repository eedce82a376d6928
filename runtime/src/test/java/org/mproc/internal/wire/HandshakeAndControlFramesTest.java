package org.mproc.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The handshake frames and the control frames that are records ({@link HelloFrame},
 * {@link ClientHelloFrame}, {@link ExitFrame}): each writes exactly the bytes its Javadoc draws
 * (built here with {@link ByteBuffer}), reads them back, and refuses what is not its shape.
 */
class HandshakeAndControlFramesTest {
    private static final byte[] NOTHING = new byte[0];

    private static void assertFrame(byte type, byte[] payload, Frame actual) {
        assertEquals(FrameTypes.name(type), FrameTypes.name(actual.type()));
        assertEquals(0, actual.correlationId());
        assertArrayEquals(payload, actual.payload(), FrameTypes.name(type));
    }

    @Test
    void handshakeFramesCarryTheirRawBytes() throws ProtocolException {
        byte[] nonce = new byte[HandshakeFrames.NONCE_BYTES];
        new Random(7).nextBytes(nonce);
        Frame challenge = new HandshakeFrames.Challenge(nonce).toFrame();
        assertFrame(FrameTypes.CHALLENGE, nonce, challenge);
        assertArrayEquals(nonce, HandshakeFrames.Challenge.from(challenge).nonce());

        byte[] digest = new Hmac(new byte[32]).sign(new byte[] {1}, nonce);
        Frame response = new HandshakeFrames.Response(digest).toFrame();
        assertFrame(FrameTypes.RESPONSE, digest, response);
        assertArrayEquals(digest, HandshakeFrames.Response.from(response).digest());

        assertFrame(FrameTypes.WELCOME, NOTHING, new HandshakeFrames.Welcome().toFrame());
        assertEquals(new HandshakeFrames.Welcome(), HandshakeFrames.Welcome.from(new HandshakeFrames.Welcome().toFrame()));
        assertFrame(FrameTypes.FAILURE, NOTHING, new HandshakeFrames.Failure().toFrame());
        assertEquals(new HandshakeFrames.Failure(), HandshakeFrames.Failure.from(new HandshakeFrames.Failure().toFrame()));
        // Each fits the limit before authentication.
        assertTrue(challenge.payload().length <= FrameLimits.HANDSHAKE_MAX_FRAME);
    }

    @Test
    void handshakeFramesOfTheWrongSizeOrTypeAreRefused() {
        for (int length : new int[] {0, 31, 33, 64}) {
            assertThrows(ProtocolException.class,
                    () -> HandshakeFrames.Challenge.from(Frame.of(FrameTypes.CHALLENGE, new byte[length])));
            assertThrows(ProtocolException.class,
                    () -> HandshakeFrames.Response.from(Frame.of(FrameTypes.RESPONSE, new byte[length])));
            assertThrows(IllegalArgumentException.class, () -> new HandshakeFrames.Challenge(new byte[length]));
            assertThrows(IllegalArgumentException.class, () -> new HandshakeFrames.Response(new byte[length]));
        }
        assertThrows(ProtocolException.class, () -> HandshakeFrames.Welcome.from(Frame.of(FrameTypes.WELCOME, new byte[1])));
        assertThrows(ProtocolException.class, () -> HandshakeFrames.Failure.from(Frame.of(FrameTypes.FAILURE, new byte[1])));
        assertThrows(ProtocolException.class, () -> HandshakeFrames.Challenge.from(Frame.of(FrameTypes.RESPONSE, new byte[32])));
        assertThrows(ProtocolException.class, () -> HandshakeFrames.Welcome.from(Frame.of(FrameTypes.FAILURE, NOTHING)));
    }

    @Test
    void helloCarriesTokenAndPid() {
        qt().forAll(longs().all(), longs().all()).checkAssert((token, pid) -> {
            Frame hello = new HelloFrame(token, pid).toFrame();
            assertFrame(FrameTypes.HELLO, ByteBuffer.allocate(16).putLong(token).putLong(pid).array(), hello);
            try {
                assertEquals(new HelloFrame(token, pid), HelloFrame.from(hello));
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        });
        assertThrows(ProtocolException.class, () -> HelloFrame.from(Frame.of(FrameTypes.HELLO, new byte[15])));
        assertThrows(ProtocolException.class, () -> HelloFrame.from(Frame.of(FrameTypes.HELLO, new byte[17])));
    }

    @Test
    void clientHelloCarriesOneServiceByte() {
        qt().forAll(integers().between(Byte.MIN_VALUE, Byte.MAX_VALUE)).checkAssert(service -> {
            byte s = (byte) (int) service;
            Frame hello = new ClientHelloFrame(s).toFrame();
            assertFrame(FrameTypes.CLIENT_HELLO, new byte[] {s}, hello);
            try {
                assertEquals(s, ClientHelloFrame.from(hello).service());
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, ClientHelloFrame.QUEUES);
        assertEquals(2, ClientHelloFrame.MANAGER);
        assertThrows(ProtocolException.class, () -> ClientHelloFrame.from(Frame.of(FrameTypes.CLIENT_HELLO, NOTHING)));
        assertThrows(ProtocolException.class, () -> ClientHelloFrame.from(Frame.of(FrameTypes.CLIENT_HELLO, new byte[2])));
    }

    @Test
    void exitIsEmpty() throws ProtocolException {
        assertFrame(FrameTypes.EXIT, NOTHING, new ExitFrame().toFrame());
        assertEquals(new ExitFrame(), ExitFrame.from(new ExitFrame().toFrame()));
        assertThrows(ProtocolException.class, () -> ExitFrame.from(Frame.of(FrameTypes.EXIT, new byte[1])));
    }
}
