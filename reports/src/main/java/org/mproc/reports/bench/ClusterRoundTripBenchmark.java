package org.mproc.reports.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mproc.Manager;
import org.mproc.Namespace;
import org.mproc.Pool;
import org.mproc.ProcessQueue;
import org.mproc.SharedMap;
import org.mproc.cluster.Cluster;
import org.mproc.cluster.ClusterDict;
import org.mproc.cluster.ClusterPool;
import org.mproc.cluster.ClusterQueue;
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
 * The cluster suite's round trips and rates, each {@code <shape>Cluster} beside its twin
 * {@code <shape>Local} on the local runtime (the cluster section pairs them by that name). The
 * cluster has {@value #MEMBERS} member JVMs (a queue's or a dict's synchronous backup needs a
 * second member); the local side a {@code Pool(2)} and a {@code Manager}.
 *
 * <table>
 * <caption>Shapes</caption>
 * <tr><th>shape</th><th>one operation</th><th>unit</th></tr>
 * <tr><td>{@code apply}</td><td>{@code pool.apply(identity, 1)}: one task there and back</td><td>µs/op</td></tr>
 * <tr><td>{@code queue}</td><td>one element from a producer task (on a member, or a pool worker)
 *     to this JVM: {@value ClusterTasks#QUEUE_ELEMENTS} {@code put}s there, as many {@code take}s
 *     here, per call</td><td>elements/s</td></tr>
 * <tr><td>{@code queueBatched}</td><td>the same with {@code putAll} of {@value ClusterTasks#BATCH}
 *     and {@code drainTo} of up to {@value ClusterTasks#BATCH}, {@value ClusterTasks#BATCHED_ELEMENTS}
 *     per call</td><td>elements/s</td></tr>
 * <tr><td>{@code namespaceIncrement}</td><td>{@code namespace.updateAndGet("n", n -> n + 1)} from
 *     this JVM: atomic, run where the attribute lives</td><td>µs/op</td></tr>
 * <tr><td>{@code dictMerge}</td><td>{@code dict.merge("n", 1, ClusterTasks.sumTask())} from this JVM</td><td>µs/op</td></tr>
 * </table>
 *
 * <p>The queue's consumer checks every element arrives in order and the producer's count. A cluster
 * starts once per trial and stops in its tear-down, every member JVM with it.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ClusterRoundTripBenchmark -rf json -rff reports/out/cluster/roundtrip.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class ClusterRoundTripBenchmark {
    static final int MEMBERS = 2;

    /** A cluster of {@value #MEMBERS} members with its pool, queues, namespace and dict, for one trial. */
    @State(Scope.Benchmark)
    public static class ClusterSide {
        Cluster cluster;
        ClusterPool pool;
        ClusterQueue<Integer> queue;
        Namespace namespace;
        ClusterDict<String, Integer> dict;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            cluster = Cluster.builder().members(MEMBERS).heartbeat(ClusterTasks.HEARTBEAT)
                    .startTimeout(ClusterTasks.START_TIMEOUT).start();
            pool = cluster.pool();
            queue = cluster.queue("bench");
            namespace = cluster.namespace("bench");
            namespace.set("n", 0);
            dict = cluster.dict("bench");
        }

        @TearDown(Level.Trial)
        public void stop() {
            cluster.close();
        }
    }

    /** The local runtime's twins: a {@code Pool(2)}, a queue this JVM hosts, a manager's namespace and dict. */
    @State(Scope.Benchmark)
    public static class LocalSide {
        Pool pool;
        ProcessQueue<Integer> queue;
        Manager manager;
        Namespace namespace;
        SharedMap<String, Integer> dict;

        @Setup(Level.Trial)
        public void start() {
            pool = new Pool(2);
            queue = ProcessQueue.create();
            manager = Manager.start();
            namespace = manager.namespace();
            namespace.set("n", 0);
            dict = manager.dict();
        }

        @TearDown(Level.Trial)
        public void stop() {
            queue.close();
            manager.close();
            pool.close();
        }
    }

    @Benchmark
    public Integer applyCluster(ClusterSide side) {
        return side.pool.apply(ClusterTasks.identityTask(), 1);
    }

    @Benchmark
    public Integer applyLocal(LocalSide side) {
        return side.pool.apply(ClusterTasks.identityTask(), 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ClusterTasks.QUEUE_ELEMENTS)
    public int queueCluster(ClusterSide side) throws Exception {
        return ClusterTasks.consume(consumer(side.queue), ClusterTasks.QUEUE_ELEMENTS, false,
                side.pool.applyAsync(ClusterTasks.producer(side.queue), ClusterTasks.QUEUE_ELEMENTS));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ClusterTasks.QUEUE_ELEMENTS)
    public int queueLocal(LocalSide side) throws Exception {
        return ClusterTasks.consume(consumer(side.queue), ClusterTasks.QUEUE_ELEMENTS, false,
                side.pool.applyAsync(ClusterTasks.producer(side.queue), ClusterTasks.QUEUE_ELEMENTS));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ClusterTasks.BATCHED_ELEMENTS)
    public int queueBatchedCluster(ClusterSide side) throws Exception {
        return ClusterTasks.consume(consumer(side.queue), ClusterTasks.BATCHED_ELEMENTS, true,
                side.pool.applyAsync(ClusterTasks.batchedProducer(side.queue), ClusterTasks.BATCHED_ELEMENTS));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ClusterTasks.BATCHED_ELEMENTS)
    public int queueBatchedLocal(LocalSide side) throws Exception {
        return ClusterTasks.consume(consumer(side.queue), ClusterTasks.BATCHED_ELEMENTS, true,
                side.pool.applyAsync(ClusterTasks.batchedProducer(side.queue), ClusterTasks.BATCHED_ELEMENTS));
    }

    @Benchmark
    public Integer namespaceIncrementCluster(ClusterSide side) {
        return side.namespace.updateAndGet("n", ClusterTasks.incrementTask());
    }

    @Benchmark
    public Integer namespaceIncrementLocal(LocalSide side) {
        return side.namespace.updateAndGet("n", ClusterTasks.incrementTask());
    }

    @Benchmark
    public Integer dictMergeCluster(ClusterSide side) {
        return side.dict.merge("n", 1, ClusterTasks.sumTask());
    }

    @Benchmark
    public Integer dictMergeLocal(LocalSide side) {
        return side.dict.merge("n", 1, ClusterTasks.sumTask());
    }

    private static ClusterTasks.Consumer consumer(ClusterQueue<Integer> queue) {
        return new ClusterTasks.Consumer() {
            @Override
            public Integer take() throws InterruptedException {
                return queue.take();
            }

            @Override
            public int drainTo(List<Integer> to, int max) {
                return queue.drainTo(to, max);
            }
        };
    }

    private static ClusterTasks.Consumer consumer(ProcessQueue<Integer> queue) {
        return new ClusterTasks.Consumer() {
            @Override
            public Integer take() throws InterruptedException {
                return queue.take();
            }

            @Override
            public int drainTo(List<Integer> to, int max) {
                return queue.drainTo(to, max);
            }
        };
    }
}
