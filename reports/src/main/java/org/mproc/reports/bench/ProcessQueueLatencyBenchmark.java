package org.mproc.reports.bench;

import java.util.concurrent.TimeUnit;
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
 * One element there and back: this JVM puts into {@code out}, a pool worker takes it and puts it
 * into {@code back}, this JVM takes it — two put→take hops, the element crossing the worker's
 * connection both ways. JMH's sample mode gives the distribution (p50, p99). One-way put→take
 * latency of a paced producer is {@link QueueLatency}'s, with HdrHistogram.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ProcessQueueLatency -rf json -rff reports/out/jmh/queue-latency.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProcessQueueLatencyBenchmark {
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
    public Object echoRoundTrip() throws InterruptedException {
        return echo.roundTrip(7);
    }
}
