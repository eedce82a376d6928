package org.mproc;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.spawn.Hosting;
import org.mproc.wire.Connection;
import org.mproc.wire.Frame;
import org.mproc.wire.FrameTypes;
import org.mproc.wire.HelloFrame;
import org.mproc.wire.ManagerFrames.Reply;

/**
 * This process's one connection to a manager's server, shared by every proxy and thread: calls
 * carry correlation ids, one reader thread completes them. When the server is gone, pending and
 * later calls fail with {@link ProcessException}.
 */
final class ManagerClient {
    private static final Map<String, ManagerClient> CLIENTS = new ConcurrentHashMap<>();

    private final String socket;
    private final Connection connection;
    private final Map<Long, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile ProcessException gone;

    private ManagerClient(String socket) throws IOException {
        this.socket = socket;
        this.connection = Hosting.connectAsClient(Paths.get(socket), HelloFrame.MANAGER);
        Thread reader = new Thread(this::read, "mproc-manager-client");
        reader.setDaemon(true);
        reader.start();
    }

    static ManagerClient to(String socket) {
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

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Sends {@code request} (whose correlation id is {@code corr}) and waits for the answer. */
    Reply call(Frame request, long corr) {
        CompletableFuture<Reply> answer = send(request, corr);
        return awaitUninterruptibly(answer); // a manager call is short: an interrupt is kept for after it
    }

    /** Sends {@code request}; the future completes with its answer, or fails once the server is gone. */
    CompletableFuture<Reply> send(Frame request, long corr) {
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        pending.put(corr, answer);
        try {
            ProcessException dead = gone;
            if (dead != null) {
                throw dead;
            }
            connection.send(request);
        } catch (IOException e) {
            pending.remove(corr);
            answer.completeExceptionally(serverGone(e));
        } catch (ProcessException e) {
            pending.remove(corr);
            answer.completeExceptionally(e);
        }
        ProcessException dead = gone;
        if (dead != null && pending.remove(corr) != null) {
            answer.completeExceptionally(dead); // the reader ended between our put and its sweep
        }
        return answer;
    }

    /** Sends a frame that needs no answer; a server that is gone makes it moot. */
    void sendQuietly(Frame frame) {
        try {
            connection.send(frame);
        } catch (IOException gone) {
            // Pending calls fail through the reader.
        }
    }

    static Reply awaitUninterruptibly(CompletableFuture<Reply> answer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw (ProcessException) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ProcessException serverGone(Throwable cause) {
        return new ProcessException("the manager's server is gone (" + socket + ")", cause);
    }

    private void read() {
        Throwable why = null;
        try {
            for (Frame f = connection.read(); f != null; f = connection.read()) {
                if (f.type() != FrameTypes.MGR_REPLY) {
                    throw new IOException("a manager may not send " + f);
                }
                CompletableFuture<Reply> answer = pending.remove(f.correlationId());
                if (answer != null) {
                    answer.complete(Reply.from(f));
                }
            }
        } catch (IOException e) {
            why = e;
        }
        gone = serverGone(why);
        connection.close();
        for (Long corr : pending.keySet()) {
            CompletableFuture<Reply> answer = pending.remove(corr);
            if (answer != null) {
                answer.completeExceptionally(gone);
            }
        }
    }
}
