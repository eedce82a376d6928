package org.mproc;

import java.util.OptionalInt;
import org.mproc.spawn.ExitCodes;

/**
 * The worker process running a task died before it answered: killed by a signal, {@code System.exit},
 * {@code Runtime.halt} or {@link OutOfMemoryError}. The cause, when there is one, says which.
 */
public class WorkerDiedException extends ProcessException {
    private final long pid;
    private final OptionalInt exitCode;
    private final int firstTaskIndex;
    private final int lastTaskIndex;

    public WorkerDiedException(long pid, OptionalInt exitCode, int firstTaskIndex, int lastTaskIndex,
                               String detail, Throwable cause) {
        super("worker " + pid + " died (" + ExitCodes.describe(exitCode) + ") while running tasks "
                + firstTaskIndex + (lastTaskIndex != firstTaskIndex ? "–" + lastTaskIndex : "")
                + (detail == null || detail.isEmpty() ? "" : "; " + detail), cause);
        this.pid = pid;
        this.exitCode = exitCode;
        this.firstTaskIndex = firstTaskIndex;
        this.lastTaskIndex = lastTaskIndex;
    }

    public long pid() {
        return pid;
    }

    /** The exit code as {@link ChildProcess#exitCode()} reports it: negative for a signal. */
    public OptionalInt exitCode() {
        return exitCode;
    }

    public int firstTaskIndex() {
        return firstTaskIndex;
    }

    public int lastTaskIndex() {
        return lastTaskIndex;
    }
}
