package org.mproc.reports.bench;

import java.util.concurrent.CompletableFuture;
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
 * Queue throughput, one producer process to one consumer process (CPython 3.11 here: {@code Queue}
 * 238 k msg/s for small ints, 204 k msg/s for 1 KiB bytes; {@code Pipe} 325 k msg/s). Two shapes:
 * {@code childToChild}, producer and consumer both pool workers and the queue in this JVM (three
 * processes, every element crosses two sockets), and {@code childToHost}, a producer worker and
 * this JVM taking (two processes, as in CPython's measurement). Scores are messages per second.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ProcessQueueBenchmark -rf json -rff reports/out/jmh/queue.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProcessQueueBenchmark {
    static final int MESSAGES = 20_000;

    @Param({"int", "bytes1k"})
    public String payload;

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
    @OperationsPerInvocation(MESSAGES)
    public int childToChild() throws Exception {
        return QueueTasks.childToChild(pool, payload, MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int childToHost() throws Exception {
        ProcessQueue<Object> queue = ProcessQueue.create();
        CompletableFuture<Integer> put = pool.applyAsync(QueueTasks.producer(queue, payload), MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            queue.take();
        }
        int n = put.get();
        queue.close();
        return n;
    }
}
