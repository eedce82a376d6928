package org.mproc.reports.bench;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mproc.Pool;
import org.mproc.WorkerDiedException;
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
 * Coarse CPU-bound work — 16 BigInteger factorials of 3,000 — on 1 and 2 workers, and sequentially
 * in this JVM: speed-up and efficiency from 1 to 2 workers (CPython's is 97% here). Also how fast a
 * worker's death becomes a {@link WorkerDiedException} ({@code concurrent.futures} reports a broken
 * pool in 20 ms; CPython's {@code Pool} hangs).
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar PoolScaling -rf json -rff reports/out/jmh/pool-scaling.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PoolScalingBenchmark {
    @Param({"1", "2"})
    public int workers;

    private Pool pool;
    private List<Integer> inputs;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new Pool(workers);
        inputs = IntStream.range(0, 16).mapToObj(i -> 10_000).collect(Collectors.toList());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<BigInteger> coarseFactorials() {
        return pool.map(PoolTasks::factorial, inputs, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<BigInteger> coarseFactorialsSequential() {
        return inputs.stream().map(PoolTasks::factorial).collect(Collectors.toList());
    }

    /** How the worker dies in {@link #workerDeathToException}. */
    @Param({"exit", "halt"})
    public String death;

    /** Every worker answers (the replacement of the last victim is ready) before the clock starts. */
    @Setup(Level.Invocation)
    public void poolReady() {
        for (int i = 0; i < workers; i++) {
            pool.apply(PoolTasks::square, i);
        }
    }

    /** Submission to WorkerDiedException. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 20)
    public WorkerDiedException workerDeathToException() {
        try {
            pool.apply(PoolTasks::die, death);
            throw new IllegalStateException("the task was meant to kill its worker");
        } catch (WorkerDiedException expected) {
            return expected;
        }
    }
}
