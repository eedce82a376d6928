package org.mproc.reports.bench;

import java.util.concurrent.TimeUnit;
import org.mproc.Pool;
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
 * The scaling suite's {@code apply} round trip: one tiny task at a time through a
 * {@code Pool(workers)}, caller blocked until the result is back (CPython:
 * {@code cpython.ApplyScaling.fork/.spawn}). Average time, so every iteration's mean is in the
 * JSON's {@code rawData} (sample mode would give a histogram instead); {@code PoolApplyBenchmark}
 * has the percentiles.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ApplyScalingBenchmark -p workers=2 -rf json -rff reports/out/jmh/apply.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class ApplyScalingBenchmark {
    @Param({"1", "2"})
    public int workers;

    private Pool pool;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new Pool(workers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public Integer mproc() {
        return pool.apply(PoolTasks::square, 7);
    }
}
