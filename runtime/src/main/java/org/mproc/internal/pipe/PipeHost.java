package org.mproc.internal.pipe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;

/**
 * The pipes this process hosts (it opened them), and the service through which other processes
 * use their ends: each connection claims one end with its first frame and is that end until it
 * ends. The connection's thread reads its frames in order and hands each on without waiting
 * (see {@link PipeState}); when the connection ends, the process that used the end is gone, or
 * closed it, and the other end gets the end of the stream.
 */
public final class PipeHost {
    private static volatile PipeHost instance;

    private final Path socket;
    private final Map<Long, PipeState> pipes = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private PipeHost() {
        this.socket = Hosting.listenerPath();
        Hosting.serveClients(ClientHelloFrame.PIPES, this::serve);
    }

    /** This process's host, started with its first pipe. */
    public static PipeHost get() {
        PipeHost host = instance;
        if (host == null) {
            synchronized (PipeHost.class) {
                host = instance;
                if (host == null) {
                    host = new PipeHost();
                    instance = host;
                }
            }
        }
        return host;
    }

    /** The listener a remote end connects to. */
    public Path socket() {
        return socket;
    }

    /** A new pipe; its id names it within this host. */
    public long open() {
        long id = ids.incrementAndGet();
        pipes.put(id, new PipeState(id, () -> pipes.remove(id)));
        return id;
    }

    /** Whether this process hosts pipes at {@code socket}: then its ends are used without a connection. */
    static PipeHost at(String socket) {
        PipeHost host = instance;
        return host != null && host.socket.toString().equals(socket) ? host : null;
    }

    /**
     * Claims an end of a pipe hosted here for this process.
     *
     * @throws IllegalStateException if another process uses the end, or it is closed
     */
    LocalPipeLink claimLocal(long pipeId, int side) {
        long pid = ProcessHandle.current().pid();
        PipeState pipe = pipes.get(pipeId);
        if (pipe == null) {
            throw new IllegalStateException(forgotten(pipeId, side));
        }
        String[] refusal = new String[1];
        LocalPipeLink link = pipe.claimLocal(side, pid, refusal);
        if (link == null) {
            throw new IllegalStateException(refusal[0]);
        }
        return link;
    }

    private static String forgotten(long pipeId, int side) {
        return "the " + PipeState.SIDES[side] + " end of pipe #" + pipeId + " is closed: both ends of the pipe are";
    }

    private void serve(Connection c) throws IOException {
        Frame first = c.read();
        if (first == null) {
            return;
        }
        PipeFrames.Claim claim = PipeFrames.Claim.from(first);
        PipeState pipe = pipes.get(claim.pipeId());
        if (pipe == null) {
            if (claim.pipeId() < 1 || claim.pipeId() > ids.get()) {
                throw new ProtocolException("no pipe " + claim.pipeId() + " was ever hosted by this process");
            }
            c.send(new PipeFrames.Refused(forgotten(claim.pipeId(), claim.side())).toFrame());
            return;
        }
        if (!pipe.claimRemote(claim.side(), claim.pid(), c)) {
            return;
        }
        try {
            for (Frame f = c.read(); f != null; f = c.read()) {
                switch (f.type()) {
                    case FrameTypes.PIPE_SEND -> pipe.send(claim.side(), PipeFrames.Send.from(f).value());
                    case FrameTypes.PIPE_RECEIVED -> pipe.received(claim.side(), PipeFrames.Received.from(f).received());
                    case FrameTypes.PIPE_CLOSE -> {
                        PipeFrames.Close.from(f);
                        pipe.close(claim.side(), pipe.endName(claim.side()) + " was closed by process " + claim.pid());
                        return; // the listener closes the connection, which ends the client's reader
                    }
                    default -> throw new ProtocolException("a pipe end may not send " + f);
                }
            }
        } finally {
            pipe.disconnected(claim.side(), claim.pid());
        }
    }
}
