package org.mproc.scenarios.trial;

import java.io.IOException;

/**
 * How a task of 02f kills the worker running it: {@code kill -9} on its own pid, nothing else.
 * It refuses to run in the process that submitted the map, so a subject that ran tasks in the
 * caller could never kill the harness.
 */
public final class WorkerKill {
    private WorkerKill() {}

    public static void killSelf(long callerPid) throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        if (self == callerPid) {
            throw new IllegalStateException("refusing to kill the caller's own process " + self);
        }
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(self)).start();
        int status = kill.waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -9 " + self + " exited with " + status);
        }
        Thread.sleep(10_000); // SIGKILL is on its way; never return a result from a dead worker
        throw new IllegalStateException("still alive 10 s after kill -9 " + self);
    }
}
