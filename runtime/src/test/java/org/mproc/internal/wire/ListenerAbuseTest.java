package org.mproc.internal.wire;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mproc.AuthenticationException;
import org.mproc.internal.wire.FrameReaderTest.WireGen;
import org.mproc.internal.wire.codec.Codec;
import org.mproc.testkit.Delays;
import org.quicktheories.core.Gen;

/**
 * A {@link Listener} under abuse: peers that send noise, the wrong secret, an oversized length, a
 * frame cut short, a serialized object, or nothing at all are dropped and counted, their bytes are
 * never deserialized and never reach the {@link Listener.Service}, and a legitimate client connecting
 * meanwhile is authenticated and served at once.
 *
 * <p>The service here decodes every payload it receives, so a frame that slipped past the handshake
 * would trip the {@link Canary}; {@link #theCanaryTripsOnceAuthenticated()} shows that it would.
 * {@link JunkPeer} and {@link Canary} are public for the process-level test in {@code org.mproc.internal.spawn}.
 */
public class ListenerAbuseTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Path directory;
    private byte[] secret;
    private Listener listener;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<JunkPeer> peers = new ArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    /** Connections this test made with the right secret: the only ones the service may see. */
    private int legitimate;

    @BeforeEach
    void open() throws IOException {
        Canary.reset();
        directory = Files.createTempDirectory(Path.of("/tmp"), "ml");
        secret = randomBytes(32);
        // A long deadline: every drop below is the protocol check's doing, not the timer's.
        listener = listen("l.sock", Delays.LONG);
    }

    @AfterEach
    void close() throws IOException {
        peers.forEach(JunkPeer::close);
        listeners.forEach(Listener::close);
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    @Test
    void generatedGarbageBeforeTheHandshakeIsDroppedUnserved() {
        AtomicInteger sent = new AtomicInteger();
        qt().withExamples(60).withShrinkCycles(50).forAll(WireGen.garbage()).checkAssert(junk -> {
            JunkPeer peer = peer(listener).send(junk).finishSending();
            sent.incrementAndGet();
            assertTrue(peer.droppedWithin(Delays.SHORT), "still connected after sending junk");
        });
        assertRejected(listener, sent.get());
        assertLegitimateClientServed(listener);
    }

    @Test
    void wrongSecretsAreRefusedOnBothEnds() {
        AtomicInteger tried = new AtomicInteger();
        qt().withExamples(15).withShrinkCycles(50).forAll(WireGen.bytes(32, 32))
                .assuming(wrong -> !Arrays.equals(wrong, secret))
                .checkAssert(wrong -> {
                    tried.incrementAndGet();
                    assertThrows(AuthenticationException.class,
                            () -> Connection.connect(listener.path(), wrong, Delays.SHORT).close());
                });
        assertRejected(listener, tried.get());
        assertLegitimateClientServed(listener);
    }

    @Test
    void oversizedLengthIsDroppedAtOnceWithoutWaitingForThePayload() throws IOException {
        int count = 0;
        for (int announced : new int[] {FrameLimits.HANDSHAKE_MAX_FRAME + 1, FrameLimits.maxFrame() + 1,
                Integer.MAX_VALUE, -1}) {
            JunkPeer early = peer(listener).send(FrameReaderTest.header(announced, FrameTypes.RESPONSE, 0L));
            JunkPeer late = peer(listener);
            late.receiveFrame(FrameTypes.CHALLENGE);
            late.send(FrameReaderTest.header(announced, FrameTypes.RESPONSE, 0L));
            // Neither finishes sending: only the size check can end these connections before the deadline.
            assertTrue(early.droppedWithin(Delays.SHORT), "announcing " + announced + " before the challenge");
            assertTrue(late.droppedWithin(Delays.SHORT), "announcing " + announced + " after the challenge");
            count += 2;
        }
        assertRejected(listener, count);
        assertLegitimateClientServed(listener);
    }

    @Test
    void framesCutShortAreDropped() throws IOException {
        byte[] response = WireGen.encode(List.of(new HandshakeFrames.Response(new byte[32]).toFrame()));
        for (int cut : new int[] {1, 7, Frame.HEADER_BYTES, Frame.HEADER_BYTES + 10, response.length - 1}) {
            JunkPeer peer = peer(listener);
            peer.receiveFrame(FrameTypes.CHALLENGE);
            peer.send(Arrays.copyOf(response, cut)).finishSending();
            assertTrue(peer.droppedWithin(Delays.SHORT), "a RESPONSE cut at " + cut);
        }
        assertRejected(listener, 5);
        assertLegitimateClientServed(listener);
    }

    @Test
    void serializedObjectsSentInsteadOfTheHandshakeAreNeverDeserialized() throws IOException {
        byte[] canary = Canary.serialized();
        int count = 0;
        for (byte type = 0; type <= FrameTypes.EXIT + 1; type++) {
            peer(listener).sendFrame(type, canary).finishSending();
            JunkPeer late = peer(listener);
            late.receiveFrame(FrameTypes.CHALLENGE);
            late.sendFrame(type, canary).finishSending();
            count += 2;
        }
        peer(listener).send(canary).finishSending(); // a bare stream, no frame header
        count++;
        for (JunkPeer peer : peers) {
            assertTrue(peer.droppedWithin(Delays.SHORT));
        }
        assertRejected(listener, count);
        assertEquals(0, Canary.reads(), "something deserialized a peer's bytes before authentication");
    }

    /** The control for the test above: the same bytes, sent after the handshake, do reach the decoder. */
    @Test
    void theCanaryTripsOnceAuthenticated() throws IOException {
        try (Connection connection = Connection.connect(listener.path(), secret, Delays.SHORT)) {
            connection.send(Frame.of(FrameTypes.RUN_TASK, Canary.serialized()));
            assertTimeoutPreemptively(Delays.SHORT, () -> connection.read());
        }
        assertEquals(1, Canary.reads());
    }

    @Test
    void silentAndStalledPeersDoNotDelayALegitimateClient() throws IOException {
        for (int i = 0; i < 10; i++) {
            peer(listener); // connects, then says nothing
        }
        JunkPeer midFrame = peer(listener);
        midFrame.receiveFrame(FrameTypes.CHALLENGE);
        midFrame.send(Arrays.copyOf(FrameReaderTest.header(32, FrameTypes.RESPONSE, 0L), Frame.HEADER_BYTES + 5));

        assertLegitimateClientServed(listener);
        assertEquals(0, listener.rejectedConnections(), "the stalled peers were already dropped");

        peers.forEach(JunkPeer::close);
        assertRejected(listener, 11);
    }

    @Test
    void peersStillInTheHandshakeAtTheDeadlineAreClosed() throws IOException {
        Duration deadline = Delays.scaled(Duration.ofMillis(500));
        Listener strict = listen("d.sock", deadline);
        long start = System.nanoTime();
        JunkPeer silent = peer(strict);
        JunkPeer midFrame = peer(strict);
        midFrame.receiveFrame(FrameTypes.CHALLENGE);
        midFrame.send(FrameReaderTest.header(32, FrameTypes.RESPONSE, 0L));

        assertTrue(silent.droppedWithin(Delays.SHORT.plus(deadline)), "a silent peer outlived the deadline");
        assertTrue(midFrame.droppedWithin(Delays.SHORT.plus(deadline)), "a stalled peer outlived the deadline");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= deadline.toMillis(), "closed after " + elapsedMillis + " ms, before the deadline");
        assertRejected(strict, 2);
        assertLegitimateClientServed(strict);
    }

    @Test
    void anAuthenticatedPeerThatBreaksTheProtocolLosesOnlyItsOwnConnection() throws IOException {
        try (Connection bystander = Connection.connect(listener.path(), secret, Delays.SHORT)) {
            JunkPeer oversized = peer(listener).authenticate(secret);
            oversized.send(FrameReaderTest.header(Integer.MAX_VALUE, FrameTypes.RUN_TASK, 0L));
            JunkPeer truncated = peer(listener).authenticate(secret);
            truncated.send(FrameReaderTest.header(100, FrameTypes.RUN_TASK, 0L)).send(new byte[10]).finishSending();
            JunkPeer unknownType = peer(listener).authenticate(secret);
            unknownType.sendFrame((byte) 0x7f, new byte[3]);

            assertTrue(oversized.droppedWithin(Delays.SHORT), "oversized length after the handshake");
            assertTrue(truncated.droppedWithin(Delays.SHORT), "truncated frame after the handshake");
            assertTrue(unknownType.droppedWithin(Delays.SHORT), "unknown type after the handshake");

            assertEchoed(bystander);
        }
        assertEquals(0, listener.rejectedConnections(), "these peers passed the handshake");
        assertEquals(4, served.get());
    }

    // ---- helpers ----

    private Listener listen(String name, Duration deadline) throws IOException {
        Listener opened = Listener.open(directory.resolve(name), secret, deadline, this::echo);
        listeners.add(opened);
        return opened;
    }

    /** The service: decodes every payload (the canary's trap), then echoes the frame. */
    private void echo(Connection connection) throws IOException {
        served.incrementAndGet();
        for (Frame frame = connection.read(); frame != null; frame = connection.read()) {
            try {
                Codec.standard().decode(frame.payload());
            } catch (IOException | ClassNotFoundException | RuntimeException notAnObject) {
                // Echoed all the same.
            }
            connection.send(frame);
        }
    }

    private JunkPeer peer(Listener target) {
        try {
            JunkPeer peer = JunkPeer.connect(target.path());
            peers.add(peer);
            return peer;
        } catch (IOException e) {
            throw new AssertionError("cannot connect to " + target.path(), e);
        }
    }

    private void assertRejected(Listener target, int count) {
        await().atMost(Delays.SHORT).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertEquals(count, target.rejectedConnections(), "rejected connections"));
        assertEquals(legitimate, served.get(), "the service saw a connection that failed the handshake");
    }

    private void assertLegitimateClientServed(Listener target) {
        legitimate++;
        assertTimeoutPreemptively(Delays.SHORT, () -> {
            try (Connection connection = Connection.connect(target.path(), secret, Delays.SHORT)) {
                assertEchoed(connection);
            }
        });
        assertEquals(legitimate, served.get());
    }

    private static void assertEchoed(Connection connection) throws IOException {
        byte[] payload = randomBytes(100);
        connection.send(new Frame(FrameTypes.RUN_TASK, 77L, payload));
        Frame echo = assertTimeoutPreemptively(Delays.SHORT, connection::read);
        assertEquals(77L, echo.correlationId());
        assertArrayEquals(payload, echo.payload());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * A misbehaving peer on a raw socket: it sends whatever it is told, and every wait it makes is
     * bounded (a timer closes the socket), so a listener that never answers fails the test instead
     * of hanging it.
     */
    public static final class JunkPeer implements AutoCloseable {
        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junk-peer-timer");
            t.setDaemon(true);
            return t;
        });

        private final SocketChannel channel;
        private volatile boolean timedOut;

        private JunkPeer(SocketChannel channel) {
            this.channel = channel;
        }

        public static JunkPeer connect(Path socket) throws IOException {
            return new JunkPeer(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
        }

        /** Inputs a hostile or broken peer could send: noise, or headers that disagree with their bodies. */
        public static Gen<byte[]> garbage() {
            return WireGen.garbage();
        }

        public static byte[] header(int length, byte type, long correlationId) {
            return FrameReaderTest.header(length, type, correlationId);
        }

        /** Passes the handshake as a real client does, so what follows is judged as authenticated traffic. */
        public JunkPeer authenticate(byte[] secret) throws IOException {
            bounded(Delays.SHORT, () -> new Handshake(secret).connect(
                    new FrameReader(channel, FrameLimits.HANDSHAKE_MAX_FRAME),
                    new FrameWriter(channel, FrameLimits.HANDSHAKE_MAX_FRAME)));
            return this;
        }

        /** Sends {@code bytes}; a peer that already hung up is not an error here ({@link #droppedWithin} tells). */
        public JunkPeer send(byte[] bytes) {
            try {
                bounded(Delays.SHORT, () -> {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                });
            } catch (IOException gone) {
                // Broken pipe or reset: the listener dropped us first.
            }
            return this;
        }

        /** A frame with a truthful header around {@code payload}. */
        public JunkPeer sendFrame(byte type, byte[] payload) {
            return send(FrameReaderTest.concat(header(payload.length, type, 0L), payload));
        }

        /** Half-closes: the listener sees end of stream after what was sent. */
        public JunkPeer finishSending() {
            try {
                channel.shutdownOutput();
            } catch (IOException gone) {
                // Already dropped.
            }
            return this;
        }

        /** Reads one frame the listener sent, which must be of {@code type}. */
        public Frame receiveFrame(byte type) throws IOException {
            Frame[] frame = new Frame[1];
            bounded(Delays.SHORT, () -> frame[0] = new FrameReader(channel, 1024).expect(type));
            return frame[0];
        }

        /** Whether the listener closes this connection within {@code bound} (end of stream or reset). */
        public boolean droppedWithin(Duration bound) {
            ByteBuffer sink = ByteBuffer.allocate(4096);
            try {
                bounded(bound, () -> {
                    while (channel.read(sink) >= 0) {
                        sink.clear();
                    }
                });
                return true;
            } catch (IOException e) {
                return !timedOut; // a reset is a drop; our own timer closing the socket is not
            }
        }

        private void bounded(Duration bound, IoStep step) throws IOException {
            ScheduledFuture<?> alarm = TIMER.schedule(() -> {
                timedOut = true;
                close();
            }, bound.toNanos(), TimeUnit.NANOSECONDS);
            try {
                step.run();
            } finally {
                alarm.cancel(false);
            }
            if (timedOut) {
                throw new IOException("timed out after " + bound);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closed either way.
            }
        }

        private interface IoStep {
            void run() throws IOException;
        }
    }

    /**
     * A serializable object whose deserialization is observable: each {@code readObject} counts.
     * Sent by peers that have not authenticated, it must never be read.
     */
    public static final class Canary implements Serializable {
        private static final long serialVersionUID = 1L;

        private static final AtomicInteger READS = new AtomicInteger();

        private Canary() {}

        public static byte[] serialized() {
            try {
                return Codec.standard().encode(new Canary());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        public static int reads() {
            return READS.get();
        }

        public static void reset() {
            READS.set(0);
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            READS.incrementAndGet();
            in.defaultReadObject();
        }
    }
}
