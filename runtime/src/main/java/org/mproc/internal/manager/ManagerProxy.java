package org.mproc.internal.manager;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;
import org.mproc.ProcessException;
import org.mproc.TaskFailedException;
import org.mproc.internal.manager.ManagerCall.InvokeCall;
import org.mproc.internal.manager.ManagerFrames.Cancel;
import org.mproc.internal.manager.ManagerReply.ErrorReply;
import org.mproc.internal.manager.ManagerReply.NoneReply;
import org.mproc.internal.manager.ManagerReply.ValueReply;
import org.mproc.internal.wire.Failures;
import org.mproc.internal.wire.FrameLimits;
import org.mproc.internal.wire.codec.Codec;

/**
 * What every proxy shares: where its object lives (the server's socket, the object's id, the
 * server's pid) and one call. A proxy is serializable; in another process it reaches the same
 * object over that process's own connection to the server.
 */
public abstract class ManagerProxy implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final byte[] NOTHING = new byte[0];

    private final String socket;
    private final long objectId;
    private final long serverPid;

    ManagerProxy(String socket, long objectId, long serverPid) {
        this.socket = socket;
        this.objectId = objectId;
        this.serverPid = serverPid;
    }

    public final String socket() {
        return socket;
    }

    final long objectId() {
        return objectId;
    }

    /**
     * Rethrows what the referent threw: unchecked ones as they were, checked ones inside a
     * {@link TaskFailedException} (G-MGR-4).
     */
    final RuntimeException failure(ErrorReply r) {
        Throwable t = Failures.restore(r.failure());
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new TaskFailedException(0, serverPid, t);
    }

    /**
     * Runs in the server the call {@code call} builds for a fresh correlation id; returns the
     * encoded result (null for none). What the referent threw is rethrown here: unchecked ones as
     * they were, checked ones (from a function passed to {@code updateAndGet}) inside a
     * {@link TaskFailedException} (G-MGR-4).
     */
    final byte[] call(LongFunction<ManagerCall> call) {
        ManagerClient client = ManagerClient.to(socket);
        return valueOf(client.call(call.apply(client.nextId())));
    }

    /** A reply's value: the encoded result, null for none; what the referent threw is rethrown. */
    final byte[] valueOf(ManagerReply r) {
        if (r instanceof ValueReply value) {
            return value.value();
        }
        if (r instanceof NoneReply) {
            return null;
        }
        if (r instanceof ErrorReply error) {
            throw failure(error);
        }
        throw new ProcessException("the manager's server answered a call with " + r);
    }

    /**
     * Runs a method of the object that never waits ({@code INVOKE}); returns its encoded result
     * (null for none), or rethrows what it threw as {@link #call} does.
     */
    final byte[] invoke(String method, byte[]... args) {
        long thread = Thread.currentThread().getId();
        return call(corr -> new InvokeCall(corr, objectId, method, thread, -1, List.of(args)));
    }

    /**
     * Runs a method that may wait in the server, up to {@code timeoutNanos} (−1: for ever, 0: not
     * at all); returns its encoded result (null for none). An interrupt while it waits cancels the
     * wait: if the server gave the call up, this throws {@link InterruptedException} (status
     * clear); if it had answered first, the answer stands and the interrupt status is set again.
     * A thread interrupted before the call does not make it, unless it would not wait.
     */
    final byte[] invokeWaiting(String method, long timeoutNanos, byte[]... args) throws InterruptedException {
        ManagerClient client = ManagerClient.to(socket);
        long corr = client.nextId();
        return valueOf(awaitParked(client, new InvokeCall(corr, objectId, method, Thread.currentThread().getId(),
                timeoutNanos, List.of(args)), timeoutNanos));
    }

    /**
     * Sends a call that may be parked in the server up to {@code timeoutNanos} (−1: for ever, 0:
     * not at all) and returns its reply; {@link NoneReply} means the server gave it up. An
     * interrupt while it waits sends {@link Cancel}: if the server gave the call up, this throws
     * {@link InterruptedException} (status clear); if it had answered first, the answer stands and
     * the interrupt status is set again. A thread interrupted before the call does not make it,
     * unless it would not wait.
     */
    static ManagerReply awaitParked(ManagerClient client, ManagerCall request, long timeoutNanos) throws InterruptedException {
        boolean interruptedBefore = Thread.interrupted();
        if (interruptedBefore && timeoutNanos != 0) {
            throw new InterruptedException(); // with the status clear, as Java's convention has it
        }
        ManagerClient.Pending call = client.send(request);
        ManagerReply r = client.await(call, () -> client.cancel(new Cancel(request.correlationId())));
        if (Thread.interrupted() || interruptedBefore) {
            if (r instanceof NoneReply && timeoutNanos != 0) {
                throw new InterruptedException(); // given up in the server before it was answered
            }
            Thread.currentThread().interrupt(); // answered before the cancel arrived: the answer stands
        }
        return r;
    }

    /** A timeout as an {@code INVOKE} carries it: at least 1 ns unless zero; very long ones saturate. */
    static long timeoutNanos(java.time.Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        try {
            return timeout.isZero() ? 0 : Math.max(1, timeout.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** A namespace attribute's name as a key: UTF-8. */
    static byte[] name(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(Object value, String what) {
        byte[] bytes;
        try {
            bytes = Codec.standard().encode(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot be serialized: " + e.getMessage() + " is not Serializable", e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new IllegalArgumentException(what + " cannot be serialized: " + e, e);
        }
        if (bytes.length > FrameLimits.maxFrame() - 64) {
            throw new IllegalArgumentException(what + " serializes to " + bytes.length
                    + " bytes, over the frame limit of " + FrameLimits.maxFrame() + " bytes (-Dmproc.maxFrame)");
        }
        return bytes;
    }

    @SuppressWarnings("unchecked")
    public static <T> T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return (T) Codec.standard().decode(bytes);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ProcessException("a value from the manager cannot be read in this process: " + e, e);
        }
    }

    static byte kindOf(boolean namespace) {
        return namespace ? ManagerFrames.NAMESPACE : ManagerFrames.VALUE;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "#" + objectId + "@" + socket;
    }
}
