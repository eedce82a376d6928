package org.mproc.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.AuthenticationException;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.SetCall;
import org.mproc.internal.manager.ManagerProxy;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.testkit.Delays;

/**
 * G-MGR-6: only a process that proves the tree's secret reaches the server's objects; a client
 * that breaks the protocol loses its own connection, and the server keeps serving everyone else.
 */
@Tag("G-MGR-6")
class ManagerAuthenticationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Manager manager;
    private static Namespace shared;
    private static Path socket;

    @BeforeAll
    static void startManager() {
        manager = Manager.start();
        shared = manager.namespace();
        shared.set("value", 1);
        socket = Path.of(((ManagerProxy) shared).socket()); // the server's own listener
    }

    @AfterAll
    static void stopManager() {
        manager.close();
    }

    /** The shared object is untouched and the server still answers a legitimate client. */
    private static void assertStillServingAndUnchanged() {
        assertEquals(1, shared.<Integer>get("value"));
    }

    private static long objectId() {
        return Long.parseLong(shared.toString().replaceAll(".*#(\\d+)@.*", "$1"));
    }

    /** A SET of the shared attribute to 666, as an attacker would send it. */
    private static byte[] setFrame() throws IOException {
        SetCall call = new SetCall(1, objectId(), "value".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                org.mproc.internal.wire.codec.Codec.standard().encode(666));
        Frame f = call.toFrame();
        return ByteBuffer.allocate(Frame.HEADER_BYTES + f.payload().length).putInt(f.payload().length)
                .put(f.type()).putLong(f.correlationId()).put(f.payload()).array();
    }

    /** Writes {@code bytes} without a handshake and waits until the server has closed the connection. */
    private static void sendRaw(byte[] bytes) {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Delays.SHORT, () -> {
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                ByteBuffer out = ByteBuffer.wrap(bytes);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ByteBuffer in = ByteBuffer.allocate(4096);
                while (ch.read(in) >= 0) {
                    in.clear(); // the server's challenge; then it closes
                }
            } catch (IOException refused) {
                // The server closed on us mid-write: refused all the same.
            }
        }, "the server did not close a connection that skipped the handshake");
    }

    @Test
    void aWrongSecretIsRefusedAndNothingRuns() throws Exception {
        byte[] wrong = new byte[32];
        RANDOM.nextBytes(wrong);
        assertThrows(AuthenticationException.class, () -> Connection.connect(socket, wrong, Delays.SHORT).close());
        assertStillServingAndUnchanged();
    }

    @Test
    void operationsWithoutAHandshakeAreNeverRun() throws Exception {
        sendRaw(setFrame());
        byte[] noise = new byte[4096];
        RANDOM.nextBytes(noise);
        sendRaw(noise);
        byte[] huge = ByteBuffer.allocate(13).putInt(Integer.MAX_VALUE).put(FrameTypes.MGR_CALL).putLong(1).array();
        sendRaw(huge);
        assertStillServingAndUnchanged();
    }

    private static void assertClosedByServer(Connection c) throws Exception {
        try {
            assertNull(c.read(), "the server answered instead of closing");
        } catch (IOException closed) {
            // also an end
        } finally {
            c.close();
        }
    }

    @Test
    void malformedRequestsAfterTheHandshakeCloseOnlyThatConnection() throws Exception {
        Connection unknownObject = Hosting.connectAsClient(socket, ClientHelloFrame.MANAGER);
        unknownObject.send(new GetCall(1, Long.MAX_VALUE, new byte[0]).toFrame());
        assertClosedByServer(unknownObject);

        Connection garbage = Hosting.connectAsClient(socket, ClientHelloFrame.MANAGER);
        garbage.send(new Frame(FrameTypes.MGR_CALL, 1, new byte[] {1, 2, 3}));
        assertClosedByServer(garbage);

        Connection foreign = Hosting.connectAsClient(socket, ClientHelloFrame.MANAGER);
        foreign.send(new Frame(FrameTypes.POOL_CHUNK, 1, new byte[16]));
        assertClosedByServer(foreign);

        assertStillServingAndUnchanged();
    }
}
