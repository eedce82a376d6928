package org.mproc.reports.bench;

/** The trivial main class of {@link JvmHelloWorldStartBenchmark}: a JVM that starts and exits. */
public final class HelloMain {
    private HelloMain() {}

    public static void main(String[] args) {
        // Nothing: the floor is the JVM itself.
    }
}
