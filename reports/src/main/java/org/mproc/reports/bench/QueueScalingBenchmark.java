package org.mproc.reports.bench;

import java.util.concurrent.TimeUnit;
import org.mproc.Pool;
import org.mproc.ProcessQueue;
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

/**
 * The scaling suite's queue throughput, in elements per second: a producer child puts
 * {@value #ELEMENTS} small ints into a {@link ProcessQueue} that this JVM hosts and a consumer child
 * takes them (three processes, every element crosses two sockets; CPython:
 * {@code cpython.QueueScaling.fork/.spawn}). Producer and consumer are the two workers of a
 * {@code Pool(2)} started once per trial, so no sample pays for a child's start-up. The shape needs
 * two children whatever the core count: {@code workers} is present so every benchmark of the suite
 * takes {@code -p workers=k}, and is otherwise ignored.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar QueueScalingBenchmark -rf json -rff reports/out/jmh/queue.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class QueueScalingBenchmark {
    static final int ELEMENTS = 20_000;

    @Param({"1", "2"})
    public int workers;

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
    @OperationsPerInvocation(ELEMENTS)
    public int mproc() throws Exception {
        return QueueTasks.childToChild(pool, "int", ELEMENTS);
    }
}
