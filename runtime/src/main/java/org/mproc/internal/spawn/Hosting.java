package org.mproc.internal.spawn;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Listener;

/**
 * What the runtime's shared objects (queues, pipes) need from the process plumbing: this process's
 * listener, where clients of objects it hosts connect; and connections to another process's
 * listener, authenticated with the tree's secret.
 */
public final class Hosting {
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(30);

    private Hosting() {}

    /** Stops serving clients now, as at exit: a server that is done need not wait for its JVM's exit hooks. */
    public static void stopServing() {
        HostListener.get().close();
    }

    /** The socket path of this process's listener, opening it if needed. */
    public static Path listenerPath() {
        return HostListener.get().path();
    }

    /**
     * Serves every connection that opens with CLIENT_HELLO for {@code service} (see
     * {@link ClientHelloFrame}), each on its own thread; such a
     * connection is {@link Connection#uninterruptible() uninterruptible}, since this process's
     * callers' threads write answers on it.
     */
    public static void serveClients(byte service, Listener.Service handler) {
        HostListener.get().serveClients(service, handler);
    }

    /**
     * Connects to the listener at {@code socket} as a client; the connection is closed at exit and
     * is {@link Connection#uninterruptible() uninterruptible}.
     */
    public static Connection connectAsClient(Path socket, byte service) throws IOException {
        Connection c = connectUnregistered(socket, service);
        ExitSequence.register(ExitSequence.Step.CONNECTIONS, c::close);
        return c;
    }

    /**
     * Like {@link #connectAsClient}, but the caller closes the connection at exit itself: for
     * connections a process opens many of over its life (one per pipe end it uses), which the exit
     * sequence's list, holding every action registered, would otherwise keep for ever.
     */
    public static Connection connectUnregistered(Path socket, byte service) throws IOException {
        Connection c = Connection.connect(socket, ProcessTree.current().secret(), CONNECT_DEADLINE);
        c.uninterruptible(); // callers' threads write on it, and a user may interrupt them
        c.send(new ClientHelloFrame(service).toFrame());
        return c;
    }

    /** Runs {@code action} in the exit sequence's step that closes client connections. */
    public static void atExitCloseConnections(Runnable action) {
        ExitSequence.register(ExitSequence.Step.CONNECTIONS, action);
    }
}
