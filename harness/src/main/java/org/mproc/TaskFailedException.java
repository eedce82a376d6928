package org.mproc;

/**
 * A task threw in a worker. {@link #getCause()} is the original exception restored with its class,
 * message and remote stack trace, or a {@link RemoteTraceback} when it could not travel.
 */
public class TaskFailedException extends ProcessException {
    private final int taskIndex;
    private final long workerPid;

    public TaskFailedException(int taskIndex, long workerPid, Throwable cause) {
        super("task " + taskIndex + " failed in worker " + workerPid + ": " + cause, cause);
        this.taskIndex = taskIndex;
        this.workerPid = workerPid;
    }

    /** Index of the failing task within its call (0 for a single task). */
    public int taskIndex() {
        return taskIndex;
    }

    public long workerPid() {
        return workerPid;
    }
}
