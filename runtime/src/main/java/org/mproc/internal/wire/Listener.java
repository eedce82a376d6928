package org.mproc.internal.wire;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Unix domain socket listener that authenticates every connection before handing it over.
 * Each accepted connection gets its own daemon thread: the handshake runs there under a deadline,
 * so a peer that sends garbage or nothing cannot delay anyone else; a failed handshake closes that
 * connection only. After the handshake the same thread serves the connection until it ends.
 */
public final class Listener implements AutoCloseable {
    /** Serves one authenticated connection on the calling thread, until it ends. */
    @FunctionalInterface
    public interface Service {
        void serve(Connection connection) throws IOException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long ACCEPT_ERROR_PAUSE_MS = 50;

    private final Path path;
    private final ServerSocketChannel server;
    private final byte[] secret;
    private final Duration handshakeDeadline;
    private final Service service;
    private final AtomicLong rejected = new AtomicLong();

    private Listener(Path path, ServerSocketChannel server, byte[] secret, Duration handshakeDeadline,
                     Service service) {
        this.path = path;
        this.server = server;
        this.secret = secret.clone();
        this.handshakeDeadline = handshakeDeadline;
        this.service = service;
    }

    public static Listener open(Path path, byte[] secret, Duration handshakeDeadline, Service service)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
        }
        Listener listener = new Listener(path, server, secret, handshakeDeadline, service);
        Thread acceptor = RuntimeThreads.daemon(listener::acceptLoop, "mproc-accept-" + path.getFileName());
        acceptor.start();
        return listener;
    }

    public Path path() {
        return path;
    }

    /** Connections dropped because they failed the handshake or broke the protocol before it ended. */
    public long rejectedConnections() {
        return rejected.get();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                pauseAfterAcceptError();
                continue;
            }
            Thread t = RuntimeThreads.daemon(() -> handle(channel), "mproc-conn-" + THREADS.incrementAndGet());
            t.start();
        }
    }

    /** A persistent accept error (out of file descriptors) must not spin a core while it lasts. */
    private static void pauseAfterAcceptError() {
        try {
            Thread.sleep(ACCEPT_ERROR_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(SocketChannel channel) {
        Connection connection;
        try {
            connection = Connection.accepted(channel, secret, handshakeDeadline);
        } catch (IOException | RuntimeException e) {
            rejected.incrementAndGet();
            return;
        }
        try {
            service.serve(connection);
        } catch (IOException | RuntimeException e) {
            // The service decides what a broken connection means for its peer; the listener lives on.
        } finally {
            connection.close();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // The tree directory is removed at exit anyway.
        }
    }
}
