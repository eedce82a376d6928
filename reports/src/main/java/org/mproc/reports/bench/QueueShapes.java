package org.mproc.reports.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mproc.ChildProcess;
import org.mproc.Pool;
import org.mproc.ProcessQueue;

/**
 * This JVM's side of {@link ShapesQueueBenchmark}'s shapes: it hosts the queues, hands the roles
 * to pool workers, reads what comes back to it, and checks every count and id sum ({@link Tally}).
 * A lost element fails the run with {@link IllegalStateException} after {@link #STALL} without
 * progress, never a hang: the queues are closed on the way out, which wakes any child still
 * blocked on them, so the pool is free for the next invocation or the trial's tear-down.
 */
final class QueueShapes {
    /** No element and no finished role for this long: the run is declared lost. */
    static final Duration STALL = Duration.ofSeconds(60);
    /** How often a waiting reader looks whether a child failed, rather than waiting out {@link #STALL}. */
    private static final Duration LOOK = Duration.ofSeconds(1);

    /** Who moves the records: producers put, consumers take; {@code results}: the consumers send them on to this JVM. */
    record Shape(int producers, int consumers, boolean results) {
        /**
         * Producers may not outnumber consumers: every producer must put a sentinel after its last
         * record, or the consumers could all stop while a producer without one is still putting.
         */
        Shape {
            if (producers < 1 || consumers < producers) {
                throw new IllegalArgumentException("a shape needs 1 <= producers <= consumers, not " + producers
                        + " producers and " + consumers + " consumers");
            }
        }

        int children() {
            return producers + consumers;
        }

        /**
         * The sentinels producer {@code p} puts after its records: one per consumer in all, shared
         * out as evenly as the counts allow. Each consumer stops at the first it takes, so each takes
         * one, and the last one taken comes after every record (each producer's records precede its
         * own sentinels in the queue's order, G-QUEUE-1).
         */
        int sentinels(int p) {
            return consumers / producers + (p < consumers % producers ? 1 : 0);
        }
    }

    static final Shape ONE_TO_ONE = new Shape(1, 1, false);
    static final Shape ONE_TO_TWO = new Shape(1, 2, false);
    static final Shape TWO_TO_TWO = new Shape(2, 2, false);
    static final Shape PIPELINE = new Shape(2, 2, true);

    private QueueShapes() {}

    /** {@code capacity} 0: unbounded (as CPython's {@code maxsize=0}). */
    static <E> ProcessQueue<E> queue(int capacity) {
        return capacity == 0 ? ProcessQueue.create() : ProcessQueue.create(capacity);
    }

    /**
     * Moves records 0 .. n-1 through {@code shape} on {@code pool}, which must have exactly
     * {@code shape.children()} idle workers (each role then gets a worker of its own); returns the
     * number of records taken.
     */
    static long run(Pool pool, Shape shape, int capacity, int n) throws Exception {
        ProcessQueue<Order> work = queue(capacity);
        ProcessQueue<Object> results = shape.results() ? ProcessQueue.create() : null;
        try {
            List<CompletableFuture<Tally>> consumers = new ArrayList<>();
            for (int c = 0; c < shape.consumers(); c++) {
                consumers.add(pool.applyAsync(ShapeTasks.consumer(work, results), c));
            }
            List<CompletableFuture<Tally>> producers = new ArrayList<>();
            for (int p = 0; p < shape.producers(); p++) {
                producers.add(pool.applyAsync(ShapeTasks.producer(work, p, shape.producers(), shape.sentinels(p)), n));
            }
            Tally expected = Tally.expected(n);
            if (results != null) {
                List<CompletableFuture<Tally>> roles = new ArrayList<>(consumers);
                roles.addAll(producers);
                readResults(results, shape.consumers(), roles).require(expected, "this JVM, reading the results");
            }
            Tally.sum(await(producers)).require(expected, "the producers");
            Tally taken = Tally.sum(await(consumers));
            taken.require(expected, "the consumers");
            return taken.count();
        } finally {
            work.close();
            if (results != null) {
                results.close();
            }
        }
    }

    /** Reads records until every consumer has sent its end mark (its own {@link Tally}). */
    private static Tally readResults(ProcessQueue<Object> results, int consumers, List<CompletableFuture<Tally>> roles)
            throws Exception {
        long count = 0;
        long idSum = 0;
        int ended = 0;
        long lastProgress = System.nanoTime();
        while (ended < consumers) {
            Object x = results.poll(LOOK);
            if (x instanceof Order o) {
                count++;
                idSum += o.id();
            } else if (x instanceof Tally) {
                ended++;
            } else {
                failFast(roles);
                stalled(lastProgress, "the pipeline's results");
                continue;
            }
            lastProgress = System.nanoTime();
        }
        return new Tally(count, idSum);
    }

    /**
     * The fresh-producer shape: a child started now, cold, puts {@code n} 1 KiB messages that this
     * JVM takes; returns once the child has exited cleanly and every message is accounted for.
     */
    static long freshProducer(int capacity, int n) throws Exception {
        ProcessQueue<byte[]> queue = queue(capacity);
        ChildProcess producer = ChildProcess.builder().name("fresh-producer").daemon(true)
                .target(ShapeTasks.bytesProducer(queue, n)).build();
        try {
            producer.start();
            long idSum = 0;
            long lastProgress = System.nanoTime();
            for (int taken = 0; taken < n; ) {
                byte[] message = queue.poll(LOOK);
                if (message == null) {
                    if (!producer.isAlive()) {
                        throw new IllegalStateException("the fresh producer ended after " + taken + " of " + n
                                + " messages, exit code " + producer.exitCode() + ", failure " + producer.failure());
                    }
                    stalled(lastProgress, "the fresh producer's messages");
                    continue;
                }
                idSum += ShapeTasks.idOf(message);
                taken++;
                lastProgress = System.nanoTime();
            }
            if (!producer.join(STALL) || producer.exitCode().orElse(-1) != 0) {
                throw new IllegalStateException("the fresh producer did not exit cleanly: exit code " + producer.exitCode()
                        + ", failure " + producer.failure());
            }
            new Tally(n, idSum).require(Tally.expected(n), "this JVM, taking the fresh producer's messages");
            return n;
        } finally {
            queue.close();
            if (producer.isAlive()) {
                producer.kill();
            }
        }
    }

    private static List<Tally> await(List<CompletableFuture<Tally>> roles) throws Exception {
        List<Tally> out = new ArrayList<>();
        for (CompletableFuture<Tally> role : roles) {
            try {
                out.add(role.get(STALL.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                throw new IllegalStateException("a producer or consumer made no progress for " + STALL
                        + ": an element or a sentinel was lost", e);
            }
        }
        return out;
    }

    /** Rethrows the failure of a role that already failed: a dead consumer should not cost a whole {@link #STALL}. */
    private static void failFast(List<CompletableFuture<Tally>> roles) throws Exception {
        for (CompletableFuture<Tally> role : roles) {
            if (role.isCompletedExceptionally()) {
                try {
                    role.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a producer or consumer failed: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private static void stalled(long lastProgress, String what) {
        if (System.nanoTime() - lastProgress > STALL.toNanos()) {
            throw new IllegalStateException("nothing arrived for " + STALL + " in " + what + ": an element was lost");
        }
    }
}
