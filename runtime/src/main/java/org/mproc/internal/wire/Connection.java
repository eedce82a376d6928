package org.mproc.internal.wire;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An authenticated connection between two processes of one tree. Frames are read by one thread
 * (its owner) and may be written by any; the frame limit rises to {@link FrameLimits#maxFrame()}
 * only after the handshake.
 */
public final class Connection implements AutoCloseable {
    private final SocketChannel channel;
    private final FrameReader reader;
    private final FrameWriter writer;
    private volatile Readiness readable;
    private volatile Readiness writable;

    private Connection(SocketChannel channel) {
        this.channel = channel;
        this.reader = new FrameReader(channel, FrameLimits.HANDSHAKE_MAX_FRAME);
        this.writer = new FrameWriter(channel, FrameLimits.maxFrame());
    }

    /** Connects to a listener and proves the secret; the handshake must finish within {@code deadline}. */
    public static Connection connect(Path socket, byte[] secret, Duration deadline) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        Connection connection = new Connection(channel);
        connection.authenticate(secret, false, deadline);
        return connection;
    }

    /** Runs the accepting side of the handshake on a freshly accepted channel. */
    static Connection accepted(SocketChannel channel, byte[] secret, Duration deadline) throws IOException {
        Connection connection = new Connection(channel);
        connection.authenticate(secret, true, deadline);
        return connection;
    }

    private void authenticate(byte[] secret, boolean accepting, Duration deadline) throws IOException {
        // A peer that stalls mid-handshake must not hold the thread: closing the channel wakes the read.
        Deadlines.Alarm alarm = Deadlines.closeAfter(deadline, channel);
        try {
            Handshake handshake = new Handshake(secret);
            if (accepting) {
                handshake.accept(reader, writer);
            } else {
                handshake.connect(reader, writer);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } finally {
            alarm.close();
        }
        reader.limit(FrameLimits.maxFrame());
    }

    /**
     * Makes this connection safe for callers that may be interrupted: from now on it uses
     * non-blocking I/O, so an interrupted reader or writer wakes up instead of closing the channel
     * for every thread (a blocking NIO call on an interrupted thread closes its channel). Call it
     * before any thread reads, once the handshake is done.
     */
    public void uninterruptible() throws IOException {
        channel.configureBlocking(false);
        readable = new Readiness(channel, java.nio.channels.SelectionKey.OP_READ);
        writable = new Readiness(channel, java.nio.channels.SelectionKey.OP_WRITE);
        reader.nonBlocking(readable);
        writer.nonBlocking(writable);
    }

    /**
     * Makes the reader of this {@link #uninterruptible()} connection poll for up to
     * {@link SpinWait#nanos()} before it sleeps, while its waits are that short: for connections
     * that carry request and answer (a manager's, a pool worker's), where the peer's answer usually
     * comes within the spin and a sleep would add a wake-up to every round trip. Not for queue
     * traffic: with more processes than cores a spinning reader takes the core its producer needs.
     */
    public void spinWhileWaiting() {
        reader.spinWhileWaiting();
    }

    /**
     * Tells the reader that its next wait may be long (a server that has parked the peer's lock
     * request waits for the peer's next frame until the lock is granted): a spin that goes
     * unanswered then does not stop the spinning for the quick waits. Owner thread only.
     */
    public void nextWaitMayBlock() {
        reader.nextWaitMayBlock();
    }

    /**
     * The next frame, or null at a clean end of stream; on an {@link #uninterruptible()}
     * connection an interrupt before the frame begins ends the wait with
     * {@link java.io.InterruptedIOException}. One reader at a time. Such a wait may be long (a
     * lock request), so its spins are judged apart from quick waits' (see {@link #nextWaitMayBlock()}).
     */
    public Frame readOrInterrupt() throws IOException {
        return reader.read(true);
    }

    /** The next frame, or null at a clean end of stream. Owner thread only. */
    public Frame read() throws IOException {
        return reader.read();
    }

    public void send(Frame frame) throws IOException {
        writer.write(frame);
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket whose peer is gone may fail; it is closed either way.
        }
        // Each closed as it is, not through a Readiness[]: creating the array would load the class,
        // and a connection that never became uninterruptible may be closed from the exit hook, when
        // a launcher may have closed the class loader (G-PROC-11).
        Readiness r = readable;
        if (r != null) {
            r.close(); // also wakes a thread waiting in it: the closed channel then ends its loop
        }
        Readiness w = writable;
        if (w != null) {
            w.close();
        }
    }
}
