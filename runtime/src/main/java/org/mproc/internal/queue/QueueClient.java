package org.mproc.internal.queue;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.ProcessException;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.RuntimeThreads;

/**
 * This process's one connection to a process hosting queues, shared by every handle and thread:
 * requests carry correlation ids and many are in flight at once; one reader thread completes
 * them. When the host dies the connection ends, and every pending and later request fails with
 * {@link ProcessException} (G-QUEUE-6).
 */
public final class QueueClient {
    private static final Map<String, QueueClient> CLIENTS = new ConcurrentHashMap<>();

    private final String socket;
    private final Connection connection;
    private final Map<Long, CompletableFuture<QueueReply>> pending = new ConcurrentHashMap<>();
    private final Map<Long, java.util.function.Consumer<QueueReply>> handlers = new ConcurrentHashMap<>();
    private final Map<Long, RemoteQueueLink> links = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Acts on the host's notices (closing, credit recall) in the order they came, off the reader thread. */
    private final ExecutorService notices = Executors.newSingleThreadExecutor(
            RuntimeThreads.factory("mproc-queue-notices"));
    private volatile ProcessException gone;

    private QueueClient(String socket) throws IOException {
        this.socket = socket;
        this.connection = Hosting.connectAsClient(Paths.get(socket), ClientHelloFrame.QUEUES);
        Thread reader = RuntimeThreads.daemon(this::read, "mproc-queue-client");
        reader.start();
    }

    public static QueueClient to(String socket) {
        return CLIENTS.computeIfAbsent(socket, s -> {
            try {
                return new QueueClient(s);
            } catch (IOException e) {
                throw new ProcessException("cannot reach the process hosting the queue (" + s + "): "
                        + e.getMessage(), e);
            }
        });
    }

    /** Opens queue {@code id} for this process, once; later handles share the link. */
    public RemoteQueueLink open(long id) throws InterruptedException {
        RemoteQueueLink link = links.computeIfAbsent(id, k -> new RemoteQueueLink(this, k));
        link.awaitOpen();
        return link;
    }

    String socket() {
        return socket;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Sends a request whose answer comes back with {@code corr}; fails at once if the host is gone. */
    CompletableFuture<QueueReply> send(Frame request, long corr) {
        return send(request, corr, null);
    }

    /**
     * Like {@link #send(Frame, long)}; {@code onReply} (if any) sees the answer on the reader
     * thread before the future completes, in the order answers arrive.
     */
    CompletableFuture<QueueReply> send(Frame request, long corr, java.util.function.Consumer<QueueReply> onReply) {
        CompletableFuture<QueueReply> answer = new CompletableFuture<>();
        if (onReply != null) {
            handlers.put(corr, onReply);
        }
        pending.put(corr, answer);
        try {
            send(request);
        } catch (ProcessException e) {
            pending.remove(corr);
            handlers.remove(corr);
            answer.completeExceptionally(e);
        }
        ProcessException dead = gone;
        if (dead != null && pending.remove(corr) != null) {
            answer.completeExceptionally(dead); // the reader ended between our put and its sweep
        }
        return answer;
    }

    /**
     * Throws once the host is known to be gone: a put into this process's own ring makes no
     * system call that would notice (G-QUEUE-6).
     */
    void requireAlive() {
        ProcessException dead = gone;
        if (dead != null) {
            throw dead;
        }
    }

    /** Sends a frame that needs no answer. */
    void send(Frame frame) {
        ProcessException dead = gone;
        if (dead != null) {
            throw dead;
        }
        try {
            connection.send(frame);
        } catch (IOException e) {
            throw hostGone(e);
        }
    }

    private ProcessException hostGone(Throwable cause) {
        return new ProcessException("the process hosting the queue is gone (" + socket + ")", cause);
    }

    /** Acts on a notice for this process's link to {@code queueId}, if it has one. */
    private void notice(long queueId, java.util.function.Consumer<RemoteQueueLink> act) {
        RemoteQueueLink link = links.get(queueId);
        if (link != null) {
            // Not on the reader thread: a link's lock may be held by a put whose write waits on the
            // host, and the host may be waiting for this reader to take its answers.
            notices.execute(() -> act.accept(link));
        }
    }

    private void read() {
        Throwable why = null;
        try {
            for (Frame f = connection.read(); f != null; f = connection.read()) {
                if (f.type() == FrameTypes.QUEUE_CLOSING) {
                    long queueId = QueueFrames.Closing.from(f).queueId();
                    notice(queueId, link -> {
                        link.closing();
                        // A closed queue is never opened again here: forget its link, or a process
                        // that uses many short-lived queues keeps every one of them (and its ring).
                        links.remove(queueId, link);
                    });
                } else if (f.type() == FrameTypes.QUEUE_CREDIT_RECALL) {
                    notice(QueueFrames.CreditRecall.from(f).queueId(), RemoteQueueLink::recallCredits);
                } else if (f.type() == FrameTypes.QUEUE_REPLY) {
                    QueueReply reply = QueueReply.from(f);
                    java.util.function.Consumer<QueueReply> handler = handlers.remove(f.correlationId());
                    if (handler != null) {
                        handler.accept(reply);
                    }
                    CompletableFuture<QueueReply> answer = pending.remove(f.correlationId());
                    if (answer != null) {
                        answer.complete(reply);
                    }
                } else {
                    throw new IOException("a queue host may not send " + f);
                }
            }
        } catch (IOException e) {
            why = e;
        }
        gone = hostGone(why);
        notices.shutdown();
        CLIENTS.remove(socket, this);
        connection.close();
        for (Long corr : pending.keySet()) {
            CompletableFuture<QueueReply> answer = pending.remove(corr);
            if (answer != null) {
                answer.completeExceptionally(gone);
            }
        }
    }
}
