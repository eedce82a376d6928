package org.mproc.internal.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.mproc.AuthenticationException;

/**
 * Mutual HMAC-SHA256 challenge on the per-tree secret, like CPython's {@code deliver_challenge} and
 * {@code answer_challenge}, run in both directions. The accepting side challenges first; only after
 * both sides sent {@code WELCOME} may a frame carry serialized data. The frames' bytes are drawn in
 * {@link HandshakeFrames}.
 *
 * <pre>
 *   server                                client
 *     | -- CHALLENGE(n1) ------------------> |
 *     | <------------- RESPONSE(h(c|n1)) --- |
 *     | -- WELCOME | FAILURE --------------> |
 *     | <------------------ CHALLENGE(n2) -- |
 *     | -- RESPONSE(h(s|n2)) --------------> |
 *     | <-------------- WELCOME | FAILURE -- |
 * </pre>
 */
public final class Handshake {
    private static final byte[] CLIENT = "mproc/1 client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER = "mproc/1 server".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Hmac hmac;

    public Handshake(byte[] secret) {
        this.hmac = new Hmac(secret);
    }

    /** Runs the accepting side. Throws {@link AuthenticationException} if the peer lacks the secret. */
    public void accept(FrameReader in, FrameWriter out) throws IOException {
        challenge(in, out, CLIENT, "client");
        answer(in, out, SERVER, "server");
    }

    /** Runs the connecting side. Throws {@link AuthenticationException} if the peer lacks the secret. */
    public void connect(FrameReader in, FrameWriter out) throws IOException {
        answer(in, out, CLIENT, "client");
        challenge(in, out, SERVER, "server");
    }

    private void challenge(FrameReader in, FrameWriter out, byte[] peerRole, String peer) throws IOException {
        byte[] nonce = new byte[HandshakeFrames.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        out.write(new HandshakeFrames.Challenge(nonce).toFrame());
        byte[] digest = HandshakeFrames.Response.from(in.expect(FrameTypes.RESPONSE)).digest();
        if (!hmac.verify(digest, peerRole, nonce)) {
            out.write(new HandshakeFrames.Failure().toFrame());
            throw new AuthenticationException("the " + peer + " answered the challenge with a wrong digest");
        }
        out.write(new HandshakeFrames.Welcome().toFrame());
    }

    private void answer(FrameReader in, FrameWriter out, byte[] ownRole, String own) throws IOException {
        byte[] nonce = HandshakeFrames.Challenge.from(in.expect(FrameTypes.CHALLENGE)).nonce();
        out.write(new HandshakeFrames.Response(hmac.sign(ownRole, nonce)).toFrame());
        Frame verdict = in.read();
        if (verdict == null || verdict.type() == FrameTypes.FAILURE) {
            throw new AuthenticationException("the peer refused this " + own + "'s answer: the secrets differ");
        }
        if (verdict.type() != FrameTypes.WELCOME) {
            throw new ProtocolException("expected WELCOME or FAILURE, got " + verdict);
        }
        HandshakeFrames.Welcome.from(verdict);
    }
}
