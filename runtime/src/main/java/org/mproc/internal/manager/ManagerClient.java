package org.mproc.internal.manager;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.mproc.ProcessException;
import org.mproc.internal.manager.ManagerFrames.Cancel;
import org.mproc.internal.manager.ManagerFrames.Request;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;

/**
 * This process's one connection to a manager's server, shared by every proxy and thread; calls
 * carry correlation ids. There is no reader thread: a caller waiting for its answer reads the
 * connection itself (leader/follower) and hands other callers' answers to them, so a lone call
 * costs a round trip and no thread hand-off; when it has its own answer it wakes a waiting caller
 * to read on. Each answer is read as the shape its {@link Request} expects ({@link Request#reply});
 * one that is malformed ends the connection. When the server is gone, pending and later calls fail
 * with {@link ProcessException}.
 */
public final class ManagerClient {
    private static final Map<String, ManagerClient> CLIENTS = new ConcurrentHashMap<>();

    private final String socket;
    private final Connection connection;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ReentrantLock reading = new ReentrantLock();
    private final AtomicLong ids = new AtomicLong();
    private volatile ProcessException gone;

    /** One request in flight: its answer, or why there is none, and who waits for it. */
    static final class Pending {
        final Request request;
        final Thread caller = Thread.currentThread();
        volatile ManagerReply reply;
        volatile ProcessException failure;

        Pending(Request request) {
            this.request = request;
        }

        boolean done() {
            return reply != null || failure != null;
        }
    }

    private ManagerClient(String socket) throws IOException {
        this.socket = socket;
        this.connection = Hosting.connectAsClient(Paths.get(socket), ClientHelloFrame.MANAGER);
        connection.spinWhileWaiting();
    }

    public static ManagerClient to(String socket) {
        ManagerClient live = CLIENTS.get(socket);
        if (live != null && live.gone == null) {
            return live;
        }
        return CLIENTS.compute(socket, (s, old) -> {
            if (old != null && old.gone == null) {
                return old;
            }
            try {
                return new ManagerClient(s);
            } catch (IOException e) {
                throw new ProcessException("cannot reach the manager's server (" + s + "): " + e.getMessage(), e);
            }
        });
    }

    /**
     * The server at {@code socket} was stopped: this process's connection to it is closed now
     * rather than left open until some call reads its end (there is no reader thread to notice),
     * and calls still waiting fail with {@link ProcessException}.
     */
    public static void serverStopped(String socket) {
        ManagerClient client = CLIENTS.get(socket);
        if (client != null) {
            client.failAll(new ProcessException("the manager's server was stopped (" + socket + ")", null));
        }
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Sends {@code request} and waits for its answer; an interrupt is kept for after. */
    public ManagerReply call(Request request) {
        return await(send(request), null);
    }

    /** Sends {@code request}; {@link #await} then waits for the answer. */
    Pending send(Request request) {
        long corr = request.correlationId();
        Pending call = new Pending(request);
        pending.put(corr, call);
        ProcessException dead = gone;
        if (dead != null) {
            pending.remove(corr);
            throw dead;
        }
        try {
            connection.send(request.toFrame());
        } catch (IOException e) {
            pending.remove(corr);
            throw serverGone(e);
        }
        return call;
    }

    /** Gives up a parked LOCK; it needs no answer, and a server that is gone makes it moot. */
    void cancel(Cancel cancel) {
        try {
            connection.send(cancel.toFrame());
        } catch (IOException gone) {
            // Pending calls fail when their reader sees the end.
        }
    }

    /**
     * Waits for {@code call}'s answer, reading the connection whenever no other caller does. The
     * first interrupt runs {@code onInterrupt} (which may send a cancel) and the wait goes on until
     * the answer; the interrupt status is set again on return.
     */
    ManagerReply await(Pending call, Runnable onInterrupt) {
        boolean interrupted = false;
        try {
            while (!call.done()) {
                if (reading.tryLock()) {
                    try {
                        interrupted |= readUntil(call, interrupted ? null : onInterrupt);
                    } finally {
                        reading.unlock();
                        wakeAnotherReader();
                    }
                } else {
                    LockSupport.park(this);
                }
                if (Thread.interrupted() && !interrupted) {
                    interrupted = true;
                    if (onInterrupt != null) {
                        onInterrupt.run();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (call.failure != null) {
            throw call.failure;
        }
        return call.reply;
    }

    /** Reads answers until {@code mine} has one; returns whether an interrupt came meanwhile. */
    private boolean readUntil(Pending mine, Runnable onInterrupt) {
        boolean interrupted = false;
        while (!mine.done()) {
            Frame f;
            try {
                f = onInterrupt != null && !interrupted ? connection.readOrInterrupt() : connection.read();
            } catch (InterruptedIOException e) {
                Thread.interrupted();
                interrupted = true;
                onInterrupt.run();
                continue;
            } catch (IOException e) {
                failAll(serverGone(e));
                break;
            }
            if (f == null) {
                failAll(serverGone(null));
                break;
            }
            try {
                if (f.type() != FrameTypes.MGR_REPLY) {
                    throw new ProtocolException("a manager may not send " + f);
                }
                Pending answered = pending.get(f.correlationId());
                if (answered != null) {
                    ManagerReply reply = answered.request.reply(f); // malformed: still pending, so failAll fails it
                    pending.remove(f.correlationId());
                    answered.reply = reply;
                    LockSupport.unpark(answered.caller);
                }
            } catch (ProtocolException e) {
                connection.close();
                failAll(serverGone(e));
                break;
            }
        }
        if (Thread.interrupted()) {
            interrupted = true;
        }
        return interrupted;
    }

    /** The reader is done: a caller still waiting must read next. */
    private void wakeAnotherReader() {
        for (Pending c : pending.values()) {
            if (!c.done()) {
                LockSupport.unpark(c.caller);
                return;
            }
        }
    }

    private void failAll(ProcessException why) {
        gone = why;
        CLIENTS.remove(socket, this);
        connection.close();
        for (Long corr : pending.keySet()) {
            Pending c = pending.remove(corr);
            if (c != null) {
                c.failure = why;
                LockSupport.unpark(c.caller);
            }
        }
    }

    private ProcessException serverGone(Throwable cause) {
        return new ProcessException("the manager's server is gone (" + socket + ")", cause);
    }
}
