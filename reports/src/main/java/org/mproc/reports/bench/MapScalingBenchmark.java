package org.mproc.reports.bench;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.mproc.Pool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The scaling suite's {@code map} at three grains, in items per second: {@code mproc} is
 * {@code Pool(workers).map}, {@code forkJoin} the same map as a parallel stream on a
 * {@link ForkJoinPool} of {@code workers} threads in this JVM, {@code sequential} a plain stream.
 * CPython's {@code cpython.MapScaling.fork/.spawn/.sequential} run the same inputs.
 *
 * <table>
 *   <tr><th>grain</th><th>one item</th><th>items per map</th><th>chunk size</th></tr>
 *   <tr><td>tiny</td><td>the square of an int</td><td>10,000</td><td>default (CPython's rule)</td></tr>
 *   <tr><td>medium</td><td>~50 µs of LCG arithmetic ({@link ScalingTasks#MEDIUM_LOOPS})</td><td>2,000</td><td>default</td></tr>
 *   <tr><td>coarse</td><td>a BigInteger factorial of n in [2000, 3000]</td><td>64</td><td>1</td></tr>
 * </table>
 *
 * <p>Why one nested class per grain: a score is items per second only if
 * {@code @OperationsPerInvocation} equals the items of one map, and that annotation is a constant
 * per class, so the grains cannot share one class with {@code grain} as a multi-valued parameter.
 * Each nested class carries {@code grain} as a one-valued parameter, so the JSON still says
 * {@code "params": {"grain": "tiny", "workers": "2"}}; the benchmark is
 * {@code org.mproc.reports.bench.MapScalingBenchmark.Tiny.mproc} (JMH's own pattern for nested
 * benchmark classes, as in its {@code JMHSample_24_Inheritance}). Pick grains with the regex
 * ({@code MapScalingBenchmark.Medium}), not with {@code -p grain}.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar MapScalingBenchmark -p workers=2 -rf json -rff reports/out/jmh/map.json
 * </pre>
 */
public class MapScalingBenchmark {
    /** The three methods, shared by the grains; only {@code mproc} starts a pool ({@link Workers}). */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
    public abstract static class Grain {
        @Param({"1", "2"})
        public int workers;

        private ScalingTasks.Workload workload;
        private ForkJoinPool forkJoin;

        abstract String grain();

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            if (!grain().equals(params.getParam("grain"))) {
                String nested = Character.toUpperCase(grain().charAt(0)) + grain().substring(1);
                throw new IllegalArgumentException("MapScalingBenchmark." + nested + " measures grain '" + grain()
                        + "', not '" + params.getParam("grain") + "': choose grains with the benchmark regex"
                        + " (MapScalingBenchmark." + nested + "), not with -p grain");
            }
            workload = ScalingTasks.workload(grain());
            if (params.getOpsPerInvocation() != workload.inputs().size()) {
                throw new IllegalStateException("@OperationsPerInvocation(" + params.getOpsPerInvocation()
                        + ") does not match the " + workload.inputs().size() + " items of grain " + grain());
            }
            forkJoin = new ForkJoinPool(workers);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            forkJoin.shutdown();
        }

        @Benchmark
        public List<?> mproc(Workers pool) {
            return workload.chunksize() == 0
                    ? pool.pool.map(workload.task(), workload.inputs())
                    : pool.pool.map(workload.task(), workload.inputs(), workload.chunksize());
        }

        @Benchmark
        public List<?> forkJoin() {
            return forkJoin.submit(() -> workload.inputs().parallelStream().map(workload.local())
                    .collect(Collectors.toList())).join();
        }

        @Benchmark
        public List<?> sequential() {
            return workload.inputs().stream().map(workload.local()).collect(Collectors.toList());
        }
    }

    /** {@code Pool(workers)}, started once per trial and only for {@code mproc}. */
    @State(Scope.Benchmark)
    public static class Workers {
        Pool pool;

        @Setup(Level.Trial)
        public void start(BenchmarkParams params) {
            pool = new Pool(Integer.parseInt(params.getParam("workers")));
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    @OperationsPerInvocation(ScalingTasks.TINY_ITEMS)
    public static class Tiny extends Grain {
        @Param("tiny")
        public String grain;

        @Override
        String grain() {
            return "tiny";
        }
    }

    @OperationsPerInvocation(ScalingTasks.MEDIUM_ITEMS)
    public static class Medium extends Grain {
        @Param("medium")
        public String grain;

        @Override
        String grain() {
            return "medium";
        }
    }

    @OperationsPerInvocation(ScalingTasks.COARSE_ITEMS)
    public static class Coarse extends Grain {
        @Param("coarse")
        public String grain;

        @Override
        String grain() {
            return "coarse";
        }
    }
}
