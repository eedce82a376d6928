package org.mproc.reports.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mproc.ChildProcess;
import org.mproc.Spares;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The scaling suite's process start: {@code ChildProcess.start()} then {@code join()} of a no-op
 * task. {@code cold} starts a fresh child JVM each time (CPython: {@code cpython.StartScaling.spawn});
 * {@code warm} runs it on a ready spare from {@link Spares} (closest to
 * {@code cpython.StartScaling.fork}), and awaits the replacement spare outside the timed call.
 *
 * <p>Single-shot time in batches: one iteration times {@value #BATCH} children one after another,
 * and {@code @OperationsPerInvocation(BATCH)} makes JMH divide the batch's time by them (in this
 * mode JMH divides by the operations per invocation, not by the batch size), so the score is ms per
 * child and each of {@code rawData}'s entries is a mean of {@value #BATCH} starts: a quick run's
 * three iterations are still 15 children. A {@code -bs} other than {@value #BATCH} would make the
 * score wrong, so the trial refuses it.
 *
 * <p>No {@code workers} parameter: the contract gives this workload none (a child's start does not
 * depend on a pool size); the core count is what the suite varies.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar StartScalingBenchmark -rf json -rff reports/out/jmh/start.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OperationsPerInvocation(StartScalingBenchmark.BATCH)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, batchSize = StartScalingBenchmark.BATCH)
@Measurement(iterations = 6, batchSize = StartScalingBenchmark.BATCH)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class StartScalingBenchmark {
    static final int BATCH = 5;

    @Setup(Level.Trial)
    public void checkBatch(BenchmarkParams params) {
        if (params.getWarmup().getBatchSize() != BATCH || params.getMeasurement().getBatchSize() != BATCH) {
            throw new IllegalArgumentException("StartScalingBenchmark times batches of " + BATCH
                    + " children and divides by " + BATCH + "; run it without -bs");
        }
    }

    @Benchmark
    public int cold() throws InterruptedException {
        return startAndJoin(ChildProcess.builder().target(NoOpTask.target()).build());
    }

    @Benchmark
    public int warm(WarmSpare spare) throws InterruptedException {
        return startAndJoin(ChildProcess.builder().target(NoOpTask.target()).spares(spare.spares).build());
    }

    private static int startAndJoin(ChildProcess child) throws InterruptedException {
        child.start();
        child.join();
        int exit = child.exitCode().getAsInt();
        if (exit != 0) {
            throw new IllegalStateException("the no-op child exited with " + exit);
        }
        return exit;
    }

    /** One spare, started for the trial; a ready spare is awaited before every timed start. */
    @State(Scope.Benchmark)
    public static class WarmSpare {
        Spares spares;

        @Setup(Level.Trial)
        public void start() {
            spares = Spares.start(1);
        }

        @Setup(Level.Invocation)
        public void awaitReady() throws InterruptedException {
            if (!spares.awaitReady(Duration.ofSeconds(30))) {
                throw new IllegalStateException("no spare became ready within 30 s");
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            spares.close();
        }
    }
}
