package org.mproc.reports.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mproc.ProcessBiFunction;
import org.mproc.ProcessFunction;
import org.mproc.ProcessQueue;
import org.mproc.cluster.ClusterQueue;

/**
 * The work of the cluster suite ({@link ClusterMapBenchmark}, {@link ClusterRoundTripBenchmark}),
 * in a small class of its own: a member or a pool worker loads the class that defines a function it
 * is sent, and a benchmark class would drag JMH into it. Each task has one form for a cluster and
 * one for the local runtime, doing the same work.
 */
final class ClusterTasks {
    /** Items of one coarse map: enough that every core stays busy on this machine's 2 cores and beyond. */
    static final int COARSE_ITEMS = 48;

    /**
     * Iterations of the coarse grain's LCG: one item ≈ 13 ms of CPU (about 1.1 ns per iteration on
     * the 2-core VM this was written on, JDK 17, C2-compiled; {@link ScalingTasks#MEDIUM_LOOPS}),
     * so the grain stays at or above the 10 ms on a faster core. The cluster section reads the
     * measured time per item off the sequential baseline, not off this constant.
     */
    static final int COARSE_LOOPS = 12_000_000;

    /** Elements a producer puts per call, one by one. */
    static final int QUEUE_ELEMENTS = 5_000;

    /** Elements a producer puts per call in batches of {@link #BATCH}. */
    static final int BATCHED_ELEMENTS = 20_000;

    /** One {@code putAll} and at most one {@code drainTo}. */
    static final int BATCH = 100;

    /**
     * The clusters' heartbeat bound: looser than the default 5 s, so that members pinned with the
     * caller to one busy core are never declared dead in the middle of a measurement.
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    /** How long a cluster may take to start; members on one core start slowly. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private ClusterTasks() {}

    /** The coarse grain: a 64-bit LCG (Knuth's MMIX constants) from {@code seed}, {@link #COARSE_LOOPS} times. */
    static long coarse(int seed) {
        long x = seed;
        for (int i = 0; i < COARSE_LOOPS; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    static List<Integer> coarseInputs() {
        return ScalingTasks.range(COARSE_ITEMS);
    }

    /** {@link #coarse} as a task: made here, so the task's class is this one and not a benchmark's. */
    static ProcessFunction<Integer, Long> coarseTask() {
        return ClusterTasks::coarse;
    }

    /** The round trip's task: its argument back. */
    static ProcessFunction<Integer, Integer> identityTask() {
        return x -> x;
    }

    /** An attribute's update: one more. */
    static ProcessFunction<Integer, Integer> incrementTask() {
        return n -> n + 1;
    }

    /** A dict merge's function: the sum. */
    static ProcessBiFunction<Integer, Integer, Integer> sumTask() {
        return Integer::sum;
    }

    /** A producer on a member: {@code n} elements, one {@code put} each. */
    static ProcessFunction<Integer, Integer> producer(ClusterQueue<Integer> queue) {
        return n -> {
            for (int i = 0; i < n; i++) {
                queue.put(i);
            }
            return n;
        };
    }

    /** A producer on a member: {@code n} elements in {@code putAll} batches of {@link #BATCH}. */
    static ProcessFunction<Integer, Integer> batchedProducer(ClusterQueue<Integer> queue) {
        return n -> {
            for (int i = 0; i < n; i += BATCH) {
                queue.putAll(batch(i, Math.min(BATCH, n - i)));
            }
            return n;
        };
    }

    /** A producer in a pool worker: {@code n} elements, one {@code put} each. */
    static ProcessFunction<Integer, Integer> producer(ProcessQueue<Integer> queue) {
        return n -> {
            for (int i = 0; i < n; i++) {
                queue.put(i);
            }
            return n;
        };
    }

    /** A producer in a pool worker: {@code n} elements in {@code putAll} batches of {@link #BATCH}. */
    static ProcessFunction<Integer, Integer> batchedProducer(ProcessQueue<Integer> queue) {
        return n -> {
            for (int i = 0; i < n; i += BATCH) {
                queue.putAll(batch(i, Math.min(BATCH, n - i)));
            }
            return n;
        };
    }

    private static List<Integer> batch(int first, int size) {
        List<Integer> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(first + i);
        }
        return batch;
    }

    /** A queue's two operations the consumer uses, so one consumer loop serves both runtimes. */
    interface Consumer {
        Integer take() throws InterruptedException;

        int drainTo(List<Integer> to, int max);
    }

    /**
     * Takes {@code n} elements, one {@code take} each or, when {@code batched}, by {@code drainTo} of
     * up to {@link #BATCH} (a {@code take} when the queue is empty, as a consumer waits); then waits
     * for the producer. Throws when an element is missing or out of order.
     */
    static int consume(Consumer queue, int n, boolean batched, CompletableFuture<Integer> producer) throws Exception {
        List<Integer> batch = new ArrayList<>(BATCH);
        int next = 0;
        while (next < n) {
            batch.clear();
            if (!batched || queue.drainTo(batch, BATCH) == 0) {
                batch.add(queue.take());
            }
            for (Integer e : batch) {
                if (e != next) {
                    throw new IllegalStateException("took " + e + ", expected " + next);
                }
                next++;
            }
        }
        int put = producer.get();
        if (put != n) {
            throw new IllegalStateException("the producer put " + put + " elements, not " + n);
        }
        return n;
    }
}
