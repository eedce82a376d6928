package org.mproc.reports.bench;

import java.util.concurrent.TimeUnit;
import org.mproc.ProcessQueue;
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
 * The scaling suite's queue latency: one element out to an echoing child through a
 * {@link ProcessQueue} this JVM hosts and back through another, per operation (CPython:
 * {@code cpython.QueueLatencyScaling.fork/.spawn}, the same echo with two {@code multiprocessing.Queue}s).
 * Average time, so each iteration's mean is in {@code rawData};
 * {@link ProcessQueueLatencyBenchmark} has the percentiles. {@code workers} is present for the
 * suite's {@code -p workers=k} and ignored: one echoing child.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar QueueLatencyScalingBenchmark -rf json -rff reports/out/jmh/queue-latency.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class QueueLatencyScalingBenchmark {
    @Param({"1", "2"})
    public int workers;

    private QueueEcho echo;

    @Setup(Level.Trial)
    public void setUp() {
        echo = new QueueEcho();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        echo.close();
    }

    @Benchmark
    public Object mproc() throws InterruptedException {
        return echo.roundTrip(7);
    }
}
