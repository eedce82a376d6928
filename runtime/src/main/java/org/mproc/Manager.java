package org.mproc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.mproc.wire.Frame;
import org.mproc.wire.FrameTypes;
import org.mproc.wire.ManagerFrames;
import org.mproc.wire.ManagerFrames.Create;
import org.mproc.wire.ManagerFrames.Reply;
import org.mproc.wire.ManagerFrames.Status;

/**
 * A server process holding shared objects, like CPython's {@code multiprocessing.Manager()}: the
 * objects live in the server (G-MGR-1) and every process reaches them through proxies, which are
 * serializable — capture one in a task and the child talks to the same object. Every connection
 * to the server passes the tree's mutual HMAC handshake (G-MGR-6).
 *
 * <pre>{@code
 * try (Manager manager = Manager.start()) {
 *     Namespace shared = manager.namespace();
 *     shared.set("value", 0);
 *     ChildProcess p = new ChildProcess("incrementer", () -> shared.updateAndGet("value", (Integer v) -> v + 1));
 *     p.start();
 *     p.join();
 *     shared.get("value");   // 1
 * }
 * }</pre>
 *
 * The server is a daemon child: it ends with {@link #close()}, or with this process. Proxies used
 * after that fail with {@link ProcessException}.
 */
public final class Manager implements AutoCloseable {
    /** How long the server child may take to start and report where it listens. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("mproc.managerStartSeconds", 60));
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ChildProcess server;
    private final String socket;

    private Manager(ChildProcess server, String socket) {
        this.server = server;
        this.socket = socket;
    }

    /** Starts the server process and returns once it accepts connections. */
    public static Manager start() {
        ProcessQueue<String> address = ProcessQueue.create();
        ChildProcess server = ChildProcess.builder().name("SyncManager-" + COUNT.incrementAndGet()).daemon(true)
                .target(() -> ManagerServer.run(address)).build();
        server.start();
        String socket;
        try {
            socket = address.poll(START_TIMEOUT);
        } catch (InterruptedException e) {
            server.kill();
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while the manager's server started", e);
        } finally {
            address.close();
        }
        if (socket == null) {
            server.kill();
            throw new ProcessException("the manager's server did not start within " + START_TIMEOUT
                    + (server.isAlive() ? "" : " (it exited: " + server.exitCode() + ")"));
        }
        return new Manager(server, socket);
    }

    /** A new, empty namespace in the server. */
    public Namespace namespace() {
        long[] ids = create(ManagerFrames.NAMESPACE, ManagerProxy.NOTHING);
        return new NamespaceProxy(socket, ids[0], ids[1]);
    }

    /** A new value in the server, starting at {@code initial}. */
    public <T> SharedValue<T> value(T initial) {
        long[] ids = create(ManagerFrames.VALUE, ManagerProxy.encode(initial, "the initial value"));
        return new ValueProxy<>(socket, ids[0], ids[1]);
    }

    /** A new, empty map in the server, like CPython's {@code Manager().dict()}. */
    public <K, V> SharedMap<K, V> dict() {
        long[] ids = create(ManagerFrames.MAP, ManagerProxy.NOTHING);
        return new MapProxy<>(socket, ids[0], ids[1]);
    }

    /** A new, empty list in the server. */
    public <E> SharedList<E> list() {
        long[] ids = create(ManagerFrames.LIST, ManagerProxy.NOTHING);
        return new ListProxy<>(socket, ids[0], ids[1]);
    }

    /**
     * A new queue hosted by the server process, like CPython's {@code Manager().Queue()}: it
     * outlives the process that asked for it, until the manager closes. It is a {@link ProcessQueue}
     * with all of its guarantees.
     */
    public <E> ProcessQueue<E> queue() {
        Reply r = createReply(ManagerFrames.QUEUE, ManagerProxy.NOTHING);
        byte[] handle = java.util.Arrays.copyOfRange(r.body(), 16, r.body().length);
        return ManagerProxy.decode(handle);
    }

    /** A new lock in the server. */
    public SharedLock lock() {
        long[] ids = create(ManagerFrames.LOCK_OBJECT, ManagerProxy.NOTHING);
        return new LockProxy(socket, ids[0], ids[1]);
    }

    private long[] create(byte kind, byte[] initial) {
        ByteBuffer body = ByteBuffer.wrap(createReply(kind, initial).body());
        return new long[] {body.getLong(), body.getLong()};
    }

    private Reply createReply(byte kind, byte[] initial) {
        ManagerClient client = ManagerClient.to(socket);
        long corr = client.nextId();
        Reply r = client.call(new Create(corr, kind, initial).toFrame(), corr);
        if (r.status() != Status.VALUE || r.body().length < 16) {
            throw new ProcessException("the manager's server could not create the object: " + r.status());
        }
        return r;
    }

    /** Where the server listens (for tests that talk to it directly). */
    String socket() {
        return socket;
    }

    /** The server's pid. */
    public long pid() {
        return server.pid();
    }

    /** The server's exit code once it has exited (0 after {@link #close()}), as {@link ChildProcess#exitCode()}. */
    public java.util.OptionalInt exitCode() {
        return server.exitCode();
    }

    /**
     * Stops the server (it exits with 0) and waits for it; every proxy fails from then on (G-MGR-8).
     * A server that does not stop within {@link #STOP_TIMEOUT} is killed. Idempotent.
     */
    @Override
    public void close() {
        if (!server.isAlive()) {
            ManagerClient.serverStopped(socket);
            return;
        }
        try {
            ManagerClient client = ManagerClient.to(socket);
            long corr = client.nextId();
            client.call(new Frame(FrameTypes.MGR_SHUTDOWN, corr, new byte[0]), corr);
        } catch (ProcessException alreadyGone) {
            // It died on its own: join reports how.
        }
        try {
            if (!server.join(STOP_TIMEOUT)) {
                server.kill();
                server.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while the manager's server stopped", e);
        } finally {
            ManagerClient.serverStopped(socket);
        }
    }

    /** How long a server may take to exit after it was told to stop. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
}
