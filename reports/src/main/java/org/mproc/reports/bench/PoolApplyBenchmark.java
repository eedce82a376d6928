package org.mproc.reports.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mproc.Pool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One task at a time through a {@code Pool(2)}: the {@code apply} round trip (CPython 3.11 here:
 * 150 µs median) and pipelined {@code applyAsync} (CPython: 40 k calls/s), plus pool start —
 * create, first result, close (CPython: 5.6 ms with fork, 62 ms with spawn).
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar PoolApply -rf json -rff reports/out/jmh/pool-apply.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class PoolApplyBenchmark {
    private static final int PIPELINED = 1_000;
    private Pool pool;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new Pool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Integer applyRoundTrip() {
        return pool.apply(PoolTasks::square, 7);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(PIPELINED)
    public int applyAsyncPipelined() {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(PIPELINED);
        for (int i = 0; i < PIPELINED; i++) {
            futures.add(pool.applyAsync(PoolTasks::square, i));
        }
        int sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.join();
        }
        return sum;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public Integer startFirstResultClose() {
        try (Pool fresh = new Pool(2)) {
            return fresh.apply(PoolTasks::square, 3);
        }
    }
}
