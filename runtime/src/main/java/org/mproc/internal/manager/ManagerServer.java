package org.mproc.internal.manager;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.ProcessQueue;
import org.mproc.ProcessTask;
import org.mproc.internal.manager.ManagerCall.GetCall;
import org.mproc.internal.manager.ManagerCall.InvokeCall;
import org.mproc.internal.manager.ManagerCall.LockCall;
import org.mproc.internal.manager.ManagerCall.UnlockCall;
import org.mproc.internal.manager.ManagerFrames.Cancel;
import org.mproc.internal.manager.ManagerFrames.Create;
import org.mproc.internal.manager.ManagerFrames.Shutdown;
import org.mproc.internal.manager.ManagerReply.CreatedReply;
import org.mproc.internal.manager.ManagerReply.ErrorReply;
import org.mproc.internal.manager.ManagerReply.GrantedReply;
import org.mproc.internal.manager.ManagerReply.NoneReply;
import org.mproc.internal.manager.ManagerReply.ValueReply;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.ClientHelloFrame;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.codec.Codec;

/**
 * The manager's server: the task of the child JVM that {@link org.mproc.Manager#start()} launches. It holds
 * the shared objects and answers each client connection on its own thread, in order; a malformed
 * request closes that connection only (G-MGR-6), and whatever the referent throws goes back to
 * the caller (G-MGR-4).
 */
public final class ManagerServer {
    private final Map<Long, ManagedObject> objects = new ConcurrentHashMap<>();
    private final Map<Long, ManagedLock> locks = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong ids = new AtomicLong();
    private final long pid = ProcessHandle.current().pid();

    private final Map<String, CustomTypes.Loaded> customTypes;

    private ManagerServer(Map<String, CustomTypes.Loaded> customTypes) {
        this.customTypes = customTypes;
    }

    /**
     * Serves until the process is stopped: loads the registered types and runs the initializer
     * (either failing fails the start), then tells the starting process where to connect.
     */
    public static void run(ProcessQueue<String> address, CustomTypes types, ProcessTask initializer) throws Exception {
        ManagerServer server = new ManagerServer(types.load());
        if (initializer != null) {
            initializer.run();
        }
        Hosting.serveClients(ClientHelloFrame.MANAGER, server::serve);
        address.put(Hosting.listenerPath().toString());
        server.stopped.await(); // until MGR_SHUTDOWN (Manager.close()); its parent's death ends it too
        Hosting.stopServing();
    }

    private void serve(Connection c) throws IOException {
        c.spinWhileWaiting();
        try {
            for (Frame f = c.read(); f != null; f = c.read()) {
                switch (f.type()) {
                    case FrameTypes.MGR_CREATE -> create(c, Create.from(f));
                    case FrameTypes.MGR_CALL -> call(c, ManagerCall.from(f));
                    case FrameTypes.MGR_CANCEL -> cancel(c, Cancel.from(f));
                    case FrameTypes.MGR_SHUTDOWN -> {
                        c.send(new NoneReply(Shutdown.from(f).correlationId()).toFrame());
                        stopped.countDown();
                    }
                    default -> throw new ProtocolException("a manager cannot handle " + f);
                }
            }
        } finally {
            for (ManagedLock lock : locks.values()) {
                lock.disconnected(c); // a lock its process held is released as abandoned (G-MGR-7)
            }
            for (ManagedObject o : objects.values()) {
                o.disconnected(c); // its parked calls are withdrawn; what that means is the object's rule
            }
        }
    }

    private void create(Connection c, Create request) throws IOException {
        long id = ids.incrementAndGet();
        byte[] extra = new byte[0];
        try {
            if (request.kind() == ManagerFrames.LOCK_OBJECT || request.kind() == ManagerFrames.RLOCK) {
                locks.put(id, new ManagedLock(request.kind() == ManagerFrames.RLOCK));
            } else if (request.kind() == ManagerFrames.QUEUE) {
                extra = Codec.standard().encode(ProcessQueue.create()); // hosted here, by the server
            } else if (request.kind() == ManagerFrames.CUSTOM) {
                objects.put(id, custom(request.initial()));
            } else if (request.kind() == ManagerFrames.CONDITION) {
                objects.put(id, new ManagedCondition(lockFor(request.initial())));
            } else {
                objects.put(id, ManagedObject.of(request.kind(), request.initial()));
            }
        } catch (Throwable e) {
            c.send(new ErrorReply(request.correlationId(), describe(e)).toFrame());
            return;
        }
        c.send(new CreatedReply(request.correlationId(), id, pid, extra).toFrame());
    }

    /** An instance of a registered type, made with the constructor that takes the arguments sent. */
    private ManagedObject custom(byte[] initial) throws Throwable {
        Object[] sent = (Object[]) Codec.standard().decode(initial);
        CustomTypes.Loaded type = customTypes.get((String) sent[0]);
        if (type == null) {
            throw new IllegalArgumentException(sent[0] + " is not registered on this manager");
        }
        return ManagedCustom.create(type, (Object[]) sent[1]);
    }

    /** The lock a condition is created on: one of this server's, by its object id. */
    private ManagedLock lockFor(byte[] initial) throws IOException, ClassNotFoundException {
        long lockId = (Long) Codec.standard().decode(initial);
        ManagedLock lock = locks.get(lockId);
        if (lock == null) {
            throw new IllegalArgumentException("no lock " + lockId + " in this manager for the condition");
        }
        return lock;
    }

    private void call(Connection c, ManagerCall request) throws IOException {
        ManagedLock lock = locks.get(request.objectId());
        if (lock != null) {
            lockCall(c, lock, request);
            return;
        }
        ManagedObject target = objects.get(request.objectId());
        if (target == null) {
            throw new ProtocolException("no shared object " + request.objectId() + " in this manager");
        }
        long corr = request.correlationId();
        if (request instanceof InvokeCall invoke) {
            invoke(c, target, invoke);
            return;
        }
        ManagerReply reply;
        try {
            byte[] result = target.call(request);
            reply = result == null ? new NoneReply(corr) : new ValueReply(corr, result);
        } catch (Throwable t) {
            reply = new ErrorReply(corr, describe(t));
        }
        c.send(reply.toFrame());
    }

    private void invoke(Connection c, ManagedObject target, InvokeCall request) {
        long corr = request.correlationId();
        AtomicBoolean answered = new AtomicBoolean();
        target.invoke(new Invocation(c, request.thread(), corr, request.timeoutNanos(), request.method(), request.args()),
                new Answer() {
                    @Override
                    public void value(byte[] encoded) {
                        answered.set(true);
                        answer(c, encoded == null ? new NoneReply(corr) : new ValueReply(corr, encoded));
                    }

                    @Override
                    public void cancelled() {
                        answered.set(true);
                        answer(c, new NoneReply(corr));
                    }

                    @Override
                    public void failed(Throwable t) {
                        answered.set(true);
                        answer(c, new ErrorReply(corr, describe(t)));
                    }
                });
        if (!answered.get()) {
            c.nextWaitMayBlock(); // parked: the client's next frame waits for the answer
        }
    }

    private void cancel(Connection c, Cancel cancel) {
        for (ManagedLock lock : locks.values()) {
            lock.cancel(c, cancel.correlationId());
        }
        for (ManagedObject o : objects.values()) {
            o.cancel(c, cancel.correlationId());
        }
    }

    private void lockCall(Connection c, ManagedLock lock, ManagerCall request) throws IOException {
        long corr = request.correlationId();
        try {
            if (request instanceof LockCall l) {
                AtomicBoolean answered = new AtomicBoolean();
                lock.lock(c, l.thread(), corr, l.timeoutNanos(), outcome -> {
                    answered.set(true);
                    answer(c, outcome.acquired() ? new GrantedReply(corr, outcome.abandoned()) : new NoneReply(corr));
                });
                if (!answered.get()) {
                    c.nextWaitMayBlock(); // the client's next frame waits for the grant
                }
            } else if (request instanceof UnlockCall u) {
                lock.unlock(c, u.thread());
                c.send(new NoneReply(corr).toFrame());
            } else if (request instanceof GetCall) {
                c.send(new ValueReply(corr, Codec.standard().encode(lock.isLocked())).toFrame());
            } else {
                throw new IllegalArgumentException("a lock has no operation " + request.op());
            }
        } catch (RuntimeException e) {
            c.send(new ErrorReply(corr, describe(e)).toFrame());
        }
    }

    /** Answers from whichever thread freed the lock or hit the deadline. */
    private static void answer(Connection c, ManagerReply reply) {
        try {
            c.send(reply.toFrame());
        } catch (IOException gone) {
            // The client is gone; its connection's end releases what it held.
        }
    }

    private static TaskFailedFrame describe(Throwable t) {
        byte[] serialized;
        try {
            serialized = Codec.standard().encode(t);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            serialized = new byte[0]; // the caller builds a RemoteTraceback from the text
        }
        return TaskFailedFrame.describe(t, serialized);
    }
}
