package org.mproc.reports.bench;

import java.util.concurrent.TimeUnit;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.SharedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Manager proxy operations, each a round trip to the server child (CPython 3.11 here: Namespace
 * get 37 µs, set 24.5 µs, get+set increment 75 µs, Lock acquire+release 77 µs; from a child
 * 48/38 µs). This JVM is not the server, so every call crosses a socket, as in CPython. Sample
 * mode gives the distribution.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ManagerBenchmark -rf json -rff reports/out/jmh/manager.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManagerBenchmark {
    private Manager manager;
    private Namespace shared;
    private SharedLock lock;

    @Setup(Level.Trial)
    public void setUp() {
        manager = Manager.start();
        shared = manager.namespace();
        shared.set("value", 0);
        lock = manager.lock();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public Object namespaceGet() {
        return shared.get("value");
    }

    @Benchmark
    public void namespaceSet() {
        shared.set("value", 7);
    }

    /** The seed's {@code shared.value += 1}: two round trips, not atomic. */
    @Benchmark
    public void namespaceGetThenSet() {
        shared.set("value", shared.<Integer>get("value") + 1);
    }

    /** The atomic increment CPython lacks: one round trip. */
    @Benchmark
    public Object namespaceUpdateAndGet() {
        return shared.updateAndGet("value", (Integer v) -> v + 1);
    }

    @Benchmark
    public void lockAcquireRelease() throws InterruptedException {
        lock.lock();
        lock.unlock();
    }

    /** {@code Manager.start()} to {@code close()}: a server JVM's whole life. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public void startAndClose() {
        Manager.start().close();
    }
}
