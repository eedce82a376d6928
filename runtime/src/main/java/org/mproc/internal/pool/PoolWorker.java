package org.mproc.internal.pool;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import org.mproc.internal.spawn.Launch;
import org.mproc.internal.wire.Connection;

/** The parent's view of one worker JVM. Touched only under the pool engine's lock. */
public final class PoolWorker {
    final Launch launch;
    Connection connection;

    /*
     * Lifecycle, in the ThreadPoolExecutor style (the engine moves it, under its lock):
     *
     *   STARTING ──POOL_READY (its initializer ran)──▶ READY
     *   STARTING, READY ──told to stop (POOL_STOP sent, or SIGTERM)──▶ STOPPING
     *   STARTING, READY ──this JVM shuts down (the exit sequence will terminate it)──▶ STOPPING
     *
     *   chunks      sent to READY workers only
     *   POOL_READY  STARTING → READY; STOPPING: ignored (it stays STOPPING)
     *   its exit    STARTING: a failed start (the pool may break, G-POOL-10); READY: replaced while
     *               the pool runs; STOPPING: expected
     */
    enum State { STARTING, READY, STOPPING }

    State state = State.STARTING;
    /** Chunks sent and not yet answered, in the order sent; the worker runs them in that order. */
    final ArrayDeque<PoolChunk> inFlight = new ArrayDeque<>();
    /** The chunk the worker said it started, until its answer arrives. */
    PoolChunk running;
    /** When the parent heard that {@link #running} started ({@code System.nanoTime()}). */
    long runningSince;
    /** Function ids this worker holds, least recently used first; the parent decides what it forgets. */
    final LinkedHashMap<Long, Boolean> functions = new LinkedHashMap<>(16, 0.75f, true);
    int chunksRun;

    PoolWorker(Launch launch) {
        this.launch = launch;
    }

    /** Moves to STOPPING; false if it was already stopping. */
    boolean stop() {
        if (state == State.STOPPING) {
            return false;
        }
        state = State.STOPPING;
        return true;
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
