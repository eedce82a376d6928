package org.mproc.scenarios.trial;

import java.io.Serializable;
import java.time.Duration;
import org.mproc.ProcessQueue;

/**
 * What one child of graded scenario 01 tells the parent: who it is, which JVM it ran in, and when
 * it was alive. The times are {@link System#nanoTime()} readings, which on Linux come from
 * {@code CLOCK_MONOTONIC}, one clock for the whole machine, so a child's readings compare with the
 * parent's and with its siblings'.
 *
 * @param name       the child's name, as the parent gave it
 * @param pid        the pid of the JVM that ran the target
 * @param startNanos when the target began, before its sleep
 * @param endNanos   when the sleep ended
 */
public record Scenario01Report(String name, long pid, long startNanos, long endNanos) implements Serializable {
    /** The target of a graded child: note the time, sleep, note it again, report. */
    public static void sleepAndReport(ProcessQueue<Scenario01Report> reports, String name, Duration sleep)
            throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(sleep.toMillis());
        reports.put(new Scenario01Report(name, ProcessHandle.current().pid(), start, System.nanoTime()));
    }

    public boolean overlaps(Scenario01Report other) {
        return startNanos < other.endNanos && other.startNanos < endNanos;
    }
}
