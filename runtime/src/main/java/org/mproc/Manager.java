package org.mproc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.mproc.internal.manager.BarrierProxy;
import org.mproc.internal.manager.ConditionProxy;
import org.mproc.internal.manager.CustomProxy;
import org.mproc.internal.manager.CustomTypes;
import org.mproc.internal.manager.EventProxy;
import org.mproc.internal.manager.ListProxy;
import org.mproc.internal.manager.LockProxy;
import org.mproc.internal.manager.ManagerClient;
import org.mproc.internal.manager.ManagerFrames.Create;
import org.mproc.internal.manager.ManagerFrames.Shutdown;
import org.mproc.internal.manager.ManagerFrames;
import org.mproc.internal.manager.ManagerProxy;
import org.mproc.internal.manager.ManagerReply.CreatedReply;
import org.mproc.internal.manager.ManagerReply;
import org.mproc.internal.manager.ManagerServer;
import org.mproc.internal.manager.MapProxy;
import org.mproc.internal.manager.NamespaceProxy;
import org.mproc.internal.manager.SemaphoreProxy;
import org.mproc.internal.manager.ValueProxy;
import org.mproc.internal.spawn.ExitCodes;
import org.mproc.internal.wire.Failures;

/**
 * A server process holding shared objects, like CPython's {@code multiprocessing.Manager()}
 * (docs/GUARANTEES.md): the objects live in the server, and a write through any proxy is visible to
 * every proxy in every process once the call returns (G-MGR-1). Every process reaches them through
 * proxies, which are serializable — capture one in a task and the child talks to the same object —
 * and which return copies (G-MGR-5). A read then a write is two calls and not atomic (G-MGR-2);
 * {@code updateAndGet} and {@link #lock()} make updates exact (G-MGR-3). What the shared object
 * throws is rethrown to the caller (G-MGR-4), and a lock whose holder dies is released (G-MGR-7).
 * Every connection to the server passes the tree's mutual HMAC handshake (G-MGR-6).
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
 * <p>The server is a daemon child: it ends with {@link #close()}, or with this process. Proxies
 * used after that fail with {@link ProcessException} (G-MGR-8). The manager and its proxies may be
 * used from several threads.
 */
public final class Manager implements AutoCloseable {
    /** How long the server child may take to start and report where it listens. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("mproc.managerStartSeconds", 60));
    /** How often a starting manager looks whether its server has already exited. */
    private static final Duration EXIT_CHECK = Duration.ofMillis(100);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ChildProcess server;
    private final String socket;
    private final CustomTypes types;

    private Manager(ChildProcess server, String socket, CustomTypes types) {
        this.server = server;
        this.socket = socket;
        this.types = types;
    }

    /**
     * Starts the server process and returns once it accepts connections.
     *
     * @return the running manager
     * @throws IllegalStateException if no class path that loads mproc can be found for the server
     *                               (G-PROC-9)
     * @throws ProcessException      if the server cannot be launched, exits before it starts (at
     *                               once, with its exit code and last output, G-PROC-10), does not
     *                               start within {@code -Dmproc.managerStartSeconds} (60 s by
     *                               default; it is then killed), or this thread is interrupted while
     *                               waiting (the server is killed and the interrupt status set again)
     */
    public static Manager start() {
        return builder().start();
    }

    /**
     * A builder for a manager with registered types of its own or an initializer, like CPython's
     * {@code BaseManager.register} and {@code start(initializer)}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static Manager start(CustomTypes types, ProcessTask initializer) {
        ProcessQueue<String> address = ProcessQueue.create();
        ChildProcess server = ChildProcess.builder().name("SyncManager-" + COUNT.incrementAndGet()).daemon(true)
                .target(() -> ManagerServer.run(address, types, initializer)).build();
        server.start();
        String socket;
        try {
            socket = awaitAddress(address, server);
        } catch (InterruptedException e) {
            server.kill();
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while the manager's server started", e);
        } finally {
            address.close();
        }
        if (socket == null) {
            server.kill();
            throw new ProcessException("the manager's server did not start within " + START_TIMEOUT);
        }
        return new Manager(server, socket, types);
    }

    /**
     * The server's address, or null after {@link #START_TIMEOUT}; a server that exits first fails
     * the start at once with why it exited (G-PROC-10), rather than after the whole timeout. The
     * queue is read in short slices so that the exit is seen within one of them.
     */
    private static String awaitAddress(ProcessQueue<String> address, ChildProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            String socket = address.poll(Duration.ofNanos(Math.min(left, EXIT_CHECK.toNanos())));
            if (socket != null) {
                return socket;
            }
            if (server.join(Duration.ZERO)) {
                String why = server.failure().map(f -> ": " + f).orElse("");
                throw new ProcessException("the manager's server exited ("
                        + ExitCodes.describe(server.exitCode()) + ") before it started" + why,
                        server.failure().orElse(null));
            }
        }
    }

    /**
     * A new, empty namespace in the server, like CPython's {@code Manager().Namespace()}.
     *
     * @return a proxy to it
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public Namespace namespace() {
        CreatedReply created = create(ManagerFrames.NAMESPACE, ManagerProxy.NOTHING);
        return new NamespaceProxy(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new value in the server, starting at {@code initial}, like CPython's
     * {@code Manager().Value}.
     *
     * @param <T>     the value's type
     * @param initial the starting value, serialized now; may be null
     * @return a proxy to it
     * @throws IllegalArgumentException if {@code initial} cannot be serialized
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public <T> SharedValue<T> value(T initial) {
        CreatedReply created = create(ManagerFrames.VALUE, ManagerProxy.encode(initial, "the initial value"));
        return new ValueProxy<>(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new, empty map in the server, like CPython's {@code Manager().dict()}.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @return a proxy to it
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public <K, V> SharedMap<K, V> dict() {
        CreatedReply created = create(ManagerFrames.MAP, ManagerProxy.NOTHING);
        return new MapProxy<>(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new, empty list in the server, like CPython's {@code Manager().list()}.
     *
     * @param <E> the element type
     * @return a proxy to it
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public <E> SharedList<E> list() {
        CreatedReply created = create(ManagerFrames.LIST, ManagerProxy.NOTHING);
        return new ListProxy<>(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new queue hosted by the server process, like CPython's {@code Manager().Queue()}: it
     * outlives the process that asked for it, until the manager closes. It is a {@link ProcessQueue}
     * with all of its guarantees (G-QUEUE-1 … G-QUEUE-6); once the manager is closed its calls fail
     * with {@link ProcessException}, as for any host that is gone.
     *
     * @param <E> the element type
     * @return a handle to the queue
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public <E> ProcessQueue<E> queue() {
        return ManagerProxy.decode(create(ManagerFrames.QUEUE, ManagerProxy.NOTHING).queue());
    }

    /**
     * A new lock in the server, released if its holder's process dies (G-MGR-7).
     *
     * @return a proxy to it
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedLock lock() {
        CreatedReply created = create(ManagerFrames.LOCK_OBJECT, ManagerProxy.NOTHING);
        return new LockProxy(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new reentrant lock in the server, like CPython's {@code Manager().RLock()}: its holder may
     * lock it again, and it is free after as many unlocks (G-MGR-9); released whatever the count if
     * its holder's process dies (G-MGR-7).
     *
     * @return a proxy to it
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedLock reentrantLock() {
        CreatedReply created = create(ManagerFrames.RLOCK, ManagerProxy.NOTHING);
        return new LockProxy(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new event in the server, clear, like CPython's {@code Manager().Event()} (G-MGR-11).
     *
     * @return a proxy to it
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedEvent event() {
        CreatedReply created = create(ManagerFrames.EVENT, ManagerProxy.NOTHING);
        return new EventProxy(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new semaphore in the server with {@code permits} free, like CPython's
     * {@code Manager().Semaphore(permits)}: releases may raise it past that (G-MGR-12).
     *
     * @param permits the permits free at first, ≥ 0
     * @return a proxy to it
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws ProcessException         if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedSemaphore semaphore(int permits) {
        return semaphore(permits, -1);
    }

    /**
     * A new bounded semaphore in the server with {@code permits} free, like CPython's
     * {@code Manager().BoundedSemaphore(permits)}: a release that would make more than
     * {@code permits} free throws {@link IllegalStateException} (G-MGR-12).
     *
     * @param permits the permits free at first and at most, ≥ 0
     * @return a proxy to it
     * @throws IllegalArgumentException if {@code permits} is negative
     * @throws ProcessException         if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedSemaphore boundedSemaphore(int permits) {
        return semaphore(permits, permits);
    }

    private SharedSemaphore semaphore(int permits, int bound) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore's permits must be ≥ 0, got " + permits);
        }
        CreatedReply created = create(ManagerFrames.SEMAPHORE, ManagerProxy.encode(new int[] {permits, bound}, "the permits"));
        return new SemaphoreProxy(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new barrier in the server for {@code parties} parties, like CPython's
     * {@code Manager().Barrier(parties)} (G-MGR-13).
     *
     * @param parties how many must arrive before all go on, ≥ 1
     * @return a proxy to it
     * @throws IllegalArgumentException if {@code parties} is less than 1
     * @throws ProcessException         if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedBarrier barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, got " + parties);
        }
        CreatedReply created = create(ManagerFrames.BARRIER, ManagerProxy.encode(parties, "the parties"));
        return new BarrierProxy(socket, created.objectId(), created.serverPid());
    }

    /**
     * A new condition in the server on a new {@link #reentrantLock()}, like CPython's
     * {@code Manager().Condition()} (G-MGR-14).
     *
     * @return a proxy to it; {@link SharedCondition#lock()} is its lock
     * @throws ProcessException if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedCondition condition() {
        return condition(reentrantLock());
    }

    /**
     * A new condition in the server on {@code lock}, like CPython's
     * {@code Manager().Condition(lock)} (G-MGR-14).
     *
     * @param lock a lock of this manager ({@link #lock()} or {@link #reentrantLock()})
     * @return a proxy to it
     * @throws IllegalArgumentException if {@code lock} is not a lock of this manager
     * @throws ProcessException         if the manager's server is gone (closed or dead, G-MGR-8)
     */
    public SharedCondition condition(SharedLock lock) {
        LockProxy proxy = LockProxy.of(lock, socket);
        CreatedReply created = create(ManagerFrames.CONDITION, ManagerProxy.encode(proxy.id(), "the lock's id"));
        return new ConditionProxy(socket, created.objectId(), created.serverPid(), proxy);
    }

    /**
     * A new instance of a type registered on this manager's {@link Builder}, created in the
     * server with the implementation's public constructor that takes {@code args}, like calling a
     * registered typeid on a CPython {@code BaseManager} (G-MGR-15). The result is a proxy of the
     * interface: each call runs the method on the instance in the server, one call at a time per
     * instance, with copies of its arguments and result; what the method throws is thrown here
     * (unchecked ones and checked ones the interface declares as they were, others inside a
     * {@link TaskFailedException}, G-MGR-4). The proxy is serializable: a task may capture it.
     *
     * @param <I>  the interface
     * @param type the registered interface
     * @param args the constructor's arguments, serialized now
     * @return a proxy of {@code type} to the new instance
     * @throws IllegalArgumentException if {@code type} is not registered, an argument cannot be
     *                                  serialized, or not exactly one public constructor takes
     *                                  {@code args}
     * @throws ProcessException         if the constructor threw (it is the cause), or the manager's
     *                                  server is gone (G-MGR-8)
     */
    public <I> I create(Class<I> type, Object... args) {
        java.util.Objects.requireNonNull(type, "type");
        if (!types.has(type)) {
            throw new IllegalArgumentException(type.getName() + " is not registered on this manager (registered: "
                    + types.names() + "); register it with Manager.builder().register(type, implementation)");
        }
        Object[] given = args == null ? new Object[0] : args.clone();
        for (int i = 0; i < given.length; i++) {
            ManagerProxy.encode(given[i], "argument " + i + " of " + type.getSimpleName() + "'s constructor");
        }
        CreatedReply created = create(ManagerFrames.CUSTOM,
                ManagerProxy.encode(new Object[] {type.getName(), given}, "the constructor's arguments"));
        return CustomProxy.of(type, socket, created.objectId(), created.serverPid());
    }

    private CreatedReply create(byte kind, byte[] initial) {
        ManagerClient client = ManagerClient.to(socket);
        ManagerReply r = client.call(new Create(client.nextId(), kind, initial));
        if (r instanceof ManagerReply.ErrorReply error) {
            Throwable why = Failures.restore(error.failure());
            if (why instanceof IllegalArgumentException refused) {
                throw new IllegalArgumentException(refused.getMessage(), refused);
            }
            throw new ProcessException("the manager's server could not create the object: " + why, why);
        }
        if (!(r instanceof CreatedReply created)) {
            throw new ProcessException("the manager's server could not create the object: "
                    + r.getClass().getSimpleName());
        }
        return created;
    }

    /**
     * The server's pid.
     *
     * @return the pid of the server process
     */
    public long pid() {
        return server.pid();
    }

    /**
     * The server's exit code once it has exited, as {@link ChildProcess#exitCode()} reports it.
     *
     * @return empty while the server runs; then 0 after {@link #close()} (−9 if it had to be
     *         killed), or how it died
     */
    public java.util.OptionalInt exitCode() {
        return server.exitCode();
    }

    /**
     * Stops the server (it exits with 0) and waits for it; every proxy call fails with
     * {@link ProcessException} from then on (G-MGR-8). A server that does not stop within 10 s is
     * killed. Idempotent.
     *
     * @throws ProcessException if this thread is interrupted while waiting for the server to exit
     *                          (the interrupt status is set again)
     */
    @Override
    public void close() {
        if (!server.isAlive()) {
            ManagerClient.serverStopped(socket);
            return;
        }
        try {
            ManagerClient client = ManagerClient.to(socket);
            client.call(new Shutdown(client.nextId()));
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

    /**
     * Sets up a manager before it starts: types registered on it ({@link Manager#create}) and an
     * initializer run in the server before it serves anyone.
     *
     * <pre>{@code
     * interface Counter { int increment(); }
     * public static final class CounterImpl implements Counter {
     *     private int n;
     *     public int increment() { return ++n; }
     * }
     * try (Manager manager = Manager.builder().register(Counter.class, CounterImpl.class).start()) {
     *     Counter counter = manager.create(Counter.class);
     *     counter.increment();   // 1, counted in the server
     * }
     * }</pre>
     */
    public static final class Builder {
        private final CustomTypes types = new CustomTypes();
        private ProcessTask initializer;

        private Builder() {}

        /**
         * Registers {@code implementation} as what serves {@code type} (G-MGR-15).
         *
         * @param <I>            the interface
         * @param type           an interface; its proxies implement it
         * @param implementation a concrete class implementing it with a public constructor; it must
         *                       be on the server's class path, as a task's classes are (G-PROC-9)
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code type} is not an interface or is registered
         *                                  already, or {@code implementation} does not implement it,
         *                                  is abstract or has no public constructor
         */
        public <I> Builder register(Class<I> type, Class<? extends I> implementation) {
            types.register(java.util.Objects.requireNonNull(type, "type"),
                    java.util.Objects.requireNonNull(implementation, "implementation"));
            return this;
        }

        /**
         * Runs {@code initializer} in the server once, before it serves any call, like CPython's
         * {@code manager.start(initializer)} (G-MGR-15).
         *
         * @param initializer what to run; serialized at {@link #start()}
         * @return this builder
         * @throws NullPointerException if {@code initializer} is null
         */
        public Builder initializer(ProcessTask initializer) {
            this.initializer = java.util.Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * Starts the server, as {@link Manager#start()} does.
         *
         * @return the running manager
         * @throws IllegalStateException if no class path that loads mproc can be found for the
         *                               server (G-PROC-9)
         * @throws ProcessException      as {@link Manager#start()}; also if the initializer threw
         *                               or a registered class cannot be loaded in the server (the
         *                               start fails with why, G-PROC-10)
         */
        public Manager start() {
            return Manager.start(types, initializer);
        }
    }
}
