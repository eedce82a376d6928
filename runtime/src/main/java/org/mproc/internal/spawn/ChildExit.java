package org.mproc.internal.spawn;

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
                        boolean connected) {}
