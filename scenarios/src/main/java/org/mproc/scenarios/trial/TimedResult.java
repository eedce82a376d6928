package org.mproc.scenarios.trial;

import java.io.Serializable;

/**
 * A task's result as a worker hands it back, with who computed it and when it finished: the
 * evidence {@link MapOrderCheck} needs to tell "workers finished out of order" from "they happened
 * not to". {@link System#nanoTime()} is {@code CLOCK_MONOTONIC} on Linux, one clock for every
 * process on the machine, so times taken in different workers compare.
 *
 * @param value     what the task computed
 * @param pid       the process that computed it
 * @param doneNanos {@link System#nanoTime()} when it finished
 */
public record TimedResult<R>(R value, long pid, long doneNanos) implements Serializable {
    /** {@code value}, stamped with this process and the time now; called last thing in a task. */
    public static <R> TimedResult<R> now(R value) {
        return new TimedResult<>(value, ProcessHandle.current().pid(), System.nanoTime());
    }
}
