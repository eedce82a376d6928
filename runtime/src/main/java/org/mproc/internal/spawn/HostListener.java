package org.mproc.internal.spawn;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mproc.ProcessException;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.HelloFrame;
import org.mproc.internal.wire.Listener;
import org.mproc.internal.wire.ProtocolException;

/**
 * This process's one listener, opened on first launch at {@code <tree>/<pid>.sock}. A child's first
 * frame after the handshake is {@code HELLO(token)}; the token picks the {@link Launch} it belongs
 * to, which then serves the connection on the same thread. Unknown tokens are dropped. A connection
 * that opens with {@code CLIENT_HELLO} comes from a process using an object hosted here (a queue)
 * and goes to the client service.
 */
public final class HostListener {
    static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(
            Long.getLong("mproc.handshakeSeconds", 30));

    private static volatile HostListener instance;

    private final Listener listener;
    private final Map<Long, Launch> expected = new ConcurrentHashMap<>();
    private final Map<Byte, Listener.Service> clients = new ConcurrentHashMap<>();
    /** Client connections being served: closed at exit, so no reader holds up the JVM's exit. */
    private final java.util.Set<Connection> served = ConcurrentHashMap.newKeySet();

    private HostListener(ProcessTree tree) throws IOException {
        Path socket = tree.socketFor(ProcessHandle.current().pid());
        java.nio.file.Files.deleteIfExists(socket); // a stale socket of a dead process with our pid
        this.listener = Listener.open(socket, tree.secret(), HANDSHAKE_DEADLINE, this::serve);
        ExitSequence.register(ExitSequence.Step.LISTENER, this::close);
    }

    static HostListener get() {
        HostListener host = instance;
        if (host == null) {
            synchronized (HostListener.class) {
                host = instance;
                if (host == null) {
                    try {
                        host = new HostListener(ProcessTree.current());
                    } catch (IOException e) {
                        throw new ProcessException("cannot open mproc's listener: " + e.getMessage(), e);
                    }
                    instance = host;
                }
            }
        }
        return host;
    }

    /** Stops accepting and ends every client connection (a thread blocked reading one delays the JVM's exit). */
    void close() {
        listener.close();
        for (Connection c : served) {
            c.close();
        }
    }

    Path path() {
        return listener.path();
    }

    long rejectedConnections() {
        return listener.rejectedConnections();
    }

    /** Serves connections that open with CLIENT_HELLO for {@code service}: processes using objects hosted here. */
    void serveClients(byte service, Listener.Service handler) {
        clients.put(service, handler);
    }

    void expect(long token, Launch launch) {
        expected.put(token, launch);
    }

    void forget(long token) {
        expected.remove(token);
    }

    private void serve(Connection connection) throws IOException {
        Frame first = connection.read();
        if (first == null) {
            return;
        }
        if (first.type() == FrameTypes.CLIENT_HELLO) {
            Listener.Service service = clients.get(ClientHelloFrame.from(first).service());
            if (service != null) {
                connection.uninterruptible();
                served.add(connection);
                try {
                    service.serve(connection);
                } finally {
                    served.remove(connection);
                }
            }
            return;
        }
        if (first.type() != FrameTypes.HELLO) {
            throw new ProtocolException("expected HELLO first, got " + first);
        }
        HelloFrame hello = HelloFrame.from(first);
        Launch launch = expected.remove(hello.token());
        if (launch != null) {
            launch.serve(connection);
        }
    }
}
