package org.mproc.internal.pipe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.ProcessException;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.RuntimeThreads;

/**
 * An end used in a process other than its pipe's host, over a connection of its own: the host
 * pushes the values sent to this end, and its reader thread ({@code mproc-pipe-<id>-<side>}) puts
 * them into the inbox, so no caller ever reads the connection and a caller's wait is a wait on the
 * inbox or the window. When the connection ends without this end having been closed, the host is
 * gone: what arrived can still be received, then the stream ends; a send fails with
 * {@link ProcessException}.
 */
final class RemotePipeLink extends PipeEndLink {
    /** Connections open now, closed at exit; one registration for all (see {@link Hosting#connectUnregistered}). */
    private static final Set<Connection> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Hosting.atExitCloseConnections(() -> OPEN.forEach(Connection::close));
    }

    private final Connection connection;
    private final String socket;
    /** The largest receipt told to the host. */
    private final AtomicLong reported = new AtomicLong();

    private RemotePipeLink(Connection connection, String socket, String name) {
        super(name);
        this.connection = connection;
        this.socket = socket;
    }

    /**
     * Connects to the host at {@code socket} and claims the end.
     *
     * @throws IllegalStateException if the host refuses: another process uses the end, or it is closed
     * @throws ProcessException      if the host cannot be reached
     */
    static RemotePipeLink claim(String socket, long pipeId, int side) {
        String name = "the " + PipeState.SIDES[side] + " end of pipe #" + pipeId;
        Connection c;
        try {
            c = Hosting.connectUnregistered(Path.of(socket), ClientHelloFrame.PIPES);
        } catch (IOException e) {
            throw new ProcessException("cannot reach the process hosting the pipe (" + socket + "): " + e.getMessage(),
                    e);
        }
        OPEN.add(c);
        try {
            c.send(new PipeFrames.Claim(pipeId, side, ProcessHandle.current().pid()).toFrame());
            Frame answer = c.read();
            if (answer == null) {
                throw new IOException("the host closed the connection");
            }
            if (answer.type() == FrameTypes.PIPE_REFUSED) {
                throw new IllegalStateException(PipeFrames.Refused.from(answer).why());
            }
            PipeFrames.Claimed.from(answer);
        } catch (IOException | RuntimeException e) {
            OPEN.remove(c);
            c.close();
            if (e instanceof IllegalStateException refused) {
                throw refused;
            }
            throw new ProcessException("cannot claim " + name + " from the process hosting it (" + socket + "): " + e,
                    e);
        }
        RemotePipeLink link = new RemotePipeLink(c, socket, name);
        RuntimeThreads.daemon(link::read, "mproc-pipe-" + pipeId + "-" + PipeState.SIDES[side]).start();
        return link;
    }

    @Override
    void deliver(byte[] value) {
        try {
            connection.send(new PipeFrames.Send(value).toFrame());
        } catch (IOException e) {
            if (isClosed()) {
                throw new IllegalStateException("this pipe end was closed while a value was sent", e);
            }
            throw hostGone(e);
        }
    }

    /**
     * Tells the host when the inbox ran dry or a quarter window was received since the last report:
     * a sender waiting for room always hears before this end would wait (see {@link PipeWindow}).
     */
    @Override
    void reportReceived(long received, boolean drained) {
        long last = reported.get();
        if (received <= last || (!drained && received - last < PipeWindow.BYTES / 4)) {
            return;
        }
        if (reported.compareAndSet(last, received)) {
            try {
                connection.send(new PipeFrames.Received(received).toFrame());
            } catch (IOException gone) {
                // The host is gone; the reader sees the end of the connection.
            }
        } else {
            reportReceived(received, drained); // another thread reported meanwhile: report ours if larger
        }
    }

    /** Tells the host; it closes the connection, whose end then stops the reader thread. */
    @Override
    void release(String why) {
        try {
            connection.send(new PipeFrames.Close().toFrame());
        } catch (IOException gone) {
            connection.close();
        }
    }

    private ProcessException hostGone(Throwable cause) {
        return new ProcessException("the process hosting the pipe is gone (" + socket + ")", cause);
    }

    private void read() {
        String why = "the process hosting the pipe is gone (" + socket + ")";
        try {
            for (Frame f = connection.read(); f != null; f = connection.read()) {
                switch (f.type()) {
                    case FrameTypes.PIPE_VALUE -> inbox.add(PipeFrames.Value.from(f).value());
                    case FrameTypes.PIPE_ROOM -> window.room(PipeFrames.Room.from(f).received());
                    case FrameTypes.PIPE_EOF -> {
                        String eof = PipeFrames.Eof.from(f).why();
                        inbox.end(eof);
                        window.peerClosed(eof, false);
                    }
                    default -> throw new ProtocolException("a pipe's host may not send " + f);
                }
            }
        } catch (IOException e) {
            why = why + ": " + e.getMessage();
        } finally {
            OPEN.remove(connection);
            connection.close();
            // After a close here the connection's end is expected; otherwise the host died.
            inbox.end(why);
            window.peerClosed(why, true);
        }
    }
}
