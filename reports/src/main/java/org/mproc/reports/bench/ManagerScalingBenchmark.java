package org.mproc.reports.bench;

import java.util.concurrent.TimeUnit;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scaling suite's manager operations: {@code Namespace.get} from this JVM, one round trip to
 * the manager's server child (CPython: {@code cpython.ManagerScaling.fork/.spawn}, a
 * {@code Namespace} attribute read), and the seed's increment, a get then a set ({@code increment};
 * CPython: {@code cpython.ManagerIncrementScaling}). Average time, so each iteration's mean is in {@code rawData};
 * {@code ManagerBenchmark} has the other operations and the percentiles. {@code workers} is
 * present for the suite's {@code -p workers=k} and ignored: one server, one caller.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ManagerScalingBenchmark -rf json -rff reports/out/jmh/manager.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class ManagerScalingBenchmark {
    @Param({"1", "2"})
    public int workers;

    private Manager manager;
    private Namespace shared;

    @Setup(Level.Trial)
    public void setUp() {
        manager = Manager.start();
        shared = manager.namespace();
        shared.set("value", 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public Object mproc() {
        return shared.get("value");
    }

    /** The seed's {@code shared.value += 1}: a get, then a set — two round trips, as in CPython. */
    @Benchmark
    public void increment() {
        shared.set("value", shared.<Integer>get("value") + 1);
    }
}
