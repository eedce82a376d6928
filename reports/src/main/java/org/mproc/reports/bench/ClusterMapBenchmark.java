package org.mproc.reports.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mproc.Pool;
import org.mproc.cluster.Cluster;
import org.mproc.cluster.ClusterPool;
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
 * The cluster suite's coarse map, in items per second: {@link ClusterTasks#COARSE_ITEMS} items of
 * about 13 ms of CPU each ({@link ClusterTasks#coarse}), chunk size 1. {@code cluster} maps on a
 * local cluster of {@code members} member JVMs (each running tasks on as many threads as it has
 * cores); {@code local}, its twin, on a {@code Pool} with one worker per core this JVM may use;
 * {@code sequential} runs the items one after another in this JVM: the time of one item, and the
 * one-core baseline of the cluster section's Amdahl fit. {@code scripts/bench-cluster} pins the
 * run to k cores ({@code taskset}) and every child JVM inherits that, so the cluster and the pool
 * share the same cores.
 *
 * <p>A cluster starts once per trial and stops in its tear-down, every member JVM with it. Its
 * members get the cluster's default JVM options ({@code -Xmx256m -XX:+UseSerialGC}) and a looser
 * heartbeat bound ({@link ClusterTasks#HEARTBEAT}): pinned to one core, busy members must not be
 * declared dead.
 *
 * <pre>
 *   taskset -c 0,1 java -jar reports/target/benchmarks.jar ClusterMapBenchmark -rf json -rff reports/out/cluster/map-k2.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ClusterTasks.COARSE_ITEMS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class ClusterMapBenchmark {
    private final List<Integer> inputs = ClusterTasks.coarseInputs();

    /** A local cluster of {@code members} member JVMs and its pool, for one trial. */
    @State(Scope.Benchmark)
    public static class Members {
        @Param({"1", "2", "3"})
        public int members;

        Cluster cluster;
        ClusterPool pool;

        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            cluster = Cluster.builder().members(members).heartbeat(ClusterTasks.HEARTBEAT)
                    .startTimeout(ClusterTasks.START_TIMEOUT).start();
            pool = cluster.pool();
        }

        @TearDown(Level.Trial)
        public void stop() {
            cluster.close();
        }
    }

    /** A {@code Pool} with a worker per core this JVM may use, for one trial. */
    @State(Scope.Benchmark)
    public static class Workers {
        Pool pool;

        @Setup(Level.Trial)
        public void start() {
            pool = new Pool(Runtime.getRuntime().availableProcessors());
        }

        @TearDown(Level.Trial)
        public void stop() {
            pool.close();
        }
    }

    @Benchmark
    public List<Long> cluster(Members members) {
        return members.pool.map(ClusterTasks.coarseTask(), inputs, 1);
    }

    @Benchmark
    public List<Long> local(Workers workers) {
        return workers.pool.map(ClusterTasks.coarseTask(), inputs, 1);
    }

    @Benchmark
    public long sequential() {
        long sum = 0;
        for (int seed : inputs) {
            sum += ClusterTasks.coarse(seed);
        }
        return sum;
    }
}
