package org.mproc.internal.wire;

import java.util.Arrays;

/**
 * The four handshake frames. They carry raw bytes only: nothing is deserialized before both sides
 * have proved the secret.
 *
 * <pre>
 *   CHALLENGE 0x01   +---------------------------------+
 *                    | nonce: 32 random bytes          |
 *                    +---------------------------------+
 *   RESPONSE  0x02   +---------------------------------+
 *                    | HMAC-SHA256(secret, role|nonce) |   role = "mproc/1 client" or "mproc/1 server"
 *                    +---------------------------------+
 *   WELCOME   0x03   (empty payload)                        the response was right
 *   FAILURE   0x04   (empty payload)                        it was not; the connection closes
 * </pre>
 *
 * The role in the signed text means an answer given as a client is useless as a server's answer,
 * so a fake server cannot harvest responses to replay elsewhere; a fresh nonce per connection
 * makes recorded answers worthless.
 */
public final class HandshakeFrames {
    public static final int NONCE_BYTES = 32;

    private HandshakeFrames() {}

    public static Frame challenge(byte[] nonce) {
        return Frame.of(FrameTypes.CHALLENGE, nonce.clone());
    }

    public static Frame response(byte[] digest) {
        return Frame.of(FrameTypes.RESPONSE, digest.clone());
    }

    public static Frame welcome() {
        return Frame.of(FrameTypes.WELCOME, new byte[0]);
    }

    public static Frame failure() {
        return Frame.of(FrameTypes.FAILURE, new byte[0]);
    }

    static byte[] nonce(Frame challenge) throws ProtocolException {
        return exactly(challenge, NONCE_BYTES);
    }

    static byte[] digest(Frame response) throws ProtocolException {
        return exactly(response, Hmac.LENGTH);
    }

    private static byte[] exactly(Frame frame, int length) throws ProtocolException {
        if (frame.payload().length != length) {
            throw new ProtocolException(frame + " must carry exactly " + length + " bytes");
        }
        return Arrays.copyOf(frame.payload(), length);
    }
}
