package org.mproc.internal.spawn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child this process started and has not yet reaped. It keeps them reachable and applies
 * CPython's exit rule when this JVM shuts down: daemon children are terminated, non-daemon children
 * are waited for (G-PROC-7). A child is listed, or refused, under the same lock under which the
 * exit step takes its list: a child started while that step runs would be seen by neither.
 */
public final class LiveChildren {
    private static final Set<Launch> LIVE = ConcurrentHashMap.newKeySet();

    static {
        ExitSequence.register(ExitSequence.Step.CHILDREN, LiveChildren::atExit);
    }

    private LiveChildren() {}

    /** Lists a child; false, without listing it, once this JVM is shutting down (G-PROC-11). */
    static synchronized boolean add(Launch launch) {
        if (ExitSequence.shuttingDown()) {
            return false;
        }
        LIVE.add(launch);
        return true;
    }

    static void remove(Launch launch) {
        LIVE.remove(launch);
    }

    private static void atExit() {
        List<Launch> live;
        synchronized (LiveChildren.class) {
            live = new ArrayList<>(LIVE);
        }
        for (Launch launch : live) {
            if (launch.daemon()) {
                launch.terminate();
            }
        }
        for (Launch launch : live) {
            launch.awaitProcessExit();
            launch.awaitSettled(); // its watcher tidies up after it (attach file, pipes, socket)
        }
    }
}
