package org.mproc.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mproc.AuthenticationException;
import org.mproc.internal.wire.FrameReaderTest.WireGen;
import org.mproc.testkit.Delays;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The mutual HMAC challenge, run over real Unix domain sockets: it admits a peer only if it holds the
 * secret, whatever that peer sends instead; a recorded or relayed answer is worthless; and
 * {@link Hmac} is HMAC-SHA256 exactly as {@code javax.crypto.Mac} computes it.
 */
class HandshakeTest {
    /** The signed roles, as {@link HandshakeFrames} draws them; part of the wire format. */
    private static final byte[] CLIENT_ROLE = "mproc/1 client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_ROLE = "mproc/1 server".getBytes(StandardCharsets.US_ASCII);

    private static Path directory;
    private static ServerSocketChannel listening;
    private static ExecutorService otherSide;

    @BeforeAll
    static void listen() throws IOException {
        directory = Files.createTempDirectory(Path.of("/tmp"), "mh");
        listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listening.bind(UnixDomainSocketAddress.of(directory.resolve("h.sock")));
        otherSide = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "handshake-test-peer");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() throws IOException {
        otherSide.shutdownNow();
        listening.close();
        Files.deleteIfExists(directory.resolve("h.sock"));
        Files.deleteIfExists(directory);
    }

    @Test
    void sameSecretAuthenticatesBothSidesAndLeavesTheStreamInStep() {
        qt().withExamples(40).withShrinkCycles(50).forAll(secrets())
                .checkAssert(secret -> rethrowing(() -> authenticatesAndStaysInStep(secret)));
    }

    private static void authenticatesAndStaysInStep(byte[] secret) throws IOException {
        try (Pair pair = Pair.open()) {
            Future<Throwable> accepting = onOtherSide(() -> new Handshake(secret).accept(pair.serverIn, pair.serverOut));
            new Handshake(secret).connect(pair.clientIn, pair.clientOut);
            assertNull(within(accepting), "the accepting side failed");
            // Nothing of the handshake is left unread on either side.
            pair.serverOut.write(new Frame(FrameTypes.RUN_TASK, 42L, secret));
            pair.clientOut.write(new Frame(FrameTypes.HELLO, 43L, new byte[0]));
            assertEquals(42L, pair.clientIn.read().correlationId());
            assertEquals(43L, pair.serverIn.read().correlationId());
        }
    }

    @Test
    void differentSecretsFailWithAuthenticationExceptionOnBothSides() {
        qt().withExamples(40).withShrinkCycles(50).forAll(secrets(), secrets())
                .assuming((a, b) -> !Arrays.equals(a, b))
                .checkAssert((serverSecret, clientSecret) -> {
                    try (Pair pair = Pair.open()) {
                        Future<Throwable> accepting = onOtherSide(
                                () -> new Handshake(serverSecret).accept(pair.serverIn, pair.serverOut));
                        Throwable connecting = outcome(
                                () -> new Handshake(clientSecret).connect(pair.clientIn, pair.clientOut));
                        assertInstanceOf(AuthenticationException.class, connecting);
                        assertInstanceOf(AuthenticationException.class, within(accepting));
                    }
                });
    }

    @Test
    void aRecordedClientConversationReplayedLaterIsRefused() throws Exception {
        byte[] secret = randomSecret();
        byte[] recorded;
        try (Pair pair = Pair.open()) {
            Recording tap = new Recording(pair.client);
            Future<Throwable> accepting = onOtherSide(() -> new Handshake(secret).accept(pair.serverIn, pair.serverOut));
            new Handshake(secret).connect(new FrameReader(pair.client, FrameLimits.HANDSHAKE_MAX_FRAME),
                    new FrameWriter(tap, FrameLimits.HANDSHAKE_MAX_FRAME));
            assertNull(within(accepting));
            recorded = tap.bytes();
        }
        assertEquals(FrameTypes.RESPONSE, recorded[4], "the client's first frame is its RESPONSE");
        try (Pair pair = Pair.open()) {
            Future<Throwable> accepting = onOtherSide(() -> new Handshake(secret).accept(pair.serverIn, pair.serverOut));
            Frame challenge = pair.clientIn.expect(FrameTypes.CHALLENGE);
            pair.client.write(ByteBuffer.wrap(recorded));
            assertEquals(FrameTypes.FAILURE, pair.clientIn.read().type());
            assertInstanceOf(AuthenticationException.class, within(accepting));
            assertFalse(Arrays.equals(Arrays.copyOfRange(recorded, Frame.HEADER_BYTES, Frame.HEADER_BYTES + 32),
                    new Hmac(secret).sign(CLIENT_ROLE, challenge.payload())), "the nonce repeated");
        }
    }

    /**
     * A fake server without the secret uses a second client as an oracle: it hands that client the
     * challenge the first client sent, and relays the answer back. The answer is a valid client
     * answer for that nonce, yet worthless as the server's, because the signed text names the role.
     */
    @Test
    void aClientAnswerRelayedAsTheServerAnswerIsRefused() throws Exception {
        byte[] secret = randomSecret();
        try (Pair victim = Pair.open(); Pair oracle = Pair.open()) {
            Future<Throwable> victimSide = onOtherSide(() -> new Handshake(secret).connect(victim.clientIn, victim.clientOut));
            Future<Throwable> oracleSide = onOtherSide(() -> new Handshake(secret).connect(oracle.clientIn, oracle.clientOut));

            victim.serverOut.write(new HandshakeFrames.Challenge(new byte[HandshakeFrames.NONCE_BYTES]).toFrame());
            victim.serverIn.expect(FrameTypes.RESPONSE); // not checked: the fake server cannot check it
            victim.serverOut.write(new HandshakeFrames.Welcome().toFrame());
            byte[] victimNonce = victim.serverIn.expect(FrameTypes.CHALLENGE).payload();

            oracle.serverOut.write(new HandshakeFrames.Challenge(victimNonce).toFrame());
            byte[] relayed = oracle.serverIn.expect(FrameTypes.RESPONSE).payload();
            assertArrayEquals(new Hmac(secret).sign(CLIENT_ROLE, victimNonce), relayed,
                    "the oracle gave a valid client answer for the victim's nonce");

            victim.serverOut.write(new HandshakeFrames.Response(relayed).toFrame());
            assertEquals(FrameTypes.FAILURE, victim.serverIn.read().type());
            assertInstanceOf(AuthenticationException.class, within(victimSide));
            oracle.serverOut.write(new HandshakeFrames.Failure().toFrame());
            assertInstanceOf(AuthenticationException.class, within(oracleSide));
        }
    }

    @Test
    void aServerThatSignsTheServerRoleIsAccepted() throws Exception {
        byte[] secret = randomSecret();
        try (Pair pair = Pair.open()) {
            Future<Throwable> client = onOtherSide(() -> new Handshake(secret).connect(pair.clientIn, pair.clientOut));
            byte[] nonce = new byte[HandshakeFrames.NONCE_BYTES];
            pair.serverOut.write(new HandshakeFrames.Challenge(nonce).toFrame());
            assertArrayEquals(new Hmac(secret).sign(CLIENT_ROLE, nonce), pair.serverIn.expect(FrameTypes.RESPONSE).payload());
            pair.serverOut.write(new HandshakeFrames.Welcome().toFrame());
            byte[] theirs = pair.serverIn.expect(FrameTypes.CHALLENGE).payload();
            pair.serverOut.write(new HandshakeFrames.Response(new Hmac(secret).sign(SERVER_ROLE, theirs)).toFrame());
            assertEquals(FrameTypes.WELCOME, pair.serverIn.read().type());
            assertNull(within(client));
        }
    }

    @Test
    void generatedGarbageInsteadOfAClientHandshakeIsRejected() {
        qt().withExamples(150).withShrinkCycles(50).forAll(WireGen.garbage()).checkAssert(junk ->
                assertRejectedByServer(junk));
    }

    @Test
    void generatedWellFormedFramesInsteadOfAClientHandshakeAreRejected() {
        qt().withExamples(150).withShrinkCycles(50).forAll(lists().of(handshakeSizedFrames()).ofSizeBetween(0, 6))
                .checkAssert(frames -> assertRejectedByServer(WireGen.encode(frames)));
    }

    @Test
    void generatedGarbageOrFramesInsteadOfAServerHandshakeAreRejected() {
        Gen<byte[]> junk = Generate.oneOf(WireGen.garbage(),
                lists().of(handshakeSizedFrames()).ofSizeBetween(0, 6).map(WireGen::encode));
        qt().withExamples(150).withShrinkCycles(50).forAll(junk).checkAssert(HandshakeTest::assertRejectedByClient);
    }

    @Test
    void hmacMatchesJavaxCryptoForGeneratedKeysAndMessages() {
        qt().withExamples(300).withShrinkCycles(50)
                .forAll(WireGen.bytes(1, 200), WireGen.bytes(0, 300), integers().between(0, 300))
                .checkAssert((key, message, split) -> {
                    int at = Math.min(split, message.length);
                    byte[] expected = javaxHmac(key, message);
                    Hmac hmac = new Hmac(key);
                    assertArrayEquals(expected, hmac.sign(message), "key of " + key.length + " bytes");
                    assertArrayEquals(expected, hmac.sign(Arrays.copyOf(message, at),
                            Arrays.copyOfRange(message, at, message.length)), "split at " + at);
                    assertTrue(hmac.verify(expected, message));
                    byte[] flipped = expected.clone();
                    flipped[at % flipped.length] ^= 1;
                    assertFalse(hmac.verify(flipped, message));
                    assertFalse(hmac.verify(Arrays.copyOf(expected, 31), message));
                });
    }

    @Test
    void hmacMatchesRfc4231Vectors() {
        // Test case 2: a key shorter than the block.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HexFormat.of().formatHex(new Hmac("Jefe".getBytes(StandardCharsets.US_ASCII))
                        .sign("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))));
        // Test case 6: a 131-byte key, hashed first.
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                HexFormat.of().formatHex(new Hmac(key).sign(
                        "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))));
    }

    // ---- helpers ----

    /** Runs the real accepting side, with its deadline and limits, against {@code junk} sent by a raw peer. */
    private static void assertRejectedByServer(byte[] junk) {
        try (Pair pair = Pair.open()) {
            byte[] secret = randomSecret();
            Future<Throwable> accepting = onOtherSide(() -> Connection.accepted(pair.server, secret, Delays.SHORT));
            try {
                pair.client.write(ByteBuffer.wrap(junk));
                pair.client.shutdownOutput();
            } catch (IOException e) {
                // The server dropped us while we were still writing: its outcome says why.
            }
            assertRefusal(within(accepting), junk);
            assertFalse(pair.server.isOpen(), "a refused connection stays open");
        }
    }

    /** Runs the real connecting side against {@code junk} sent by a raw peer posing as the server. */
    private static void assertRejectedByClient(byte[] junk) {
        byte[] secret = randomSecret();
        try (Pair pair = Pair.open()) {
            Future<Throwable> client = onOtherSide(() -> new Handshake(secret).connect(pair.clientIn, pair.clientOut));
            try {
                pair.server.write(ByteBuffer.wrap(junk));
                pair.server.shutdownOutput();
            } catch (IOException e) {
                // The client gave up while we were still writing: its outcome says why.
            }
            assertRefusal(within(client), junk);
        }
    }

    /** Refused means: an IOException (broken protocol) or an AuthenticationException, never success. */
    private static void assertRefusal(Throwable outcome, byte[] junk) {
        String input = HexFormat.of().formatHex(junk);
        if (outcome == null) {
            throw new AssertionError("authenticated a peer that sent " + input);
        }
        if (!(outcome instanceof IOException || outcome instanceof AuthenticationException)) {
            throw new AssertionError("refused with " + outcome + " on " + input, outcome);
        }
    }

    /** Frames that pass the size check of a handshake reader: most payloads 0, 32 or at the limit. */
    private static Gen<Frame> handshakeSizedFrames() {
        Gen<byte[]> payloads = Generate.oneOf(WireGen.bytes(0, 0), WireGen.bytes(32, 32),
                WireGen.bytes(0, FrameLimits.HANDSHAKE_MAX_FRAME));
        return WireGen.knownTypes().zip(Generate.longRange(-2, 2), payloads, Frame::new);
    }

    private static Gen<byte[]> secrets() {
        return WireGen.bytes(32, 32);
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return secret;
    }

    private static byte[] javaxHmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void rethrowing(Step step) {
        Throwable t = outcome(step);
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new AssertionError(t);
        }
    }

    private static Throwable outcome(Step step) {
        try {
            step.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static Future<Throwable> onOtherSide(Step step) {
        Callable<Throwable> task = () -> outcome(step);
        return otherSide.submit(task);
    }

    /** The other side's outcome (null for success); a side that neither ends nor fails fails the test. */
    private static Throwable within(Future<Throwable> side) {
        try {
            return side.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            side.cancel(true);
            throw new AssertionError("the other side neither finished nor failed within " + Delays.SHORT);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** Two connected sockets with a handshake-limited reader and writer on each end. */
    private static final class Pair implements AutoCloseable {
        final SocketChannel client;
        final SocketChannel server;
        final FrameReader clientIn;
        final FrameWriter clientOut;
        final FrameReader serverIn;
        final FrameWriter serverOut;

        private Pair(SocketChannel client, SocketChannel server) {
            this.client = client;
            this.server = server;
            this.clientIn = new FrameReader(client, FrameLimits.HANDSHAKE_MAX_FRAME);
            this.clientOut = new FrameWriter(client, FrameLimits.maxFrame());
            this.serverIn = new FrameReader(server, FrameLimits.HANDSHAKE_MAX_FRAME);
            this.serverOut = new FrameWriter(server, FrameLimits.maxFrame());
        }

        static Pair open() {
            try {
                SocketChannel client = SocketChannel.open(listening.getLocalAddress());
                return new Pair(client, listening.accept());
            } catch (IOException e) {
                throw new AssertionError("cannot open a socket pair", e);
            }
        }

        @Override
        public void close() {
            try {
                client.close();
                server.close();
            } catch (IOException ignored) {
                // Closed either way.
            }
        }
    }

    /** Passes writes through to a channel and keeps a copy: an eavesdropper on the wire. */
    private static final class Recording implements ByteChannel {
        private final ByteChannel target;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        Recording(ByteChannel target) {
            this.target = target;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer view = src.duplicate();
            int n = target.write(src);
            byte[] written = new byte[n];
            view.get(written);
            copy.writeBytes(written);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return target.read(dst);
        }

        byte[] bytes() {
            return copy.toByteArray();
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
