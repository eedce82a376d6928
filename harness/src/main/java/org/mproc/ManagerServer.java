package org.mproc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.spawn.Hosting;
import org.mproc.wire.Codec;
import org.mproc.wire.Connection;
import org.mproc.wire.Frame;
import org.mproc.wire.FrameTypes;
import org.mproc.wire.HelloFrame;
import org.mproc.wire.ManagerFrames;
import org.mproc.wire.ManagerFrames.Call;
import org.mproc.wire.ManagerFrames.Create;
import org.mproc.wire.ManagerFrames.Reply;
import org.mproc.wire.ManagerFrames.Status;
import org.mproc.wire.ProtocolException;
import org.mproc.wire.TaskFailedFrame;

/**
 * The manager's server: the task of the child JVM that {@link Manager#start()} launches. It holds
 * the shared objects and answers each client connection on its own thread, in order; a malformed
 * request closes that connection only (G-MGR-6), and whatever the referent throws goes back to
 * the caller (G-MGR-4).
 */
final class ManagerServer {
    private final Map<Long, ManagedObject> objects = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final long pid = ProcessHandle.current().pid();

    /** Serves until the process is stopped; first tells the starting process where to connect. */
    static void run(ProcessQueue<String> address) throws InterruptedException {
        ManagerServer server = new ManagerServer();
        Hosting.serveClients(HelloFrame.MANAGER, server::serve);
        address.put(Hosting.listenerPath().toString());
        new CountDownLatch(1).await(); // Manager.close() terminates this process; so does its parent's death
    }

    private void serve(Connection c) throws IOException {
        for (Frame f = c.read(); f != null; f = c.read()) {
            if (f.type() == FrameTypes.MGR_CREATE) {
                create(c, Create.from(f));
            } else if (f.type() == FrameTypes.MGR_CALL) {
                call(c, Call.from(f));
            } else {
                throw new ProtocolException("a manager cannot handle " + f);
            }
        }
    }

    private void create(Connection c, Create request) throws IOException {
        long id = ids.incrementAndGet();
        objects.put(id, ManagedObject.of(request.kind(), request.initial()));
        byte[] body = ByteBuffer.allocate(16).putLong(id).putLong(pid).array();
        c.send(new Reply(Status.VALUE, body).toFrame(request.correlationId()));
    }

    private void call(Connection c, Call request) throws IOException {
        ManagedObject target = objects.get(request.objectId());
        if (target == null) {
            throw new ProtocolException("no shared object " + request.objectId() + " in this manager");
        }
        Reply reply;
        try {
            byte[] result = target.call(request.op(), request.key(), request.arg());
            reply = result == null ? new Reply(Status.NONE, new byte[0]) : new Reply(Status.VALUE, result);
        } catch (Throwable t) {
            reply = Reply.error(describe(t));
        }
        c.send(reply.toFrame(request.correlationId()));
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
