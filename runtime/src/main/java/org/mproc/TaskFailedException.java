package org.mproc;

import org.mproc.internal.wire.Failures;

/**
 * A task threw in another process: a {@link Pool} task (G-POOL-3), including one whose result
 * could not be serialized (G-POOL-6), or the function of a manager's {@code updateAndGet} that
 * threw a checked exception (G-MGR-4 of docs/GUARANTEES.md). {@link #getCause()} is the original
 * exception restored with its class, message and remote stack trace, or a {@link RemoteTraceback}
 * when it could not travel.
 *
 * <pre>{@code
 * try {
 *     pool.map(x -> 10 / x, List.of(1, 0, 2));
 * } catch (TaskFailedException e) {
 *     e.taskIndex();   // 1
 *     e.getCause();    // the worker's ArithmeticException
 * }
 * }</pre>
 */
public class TaskFailedException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** The failing task's index within its call. */
    private final int taskIndex;
    /** The pid of the process the task ran in. */
    private final long workerPid;

    /**
     * Creates the exception; its message names the task, the process and the cause.
     *
     * @param taskIndex the failing task's index within its call
     * @param workerPid the pid of the process the task ran in
     * @param cause     the task's exception, restored in this JVM
     */
    public TaskFailedException(int taskIndex, long workerPid, Throwable cause) {
        super("task " + taskIndex + " failed in worker " + workerPid + ": " + Failures.describe(cause), cause);
        this.taskIndex = taskIndex;
        this.workerPid = workerPid;
    }

    /**
     * Index of the failing task within its call: the position of its input in {@code map} or
     * {@code imap}, 0 for {@code apply} and for a manager's {@code updateAndGet}.
     *
     * @return the task index
     */
    public int taskIndex() {
        return taskIndex;
    }

    /**
     * The pid of the process the task ran in: the pool worker, or the manager's server.
     *
     * @return the pid
     */
    public long workerPid() {
        return workerPid;
    }
}
