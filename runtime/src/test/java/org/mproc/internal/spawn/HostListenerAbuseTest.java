package org.mproc.internal.spawn;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mproc.AuthenticationException;
import org.mproc.ChildProcess;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.FrameLimits;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.HelloFrame;
import org.mproc.internal.wire.ListenerAbuseTest.Canary;
import org.mproc.internal.wire.ListenerAbuseTest.JunkPeer;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Reaper;

/**
 * This JVM's {@link HostListener}, the socket every child of the tree reports to, under abuse while
 * a child is running: noise, a wrong secret, an oversized length, a frame cut short, a serialized
 * object instead of the handshake, and authenticated peers that send a HELLO nobody expects. Each
 * such connection is dropped without deserializing anything; the running child keeps its
 * connection (its exception still arrives over it) and new children start and exit normally.
 */
public class HostListenerAbuseTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Path directory;
    private final List<JunkPeer> peers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Canary.reset();
        directory = Files.createTempDirectory(Path.of("/tmp"), "mh");
    }

    @AfterEach
    void tearDown() throws IOException {
        peers.forEach(JunkPeer::close);
        Files.deleteIfExists(directory.resolve("release"));
        Files.deleteIfExists(directory);
    }

    @Test
    void junkBeforeTheHandshakeIsDroppedWhileAChildRunsAndNewChildrenStillStart() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        String release = directory.resolve("release").toString();
        try (Reaper reaper = new Reaper()) {
            ChildProcess bystander = reaper.start(ChildProcess.builder().name("bystander")
                    .target(() -> runUntilReleased(release)).output(lines::add).build());
            await().atMost(Delays.CHILD).until(() -> lines.contains("running"));

            HostListener host = HostListener.get();
            long rejectedBefore = host.rejectedConnections();
            int junk = throwJunkAt(host.path());
            await().atMost(Delays.SHORT).pollInterval(Duration.ofMillis(10))
                    .untilAsserted(() -> assertEquals(junk, host.rejectedConnections() - rejectedBefore));
            assertEquals(0, Canary.reads(), "a peer's bytes were deserialized before authentication");
            assertTrue(bystander.isAlive(), "the running child was disturbed");

            Files.createFile(Path.of(release));
            Reaper.joinWithin(bystander, Delays.CHILD);
            assertEquals(OptionalInt.of(1), bystander.exitCode(), () -> String.join("\n", lines));
            assertEquals("released after the abuse", bystander.failure().orElseThrow().getMessage(),
                    "the child's exception did not arrive over its connection");

            assertStartsAndExitsNormally(reaper, "after-junk");
        }
    }

    @Test
    void silentPeersDoNotDelayANewChild() throws Exception {
        HostListener host = HostListener.get();
        for (int i = 0; i < 5; i++) {
            peers.add(JunkPeer.connect(host.path())); // connects, then says nothing
        }
        long rejectedBefore = host.rejectedConnections();
        try (Reaper reaper = new Reaper()) {
            assertStartsAndExitsNormally(reaper, "during-stall");
        }
        assertEquals(rejectedBefore, host.rejectedConnections(), "the silent peers were dropped before the child ran");
        peers.forEach(JunkPeer::close);
        await().atMost(Delays.SHORT).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertEquals(rejectedBefore + 5, host.rejectedConnections()));
    }

    @Test
    void authenticatedPeersWithAnUnknownOrMalformedHelloAreDropped() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        String release = directory.resolve("release").toString();
        HostListener host = HostListener.get();
        byte[] secret = ProcessTree.current().secret();
        try (Reaper reaper = new Reaper()) {
            ChildProcess bystander = reaper.start(ChildProcess.builder().name("bystander")
                    .target(() -> runUntilReleased(release)).output(lines::add).build());
            await().atMost(Delays.CHILD).until(() -> lines.contains("running"));

            List<JunkPeer> authenticated = List.of(
                    // The token of no launch: the listener must not attach it to anyone.
                    authenticatedPeer(host, secret).sendFrame(FrameTypes.HELLO,
                            new HelloFrame(RANDOM.nextLong(), 1L).toFrame().payload()),
                    // A HELLO whose payload is a serialized object, and work offered instead of a HELLO.
                    authenticatedPeer(host, secret).sendFrame(FrameTypes.HELLO, Canary.serialized()),
                    authenticatedPeer(host, secret).sendFrame(FrameTypes.RUN_TASK, Canary.serialized()),
                    authenticatedPeer(host, secret).send(JunkPeer.header(Integer.MAX_VALUE, FrameTypes.HELLO, 0L)),
                    authenticatedPeer(host, secret).send(JunkPeer.header(16, FrameTypes.HELLO, 0L)).finishSending());
            for (JunkPeer peer : authenticated) {
                assertTrue(peer.droppedWithin(Delays.SHORT), "an authenticated peer with a bad HELLO kept its connection");
            }
            assertEquals(0, Canary.reads(), "a HELLO payload was deserialized");
            assertTrue(bystander.isAlive(), "the running child was disturbed");

            Files.createFile(Path.of(release));
            Reaper.joinWithin(bystander, Delays.CHILD);
            assertEquals(OptionalInt.of(1), bystander.exitCode(), () -> String.join("\n", lines));
            assertEquals("released after the abuse", bystander.failure().orElseThrow().getMessage());

            assertStartsAndExitsNormally(reaper, "after-hello");
        }
    }

    /** Every kind of pre-handshake junk, one connection each; returns how many connections it made. */
    private int throwJunkAt(Path socket) throws IOException {
        AtomicInteger count = new AtomicInteger();
        qt().withExamples(25).withShrinkCycles(50).forAll(JunkPeer.garbage()).checkAssert(junk -> {
            JunkPeer peer = junkPeer(socket).send(junk).finishSending();
            count.incrementAndGet();
            assertTrue(peer.droppedWithin(Delays.SHORT), "still connected after sending junk");
        });

        byte[] wrong = new byte[32];
        RANDOM.nextBytes(wrong);
        assertThrows(AuthenticationException.class, () -> Connection.connect(socket, wrong, Delays.SHORT).close());
        count.incrementAndGet();

        for (int announced : new int[] {FrameLimits.HANDSHAKE_MAX_FRAME + 1, Integer.MAX_VALUE}) {
            JunkPeer oversized = junkPeer(socket);
            oversized.receiveFrame(FrameTypes.CHALLENGE);
            oversized.send(JunkPeer.header(announced, FrameTypes.RESPONSE, 0L)); // and nothing more, without closing
            assertTrue(oversized.droppedWithin(Delays.SHORT), "announcing " + announced + " bytes");
            count.incrementAndGet();
        }

        JunkPeer truncated = junkPeer(socket);
        truncated.receiveFrame(FrameTypes.CHALLENGE);
        truncated.send(JunkPeer.header(32, FrameTypes.RESPONSE, 0L)).send(new byte[10]).finishSending();
        assertTrue(truncated.droppedWithin(Delays.SHORT), "a RESPONSE cut short");
        count.incrementAndGet();

        byte[] canary = Canary.serialized();
        for (byte type : new byte[] {FrameTypes.RESPONSE, FrameTypes.HELLO, FrameTypes.RUN_TASK, FrameTypes.TASK_FAILED}) {
            JunkPeer peer = junkPeer(socket);
            peer.receiveFrame(FrameTypes.CHALLENGE);
            peer.sendFrame(type, canary).finishSending();
            assertTrue(peer.droppedWithin(Delays.SHORT), "a serialized object as " + FrameTypes.name(type));
            count.incrementAndGet();
        }
        JunkPeer bare = junkPeer(socket).send(canary).finishSending();
        assertTrue(bare.droppedWithin(Delays.SHORT), "a bare serialization stream");
        count.incrementAndGet();
        return count.get();
    }

    private JunkPeer junkPeer(Path socket) {
        try {
            JunkPeer peer = JunkPeer.connect(socket);
            peers.add(peer);
            return peer;
        } catch (IOException e) {
            throw new AssertionError("cannot connect to " + socket, e);
        }
    }

    private JunkPeer authenticatedPeer(HostListener host, byte[] secret) throws IOException {
        return junkPeer(host.path()).authenticate(secret);
    }

    private static void assertStartsAndExitsNormally(Reaper reaper, String name) throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        ChildProcess child = reaper.start(ChildProcess.builder().name(name)
                .target(HostListenerAbuseTest::sayHello).output(lines::add).build());
        Reaper.joinWithin(child, Delays.CHILD);
        assertEquals(OptionalInt.of(0), child.exitCode(), () -> String.join("\n", lines));
        assertEquals(List.of("hello"), lines);
    }

    public static void sayHello() {
        System.out.println("hello");
    }

    /** In the child: announce, wait for the parent's release file, then fail so the exception must travel home. */
    public static void runUntilReleased(String release) throws InterruptedException {
        System.out.println("running");
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(Path.of(release))) {
            if (System.nanoTime() > giveUp) {
                System.exit(3);
            }
            Thread.sleep(10); // the child's own pace; the test waits with bounds, not sleeps
        }
        throw new IllegalStateException("released after the abuse");
    }
}
