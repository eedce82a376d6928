package org.mproc.reports.bench;

/**
 * The functions the pool benchmarks send, in a small class of their own: a worker loads the
 * capturing class to rebuild a lambda, and a benchmark class would drag JMH into the worker.
 */
final class PoolTasks {
    private PoolTasks() {}

    static int square(int x) {
        return x * x;
    }
}
