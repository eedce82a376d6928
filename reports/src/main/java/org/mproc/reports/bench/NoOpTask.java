package org.mproc.reports.bench;

import org.mproc.ProcessFunction;
import org.mproc.ProcessTask;

/**
 * The task the start-up benchmarks send: a static method reference that captures nothing. It lives
 * in its own small class because the child loads the capturing class to rebuild the lambda, and a
 * benchmark class would drag JMH types into the child's start-up.
 */
final class NoOpTask {
    private NoOpTask() {}

    static void run() {
        // Nothing: the benchmark measures the child, not the work.
    }

    static ProcessTask target() {
        return NoOpTask::run;
    }

    /** The pool's no-op item: each input comes back as it went. */
    static ProcessFunction<Integer, Integer> identity() {
        return NoOpTask::same;
    }

    private static Integer same(Integer x) {
        return x;
    }
}
