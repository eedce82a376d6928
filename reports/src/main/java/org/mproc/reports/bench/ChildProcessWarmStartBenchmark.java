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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ChildProcess} start-to-exit of a no-op task on a pre-started warm spare ({@link Spares}):
 * the spare JVM is already running, connected and ready to decode, so one sample is the task's
 * trip, its run, and the JVM's exit. Compared with CPython's fork start method (1.6 ms here) and
 * with {@link ChildProcessStartBenchmark} (cold). Before each sample the replacement spare is
 * awaited, so no sample pays for another's start-up.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ChildProcessWarmStart -rf json -rff reports/out/jmh/warm.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
public class ChildProcessWarmStartBenchmark {
    private Spares spares;

    @Setup(Level.Trial)
    public void startSpares() {
        spares = Spares.start(1);
    }

    @Setup(Level.Invocation)
    public void awaitSpare() throws InterruptedException {
        if (!spares.awaitReady(Duration.ofSeconds(30))) {
            throw new IllegalStateException("no spare became ready within 30 s");
        }
    }

    @TearDown(Level.Trial)
    public void stopSpares() {
        spares.close();
    }

    @Benchmark
    public int startAndJoinOnSpare() throws InterruptedException {
        ChildProcess child = ChildProcess.builder().target(NoOpTask.target()).spares(spares).build();
        child.start();
        child.join();
        int exit = child.exitCode().getAsInt();
        if (exit != 0) {
            throw new IllegalStateException("the no-op child exited with " + exit);
        }
        return exit;
    }
}
