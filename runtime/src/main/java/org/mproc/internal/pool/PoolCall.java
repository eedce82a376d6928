package org.mproc.internal.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code map} or {@code apply} in flight: its function, its chunks' results as they arrive in
 * any order, and the future that gets them in input order. Touched only under the pool engine's lock.
 */
public final class PoolCall {
    final long id;
    final long functionId;
    final byte[] function;
    final CompletableFuture<List<Object>> future;
    /** Whether the caller can attach callbacks to {@link #future} (it is returned, not awaited). */
    final boolean exposed;
    /**
     * What a worker may hold at most two chunks of (G-POOL-4): this call, or the imap iterator
     * whose chunk it is.
     */
    final Object group;
    private final List<Object>[] results;
    private int missing;
    private boolean done;

    @SuppressWarnings("unchecked")
    public PoolCall(long id, long functionId, byte[] function, int chunks, CompletableFuture<List<Object>> future,
             boolean exposed, Object group) {
        this.id = id;
        this.group = group != null ? group : this;
        this.functionId = functionId;
        this.function = function;
        this.future = future;
        this.exposed = exposed;
        this.results = (List<Object>[]) new List<?>[chunks];
        this.missing = chunks;
    }

    boolean done() {
        return done;
    }

    /** Records a chunk's results; returns the whole list, in input order, once every chunk is in. */
    List<Object> accept(int chunk, List<Object> values) {
        if (done || results[chunk] != null) {
            return null;
        }
        results[chunk] = values;
        if (--missing > 0) {
            return null;
        }
        done = true;
        List<Object> all = new ArrayList<>();
        for (List<Object> r : results) {
            all.addAll(r);
        }
        return all;
    }

    /** Marks the call failed; returns false if it had already ended. */
    boolean fail() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }
}
