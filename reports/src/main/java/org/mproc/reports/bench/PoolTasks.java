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

    /** The seed's factorial scaled up: a coarse, CPU-bound task. */
    static java.math.BigInteger factorial(int n) {
        java.math.BigInteger f = java.math.BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(java.math.BigInteger.valueOf(i));
        }
        return f;
    }

    /** Dies without an answer: {@code Runtime.halt} (no hooks, like a crash) or {@code System.exit}. */
    static int die(String how) {
        if (how.equals("halt")) {
            Runtime.getRuntime().halt(9);
        }
        System.exit(9);
        return 0;
    }
}
