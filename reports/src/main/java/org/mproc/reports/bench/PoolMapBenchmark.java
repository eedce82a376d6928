package org.mproc.reports.bench;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * {@code Pool.map} throughput at the two grains the issue compares with CPython 3.11's
 * {@code Pool(2)} on this machine: {@code map(square, range(10**6))} with the default chunk size
 * (160 ms, 6.2 M items/s) and {@code map} over 10,000 items with chunk size 1 (49 k tasks/s). Beside
 * them, in the same run: the same work sequentially in this JVM, and on a {@link ForkJoinPool} of
 * {@code workers} threads — what process isolation costs.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar PoolMap -rf json -rff reports/out/jmh/pool-map.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolMapBenchmark {
    @Param({"2"})
    public int workers;

    private Pool pool;
    private ForkJoinPool forkJoin;
    private List<Integer> million;
    private List<Integer> tenThousand;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new Pool(workers);
        forkJoin = new ForkJoinPool(workers);
        million = IntStream.range(0, 1_000_000).boxed().collect(Collectors.toList());
        tenThousand = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        forkJoin.shutdown();
    }

    @Benchmark
    public List<Integer> mapMillionDefaultChunks() {
        return pool.map(PoolTasks::square, million);
    }

    @Benchmark
    public List<Integer> mapTenThousandChunksOfOne() {
        return pool.map(PoolTasks::square, tenThousand, 1);
    }

    @Benchmark
    public List<Integer> sequentialMillion() {
        return million.stream().map(PoolTasks::square).collect(Collectors.toList());
    }

    @Benchmark
    public List<Integer> forkJoinMillion() {
        return forkJoin.submit(() -> million.parallelStream().map(PoolTasks::square).collect(Collectors.toList()))
                .join();
    }
}
