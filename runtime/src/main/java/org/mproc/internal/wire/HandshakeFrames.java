package org.mproc.internal.wire;

import java.util.Arrays;

/**
 * The four handshake frames, one record each. They carry raw bytes only — no {@link WireData}
 * field, nothing deserialized — because they travel before both sides have proved the secret
 * ({@link Handshake}); their correlation id is 0 and their payload at most
 * {@link FrameLimits#HANDSHAKE_MAX_FRAME} bytes.
 *
 * <p>The role in the signed text means an answer given as a client is useless as a server's answer,
 * so a fake server cannot harvest responses to replay elsewhere; a fresh nonce per connection
 * makes recorded answers worthless.
 */
public final class HandshakeFrames {
    public static final int NONCE_BYTES = 32;

    private HandshakeFrames() {}

    /**
     * The accepting side, then the connecting side: "prove you hold the secret".
     *
     * <pre>
     *   CHALLENGE 0x01
     *   0                                                               32
     *   +---------------------------------------------------------------+
     *   | nonce: 32 bytes from SecureRandom, fresh for each handshake   |
     *   +---------------------------------------------------------------+
     * </pre>
     */
    public record Challenge(byte[] nonce) {
        public Challenge {
            if (nonce.length != NONCE_BYTES) {
                throw new IllegalArgumentException("a nonce has " + NONCE_BYTES + " bytes, not " + nonce.length);
            }
        }

        public Frame toFrame() {
            return Frame.of(FrameTypes.CHALLENGE, nonce.clone());
        }

        public static Challenge from(Frame frame) throws ProtocolException {
            return new Challenge(exactly(frame, FrameTypes.CHALLENGE, NONCE_BYTES));
        }
    }

    /**
     * The answer to a {@link Challenge}.
     *
     * <pre>
     *   RESPONSE 0x02
     *   0                                                               32
     *   +---------------------------------------------------------------+
     *   | digest: HMAC-SHA256 keyed with the secret, of role then nonce |
     *   +---------------------------------------------------------------+
     *   role = "mproc/1 client" or "mproc/1 server" in US-ASCII, no terminator
     * </pre>
     */
    public record Response(byte[] digest) {
        public Response {
            if (digest.length != Hmac.LENGTH) {
                throw new IllegalArgumentException("a digest has " + Hmac.LENGTH + " bytes, not " + digest.length);
            }
        }

        public Frame toFrame() {
            return Frame.of(FrameTypes.RESPONSE, digest.clone());
        }

        public static Response from(Frame frame) throws ProtocolException {
            return new Response(exactly(frame, FrameTypes.RESPONSE, Hmac.LENGTH));
        }
    }

    /**
     * The {@link Response} was right.
     *
     * <pre>
     *   WELCOME 0x03   (empty payload)
     * </pre>
     */
    public record Welcome() {
        public Frame toFrame() {
            return Frame.of(FrameTypes.WELCOME, new byte[0]);
        }

        public static Welcome from(Frame frame) throws ProtocolException {
            exactly(frame, FrameTypes.WELCOME, 0);
            return new Welcome();
        }
    }

    /**
     * The {@link Response} was wrong; the connection closes.
     *
     * <pre>
     *   FAILURE 0x04   (empty payload)
     * </pre>
     */
    public record Failure() {
        public Frame toFrame() {
            return Frame.of(FrameTypes.FAILURE, new byte[0]);
        }

        public static Failure from(Frame frame) throws ProtocolException {
            exactly(frame, FrameTypes.FAILURE, 0);
            return new Failure();
        }
    }

    private static byte[] exactly(Frame frame, byte type, int length) throws ProtocolException {
        if (frame.type() != type) {
            throw new ProtocolException("expected " + FrameTypes.name(type) + ", got " + frame);
        }
        if (frame.payload().length != length) {
            throw new ProtocolException(frame + " must carry exactly " + length + " bytes");
        }
        return Arrays.copyOf(frame.payload(), length);
    }
}
