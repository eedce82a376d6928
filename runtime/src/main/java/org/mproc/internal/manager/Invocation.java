package org.mproc.internal.manager;

import java.util.List;

/**
 * An {@code INVOKE} as the server runs it: who called (the connection and the thread, together the
 * owner of whatever is held per thread), which call it is, how long it may stay parked, and the
 * method with its encoded arguments.
 */
record Invocation(Object connection, long thread, long correlationId, long timeoutNanos, String method,
                  List<byte[]> args) {

    /** The {@code i}th argument, decoded. */
    <T> T arg(int i) throws Exception {
        @SuppressWarnings("unchecked")
        T value = (T) ManagedObject.decode(args.get(i));
        return value;
    }

    /** Refuses a call with another number of arguments than the method takes. */
    Invocation expect(int count) {
        if (args.size() != count) {
            throw new IllegalArgumentException(method + " takes " + count + " argument(s), got " + args.size());
        }
        return this;
    }

    /** Whether the same thread of the same process made both calls. */
    boolean sameCaller(Invocation other) {
        return connection == other.connection && thread == other.thread;
    }
}
