package org.mproc;

import java.util.OptionalInt;
import org.mproc.internal.spawn.ExitCodes;

/**
 * The pool worker running a call's chunk died before it answered: killed by a signal,
 * {@code System.exit}, {@code Runtime.halt} or an {@link OutOfMemoryError}. The call fails with it
 * within 1 s, and the pool replaces the worker and stays usable (G-POOL-5 of docs/GUARANTEES.md).
 * {@link #exitCode()} says how the worker ended. A worker that ran out of memory is told apart
 * from one that merely exited with the same status (G-PROC-12): {@link #outOfMemory()} is true,
 * the message says "out of memory", and the cause is an {@link OutOfMemoryError} with the JVM's
 * message; otherwise the cause is null.
 *
 * <pre>{@code
 * try {
 *     pool.apply(x -> { Runtime.getRuntime().halt(3); return x; }, 1);
 * } catch (WorkerDiedException e) {
 *     e.exitCode();      // OptionalInt[3]; the pool has already replaced the worker
 *     e.outOfMemory();   // false: the same status, but not the JVM's out-of-memory exit
 * }
 * }</pre>
 */
public class WorkerDiedException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** The dead worker's pid. */
    private final long pid;
    /**
     * How the worker ended, as {@link ChildProcess#exitCode()} reports it; meaningful only when
     * {@link #exitCodeKnown}. Kept as an int and a flag rather than an {@link OptionalInt}, which is
     * not {@link java.io.Serializable}: the exception must travel whole from a child to its parent
     * (a nested pool's worker death, G-PROC-8).
     */
    private final int exitCode;
    /** Whether {@link #exitCode} is known. */
    private final boolean exitCodeKnown;
    /** The first task of the chunk the worker was running. */
    private final int firstTaskIndex;
    /** The last task of that chunk. */
    private final int lastTaskIndex;
    /**
     * Whether the worker died of an {@link OutOfMemoryError}. Kept apart from the cause so that
     * the answer does not depend on how a cause survives the trip between JVMs.
     */
    private final boolean outOfMemory;

    /**
     * Creates the exception; its message names the worker, how it ended and the tasks it ran, for
     * example {@code worker 123 ran out of memory (Java heap space; exit code 3) while running
     * tasks 4–7}.
     *
     * @param pid            the dead worker's pid
     * @param exitCode       its exit code as {@link ChildProcess#exitCode()} reports it, or empty
     * @param firstTaskIndex the index of the first task of the chunk it was running
     * @param lastTaskIndex  the index of the last task of that chunk
     * @param detail         more to add to the message, such as its last stderr lines; may be
     *                       null or empty
     * @param cause          why it died, when known: an {@link OutOfMemoryError} if it ran out
     *                       of memory (then {@link #outOfMemory()} is true); may be null
     */
    public WorkerDiedException(long pid, OptionalInt exitCode, int firstTaskIndex, int lastTaskIndex,
                               String detail, Throwable cause) {
        super("worker " + pid + " " + howItEnded(exitCode, cause) + " while running tasks "
                + firstTaskIndex + (lastTaskIndex != firstTaskIndex ? "–" + lastTaskIndex : "")
                + (detail == null || detail.isEmpty() ? "" : "; " + detail), cause);
        this.pid = pid;
        this.exitCodeKnown = exitCode.isPresent();
        this.exitCode = exitCode.orElse(0);
        this.firstTaskIndex = firstTaskIndex;
        this.lastTaskIndex = lastTaskIndex;
        this.outOfMemory = cause instanceof OutOfMemoryError;
    }

    private static String howItEnded(OptionalInt exitCode, Throwable cause) {
        if (!(cause instanceof OutOfMemoryError)) {
            return "died (" + ExitCodes.describe(exitCode) + ")";
        }
        String why = cause.getMessage();
        return "ran out of memory (" + (why == null || why.isEmpty() ? "" : why + "; ")
                + ExitCodes.describe(exitCode) + ")";
    }

    /**
     * The dead worker's pid.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }

    /**
     * The exit code as {@link ChildProcess#exitCode()} reports it: −N for signal N, n for
     * {@code System.exit(n)} or {@code Runtime.halt(n)} (a halt with n &gt; 128 reads as signal
     * n − 128, G-PROC-1).
     *
     * @return the exit code; empty if it is not known
     */
    public OptionalInt exitCode() {
        return exitCodeKnown ? OptionalInt.of(exitCode) : OptionalInt.empty();
    }

    /**
     * The index, within its call, of the first task of the chunk the worker was running; which
     * task of the chunk was running when it died is not known.
     *
     * @return the first task index
     */
    public int firstTaskIndex() {
        return firstTaskIndex;
    }

    /**
     * The index, within its call, of the last task of the chunk the worker was running.
     *
     * @return the last task index, equal to {@link #firstTaskIndex()} for a one-task chunk
     */
    public int lastTaskIndex() {
        return lastTaskIndex;
    }

    /**
     * Whether the worker died because it ran out of memory (G-PROC-12): the JVM's own exit on an
     * {@link OutOfMemoryError}, not a task's {@code System.exit} with the same status. The cause
     * is then that error. A worker's heap is mproc's default unless its {@code jvmOptions} or
     * {@code -Dmproc.childJvmOptions} choose one (see {@link Pool.Builder#jvmOptions}).
     *
     * @return true if the worker ran out of memory
     */
    public boolean outOfMemory() {
        return outOfMemory;
    }
}
