package org.mproc.internal.pipe;

import java.io.IOException;
import java.util.ArrayDeque;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;

/**
 * One pipe, in the process that hosts it: who uses each end and what waits for it. The host only
 * relays: a value sent from one end goes straight on to the other end's process (its connection,
 * or its {@link LocalPipeLink}'s inbox) and is kept here only while no process has claimed that
 * end. Nothing here waits, so a connection's reader thread never blocks on the pipe; values and the
 * end of the stream are handed on under this object's monitor, which keeps them in order.
 *
 * <pre>
 *   an end:  unclaimed ──first use in a process──▶ claimed ──close, or its process gone──▶ closed
 *            unclaimed ──close() in some process──▶ closed  (close is a use)
 *   the pipe is forgotten once both ends are closed.
 * </pre>
 */
final class PipeState {
    static final String[] SIDES = {"left", "right"};

    final long id;
    private final Side[] sides = {new Side(), new Side()};
    private final Runnable forget;

    /** One end, as the host sees it. Guarded by the pipe's monitor. */
    private static final class Side {
        /** null while unclaimed; then the {@link LocalPipeLink} or the {@link Connection} that claimed it. */
        Object owner;
        long ownerPid;
        /** Why the end is closed; null while open. */
        String closed;
        /** Values for this end while no process has claimed it. */
        final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    }

    PipeState(long id, Runnable forget) {
        this.id = id;
        this.forget = forget;
    }

    String endName(int side) {
        return "the " + SIDES[side] + " end of pipe #" + id;
    }

    /** Claims {@code side} for this process; the link, or null with {@code refusal[0]} saying why not. */
    synchronized LocalPipeLink claimLocal(int side, long pid, String[] refusal) {
        refusal[0] = refusal(side, pid);
        if (refusal[0] != null) {
            return null;
        }
        LocalPipeLink link = new LocalPipeLink(this, side, endName(side));
        claimed(side, link, pid);
        link.inbox.addAll(sides[side].waiting);
        sides[side].waiting.clear();
        String peerClosed = sides[1 - side].closed;
        if (peerClosed != null) {
            link.inbox.end(peerClosed);
            link.window.peerClosed(peerClosed, false);
        }
        return link;
    }

    /**
     * Claims {@code side} for the process at the other end of {@code c}, answering on {@code c}:
     * {@code PIPE_CLAIMED}, the values that waited for the end, and {@code PIPE_EOF} if the other end
     * is closed already; or {@code PIPE_REFUSED}. Returns whether the claim was granted.
     */
    synchronized boolean claimRemote(int side, long pid, Connection c) {
        String refusal = refusal(side, pid);
        if (refusal != null) {
            send(c, new PipeFrames.Refused(refusal).toFrame());
            return false;
        }
        claimed(side, c, pid);
        send(c, new PipeFrames.Claimed().toFrame());
        for (byte[] v : sides[side].waiting) {
            send(c, new PipeFrames.Value(v).toFrame());
        }
        sides[side].waiting.clear();
        String peerClosed = sides[1 - side].closed;
        if (peerClosed != null) {
            send(c, new PipeFrames.Eof(peerClosed).toFrame());
        }
        return true;
    }

    private String refusal(int side, long pid) {
        Side s = sides[side];
        if (s.closed != null) {
            return endName(side) + " is closed: " + s.closed;
        }
        if (s.owner != null) {
            return endName(side) + " is already used by process " + s.ownerPid + ", so process " + pid
                    + " cannot use it: a pipe end sent to two processes? Each end belongs to the first process"
                    + " that uses it";
        }
        return null;
    }

    private void claimed(int side, Object owner, long pid) {
        sides[side].owner = owner;
        sides[side].ownerPid = pid;
    }

    /** A value sent from {@code from}: on to the other end, kept until it is claimed, or dropped if it is closed. */
    synchronized void send(int from, byte[] value) {
        Side to = sides[1 - from];
        if (to.closed != null) {
            return; // the sender has been told (PIPE_EOF, or its window): nothing can receive it
        }
        if (to.owner == null) {
            to.waiting.add(value);
        } else if (to.owner instanceof LocalPipeLink local) {
            local.inbox.add(value);
        } else {
            send((Connection) to.owner, new PipeFrames.Value(value).toFrame());
        }
    }

    /** End {@code side} has received values costing {@code received}: the other end's window opens. */
    synchronized void received(int side, long received) {
        Object peer = sides[1 - side].owner;
        if (sides[1 - side].closed != null || peer == null) {
            return;
        }
        if (peer instanceof LocalPipeLink local) {
            local.window.room(received);
        } else {
            send((Connection) peer, new PipeFrames.Room(received).toFrame());
        }
    }

    /**
     * End {@code side} is closed ({@code why}): the other end gets the end of the stream after what
     * was sent to it. The first reason counts; the pipe is forgotten once both ends are closed.
     */
    void close(int side, String why) {
        boolean bothClosed;
        synchronized (this) {
            Side s = sides[side];
            if (s.closed != null) {
                return;
            }
            s.closed = why;
            s.waiting.clear();
            Object peer = sides[1 - side].owner;
            if (sides[1 - side].closed == null && peer != null) {
                if (peer instanceof LocalPipeLink local) {
                    local.inbox.end(why);
                    local.window.peerClosed(why, false);
                } else {
                    send((Connection) peer, new PipeFrames.Eof(why).toFrame());
                }
            }
            bothClosed = sides[1 - side].closed != null;
        }
        if (bothClosed) {
            forget.run();
        }
    }

    /** The connection that claimed {@code side} has ended: the end is closed, if it was not already. */
    void disconnected(int side, long pid) {
        close(side, "process " + pid + ", which used " + endName(side) + ", is gone");
    }

    /**
     * Writes on a claimant's connection. A failed write means that process is gone; the thread that
     * reads its connection sees the end and closes its end of the pipe.
     */
    private static void send(Connection c, Frame f) {
        try {
            c.send(f);
        } catch (IOException gone) {
            // See above.
        }
    }
}
