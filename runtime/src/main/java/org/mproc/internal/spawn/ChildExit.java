package org.mproc.internal.spawn;

import java.util.ArrayList;
import java.util.List;
import org.mproc.internal.wire.TaskFailedFrame;

/**
 * How a child ended, once its process, its connection and both output streams are finished.
 *
 * @param exitCode   CPython's convention: the status, or −N for signal N ({@link ExitCodes})
 * @param failure    the task's uncaught exception as the child reported it, or null
 * @param stdoutTail the last lines the child wrote to stdout (where HotSpot reports a fatal
 *                   {@code OutOfMemoryError})
 * @param stderrTail the last lines the child wrote to stderr
 * @param connected  whether the child connected to its parent; one that exited before it did never
 *                   ran its task (a JVM option, class path or start-up failure: the tails say which)
 */
public record ChildExit(int exitCode, TaskFailedFrame failure, List<String> stdoutTail, List<String> stderrTail,
                        boolean connected) {
    /** What {@code -XX:+ExitOnOutOfMemoryError} exits with. */
    static final int OUT_OF_MEMORY_STATUS = 3;
    /** How HotSpot begins the line it prints before that exit (on stdout in JDK 17; both streams are searched). */
    private static final String OUT_OF_MEMORY_LINE = "Terminating due to java.lang.OutOfMemoryError";

    /**
     * Whether the child died of an {@link OutOfMemoryError}. Children run with
     * {@code -XX:+ExitOnOutOfMemoryError} ({@link JvmCommand#DEFAULTS}): the JVM exits with 3 at the
     * first one and prints a line saying so, which is all the parent learns. Both are needed, so a
     * task's plain {@code System.exit(3)} is not mistaken for it (G-PROC-12).
     *
     * @return the error, with the JVM's message ({@code Java heap space}, {@code Metaspace}, …), or
     *         null if the child did not run out of memory
     */
    public OutOfMemoryError outOfMemory() {
        if (exitCode != OUT_OF_MEMORY_STATUS) {
            return null;
        }
        List<String> lines = new ArrayList<>(stdoutTail);
        lines.addAll(stderrTail);
        for (String line : lines) {
            int at = line.indexOf(OUT_OF_MEMORY_LINE);
            if (at >= 0) {
                String rest = line.substring(at + OUT_OF_MEMORY_LINE.length());
                return new OutOfMemoryError(rest.startsWith(": ") ? rest.substring(2) : null);
            }
        }
        return null;
    }
}
