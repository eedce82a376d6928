package org.mproc;

/**
 * A task threw in a worker. {@link #getCause()} is the original exception restored with its class,
 * message and remote stack trace, or a {@link RemoteTraceback} when it could not travel.
 */
public class TaskFailedException extends ProcessException {
    private final int taskIndex;
    private final long workerPid;

    public TaskFailedException(int taskIndex, long workerPid, Throwable cause) {
        super("task " + taskIndex + " failed in worker " + workerPid + ": " + describe(cause), cause);
        this.taskIndex = taskIndex;
        this.workerPid = workerPid;
    }

    /** {@code t.toString()}, unless the task's exception overrides it with something that throws. */
    static String describe(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (RuntimeException | StackOverflowError e) {
            return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
        }
    }

    /** Index of the failing task within its call (0 for a single task). */
    public int taskIndex() {
        return taskIndex;
    }

    public long workerPid() {
        return workerPid;
    }
}
