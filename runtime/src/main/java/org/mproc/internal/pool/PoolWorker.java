package org.mproc.internal.pool;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import org.mproc.internal.spawn.Launch;
import org.mproc.internal.wire.Connection;

/** The parent's view of one worker JVM. Touched only under the pool engine's lock. */
public final class PoolWorker {
    final Launch launch;
    Connection connection;
    boolean ready;
    boolean stopping;
    /** Chunks sent and not yet answered, in the order sent; the worker runs them in that order. */
    final ArrayDeque<PoolChunk> inFlight = new ArrayDeque<>();
    /** The chunk the worker said it started, until its answer arrives. */
    PoolChunk running;
    /** Function ids this worker holds, least recently used first; the parent decides what it forgets. */
    final LinkedHashMap<Long, Boolean> functions = new LinkedHashMap<>(16, 0.75f, true);
    int chunksRun;

    PoolWorker(Launch launch) {
        this.launch = launch;
    }

    long pid() {
        return launch.pid();
    }

    PoolChunk find(long callId, int chunkIndex) {
        for (PoolChunk c : inFlight) {
            if (c.call.id == callId && c.index == chunkIndex) {
                return c;
            }
        }
        return null;
    }
}
