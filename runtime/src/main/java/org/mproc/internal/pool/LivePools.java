package org.mproc.internal.pool;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mproc.internal.spawn.ExitSequence;

/**
 * Every pool engine that has not stopped. When this JVM shuts down, each cancels its calls before
 * the exit sequence terminates its workers (they are daemon children): a worker's end is then
 * expected, never taken for its death, and it is not replaced (G-PROC-11).
 */
final class LivePools {
    private static final Set<PoolEngine> LIVE = ConcurrentHashMap.newKeySet();

    static {
        ExitSequence.register(ExitSequence.Step.CALLS, LivePools::atExit);
    }

    private LivePools() {}

    static void add(PoolEngine engine) {
        LIVE.add(engine);
    }

    static void remove(PoolEngine engine) {
        LIVE.remove(engine);
    }

    private static void atExit() {
        for (PoolEngine engine : LIVE) {
            engine.jvmExiting();
        }
    }
}
