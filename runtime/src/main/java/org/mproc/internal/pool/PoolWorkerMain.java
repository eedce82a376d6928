package org.mproc.internal.pool;

import java.io.IOException;
import org.mproc.internal.spawn.CurrentProcess;
import org.mproc.internal.spawn.WorkerMain;
import org.mproc.internal.wire.Connection;

/**
 * A pool worker's entry point: the start every child shares ({@link WorkerMain#attach()}), then
 * the {@link PoolWorkerLoop} until the parent says stop. Kept apart from {@link WorkerMain} so that
 * spawn knows nothing of pools.
 */
public final class PoolWorkerMain {
    private PoolWorkerMain() {}

    public static void main(String[] args) {
        Connection parent;
        try {
            WorkerMain.Attached attached = WorkerMain.attach();
            parent = attached.parent();
            CurrentProcess.becomeChild("PoolWorker-" + WorkerMain.ownPid(), attached.startedBy());
            parent.uninterruptible(); // a task may interrupt this thread
            parent.spinWhileWaiting();
        } catch (IOException | RuntimeException e) {
            System.err.println("mproc pool worker could not start: " + e);
            System.exit(2);
            return;
        }
        // The loop is the body itself, not a lambda: a lambda is a class spun at run time in a cold child.
        WorkerMain.runAndExit(parent, "pool worker", new PoolWorkerLoop(parent));
    }
}
