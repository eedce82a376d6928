package org.mproc.scenarios.trial;

import java.io.IOException;

/**
 * How a graded trial sends {@code SIGKILL}: {@code kill -9} on one pid, never by name. A task of
 * 02f kills the worker running it, its own pid, and refuses to run in the process that submitted
 * the map, so a subject that ran tasks in the caller could never kill the harness. A trial of 03f
 * or 05f kills one of its own children, and only a pid that is a live child of this JVM.
 */
public final class WorkerKill {
    private WorkerKill() {}

    public static void killSelf(long callerPid) throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        if (self == callerPid) {
            throw new IllegalStateException("refusing to kill the caller's own process " + self);
        }
        kill9(self);
        Thread.sleep(10_000); // SIGKILL is on its way; never return a result from a dead worker
        throw new IllegalStateException("still alive 10 s after kill -9 " + self);
    }

    /**
     * Sends {@code SIGKILL} to {@code pid}, which must be a live direct child of this JVM (a
     * {@link org.mproc.ChildProcess} the trial started); returns once {@code kill} has sent it.
     */
    public static void killChild(long pid) throws IOException, InterruptedException {
        boolean mine = ProcessHandle.current().children().anyMatch(p -> p.pid() == pid && p.isAlive());
        if (!mine || pid == ProcessHandle.current().pid()) {
            throw new IllegalStateException("refusing to kill " + pid + ": not a live child of this process");
        }
        kill9(pid);
    }

    private static void kill9(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).redirectErrorStream(true).start();
        int status = kill.waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -9 " + pid + " exited with " + status);
        }
    }
}
