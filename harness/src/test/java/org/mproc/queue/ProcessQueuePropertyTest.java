package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.ProcessQueue;
import org.mproc.harness.QueueHistory;
import org.mproc.harness.QueueOp;
import org.mproc.harness.TotalQueueChecker;
import org.mproc.harness.TotalQueueResult;
import org.mproc.queue.QueuePayloads.Kind;
import org.mproc.queue.QueuePayloads.Shape;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pools;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * G-QUEUE-1 with real processes: P producers and C consumers (1 to 4 each), every one a task on a
 * worker of one long-lived pool, share a queue hosted by the test JVM — unbounded, or bounded to
 * 1..8 elements. Producers put distinct values of every payload shape the codec knows (integers,
 * strings with lone surrogates, raw {@code byte[]}, records holding arrays, nested lists, null)
 * and record each put; consumers take until the queue is closed and drained, recording each take.
 * The merged history must satisfy {@link TotalQueueChecker}: nothing lost, nothing duplicated,
 * nothing unexpected, each producer's order kept per consumer.
 *
 * <p>The same run with a producer broken on purpose — it acknowledges puts it skips, or puts one
 * element twice — must be judged invalid, with the exact count of lost or duplicated elements:
 * proof that the check can fail with real processes (G-HAR-4).
 */
class ProcessQueuePropertyTest {
    private static final int WORKERS = 8;
    private static final int MAX_PRODUCERS = 4;
    private static final int MAX_CONSUMERS = 4;
    private static final int MAX_CAPACITY = 8;
    /** Capacity 0 in an example stands for "unbounded". */
    private static final int UNBOUNDED = 0;
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(12));
    private static final Duration BROKEN_BUDGET = Delays.scaled(Duration.ofSeconds(3));
    private static final int SKIP_EVERY = 3;

    /** Producers and consumers together never outnumber the workers: every task runs at once. */
    private static Pool pool;
    /**
     * Set when an example left tasks blocked on the pool (a close or a task that never returned):
     * later examples of the same test, shrinks included, then fail at once with this text instead
     * of waiting on a pool whose workers are all taken; the next test gets a fresh pool.
     */
    private static volatile String wedged;

    @BeforeAll
    static void startPool() {
        assertTrue(MAX_PRODUCERS + MAX_CONSUMERS <= WORKERS, "consumers block until the queue closes");
        pool = new Pool(WORKERS);
    }

    @BeforeEach
    void replaceAWedgedPool() {
        if (wedged != null) {
            pool.terminate();
            pool = new Pool(WORKERS);
            wedged = null;
        }
    }

    @AfterAll
    static void stopPool() {
        if (wedged != null) {
            pool.terminate(); // its consumers are blocked for good; the failure is already reported
        } else {
            Pools.closeWithin(pool, Delays.CHILD);
        }
    }

    // ---- producers and consumers, run on the pool's workers ----------------------------------

    /** How a producer hands an element over: honestly, or broken on purpose. */
    interface Putter extends Serializable {
        void put(ProcessQueue<Object> queue, Object element, int n) throws InterruptedException;
    }

    record Honest() implements Putter {
        @Override
        public void put(ProcessQueue<Object> queue, Object element, int n) throws InterruptedException {
            queue.put(element);
        }
    }

    /** Acknowledges every {@code every}-th put without making it. */
    record SkipsEvery(int every) implements Putter {
        @Override
        public void put(ProcessQueue<Object> queue, Object element, int n) throws InterruptedException {
            if ((n + 1) % every != 0) {
                queue.put(element);
            }
        }
    }

    /** Puts element {@code at} twice. */
    record PutsTwice(int at) implements Putter {
        @Override
        public void put(ProcessQueue<Object> queue, Object element, int n) throws InterruptedException {
            queue.put(element);
            if (n == at) {
                queue.put(element);
            }
        }
    }

    record ProducerJob(ProcessQueue<Object> queue, String name, List<Object> elements, Putter putter)
            implements Serializable {}

    record ConsumerJob(ProcessQueue<Object> queue, String name) implements Serializable {}

    static List<QueueOp> produce(ProducerJob job) throws InterruptedException {
        QueueHistory history = new QueueHistory();
        for (int n = 0; n < job.elements().size(); n++) {
            Object e = job.elements().get(n);
            QueueHistory.PendingPut put = history.invokePut(job.name(), "main", QueuePayloads.recorded(e));
            job.putter().put(job.queue(), e, n);
            put.ok();
        }
        return history.ops();
    }

    static List<QueueOp> consume(ConsumerJob job) throws InterruptedException {
        QueueHistory history = new QueueHistory();
        while (true) {
            QueueHistory.PendingTake take = history.invokeTake(job.name(), "main");
            Object e;
            try {
                e = job.queue().take();
            } catch (IllegalStateException closedAndDrained) {
                take.fail();
                return history.ops();
            }
            take.ok(QueuePayloads.recorded(e));
        }
    }

    // ---- one run -------------------------------------------------------------------------------

    /** One generated run: the queue's capacity (0: unbounded), the consumers, each producer's shapes. */
    record Example(int capacity, int consumers, List<List<Shape>> producers) {
        @Override
        public String toString() {
            return "Example[capacity " + (capacity == UNBOUNDED ? "unbounded" : capacity) + ", " + consumers
                    + " consumers, producers putting " + producers.stream().map(ps -> ps.stream()
                            .map(s -> s.kind().toString()).collect(Collectors.joining(" ", "[", "]")))
                            .collect(Collectors.joining(", ")) + "]";
        }
    }

    /**
     * Runs {@code ex} on the pool, producer 0 using {@code first} and the others {@link Honest};
     * closes the queue once every producer has returned, and checks the merged histories.
     */
    static TotalQueueResult run(Example ex, Putter first) throws InterruptedException {
        if (wedged != null) {
            throw new AssertionError("not run: an earlier example wedged the pool: " + wedged);
        }
        ProcessQueue<Object> queue = ex.capacity() == UNBOUNDED ? ProcessQueue.create() : ProcessQueue.create(ex.capacity());
        List<CompletableFuture<List<QueueOp>>> consumers = new ArrayList<>();
        List<CompletableFuture<List<QueueOp>>> producers = new ArrayList<>();
        List<QueueHistory> parts = new ArrayList<>();
        try {
            for (int c = 0; c < ex.consumers(); c++) {
                consumers.add(pool.applyAsync(ProcessQueuePropertyTest::consume, new ConsumerJob(queue, "consumer-" + c)));
            }
            for (int p = 0; p < ex.producers().size(); p++) {
                List<Object> elements = new ArrayList<>();
                List<Shape> shapes = ex.producers().get(p);
                for (int n = 0; n < shapes.size(); n++) {
                    elements.add(QueuePayloads.element(p, n, shapes.get(n)));
                }
                producers.add(pool.applyAsync(ProcessQueuePropertyTest::produce,
                        new ProducerJob(queue, "producer-" + p, elements, p == 0 ? first : new Honest())));
            }
            for (int p = 0; p < producers.size(); p++) {
                parts.add(QueueHistory.of(within(producers.get(p), "producer-" + p, ex)));
            }
        } finally {
            closeWithin(queue, ex); // also when a producer failed: the consumers must end
        }
        for (int c = 0; c < consumers.size(); c++) {
            parts.add(QueueHistory.of(within(consumers.get(c), "consumer-" + c, ex)));
        }
        return TotalQueueChecker.check(QueueHistory.merge(parts));
    }

    private static <T> T within(CompletableFuture<T> task, String who, Example ex) throws InterruptedException {
        try {
            return task.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hang) {
            wedged = who + " did not finish within " + Delays.CHILD + " in " + ex;
            throw new AssertionError(wedged);
        } catch (ExecutionException e) {
            throw new AssertionError(who + " failed: " + e.getCause() + " in " + ex, e.getCause());
        }
    }

    /** {@code close()} returns once every subscriber acknowledged; a lost acknowledgement would hang it. */
    private static void closeWithin(ProcessQueue<Object> queue, Example ex) throws InterruptedException {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(queue::close);
        try {
            closing.get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hang) {
            wedged = "close() did not return within " + Delays.SHORT + " and the consumers are still blocked in take(), in "
                    + ex;
            throw new AssertionError(wedged);
        } catch (ExecutionException e) {
            throw new AssertionError("close() failed: " + e.getCause() + " in " + ex, e.getCause());
        }
    }

    // ---- generators ------------------------------------------------------------------------------

    private static Gen<Shape> shapes() {
        return Generate.enumValues(Kind.class).zip(integers().all(),
                strings().allPossible().ofLengthBetween(0, 8),
                Generate.byteArrays(integers().between(0, 24), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
                lists().of(integers().between(-1000, 1000)).ofSizeBetween(0, 5), Shape::new);
    }

    private static Gen<Example> examples() {
        return examples(0);
    }

    /**
     * Examples whose first producer puts at least {@code minFirst} elements: built that way rather
     * than filtered with {@code assuming}, which QuickTheories may give up on at once when its first
     * draws happen to miss.
     */
    private static Gen<Example> examples(int minFirst) {
        // Capacities below 0 stand for unbounded too, so a third of the runs are unbounded.
        Gen<Integer> capacities = integers().between(-4, MAX_CAPACITY).map(c -> Math.max(c, UNBOUNDED));
        Gen<List<Shape>> first = lists().of(shapes()).ofSizeBetween(minFirst, 40);
        Gen<List<List<Shape>>> others = lists().of(lists().of(shapes()).ofSizeBetween(0, 40))
                .ofSizeBetween(0, MAX_PRODUCERS - 1);
        Gen<List<List<Shape>>> producers = first.zip(others, (head, rest) -> {
            List<List<Shape>> all = new ArrayList<>();
            all.add(head);
            all.addAll(rest);
            return all;
        });
        return capacities.zip(integers().between(1, MAX_CONSUMERS), producers, Example::new);
    }

    // ---- the properties --------------------------------------------------------------------------

    @Test
    @Tag("G-QUEUE-1")
    void everyElementIsTakenOnceAndInEachProducersOrder() {
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(examples())
                .checkAssert(ex -> {
                    TotalQueueResult result = runUnchecked(ex, new Honest());
                    assertTrue(result.valid(), result::describe);
                    assertEquals(ex.producers().stream().mapToInt(List::size).sum(), result.delivered(),
                            result::describe);
                });
    }

    @Test
    @Tag("G-QUEUE-1")
    void manyElementsThroughATinyQueueAndThroughAnUnboundedOne() throws Exception {
        for (int capacity : new int[] {2, UNBOUNDED}) {
            List<List<Shape>> producers = new ArrayList<>();
            for (int p = 0; p < MAX_PRODUCERS; p++) {
                List<Shape> shapes = new ArrayList<>();
                for (int n = 0; n < 1500; n++) {
                    Kind kind = Kind.values()[(n + p) % Kind.values().length];
                    shapes.add(new Shape(kind, n - 700, "s" + n, new byte[] {(byte) n, (byte) p}, List.of(n, p)));
                }
                producers.add(shapes);
            }
            TotalQueueResult result = run(new Example(capacity, MAX_CONSUMERS, producers), new Honest());
            assertTrue(result.valid(), result::describe);
            assertEquals(MAX_PRODUCERS * 1500, result.delivered(), result::describe);
        }
    }

    @Test
    @Tag("G-HAR-4")
    void aProducerThatAcknowledgesSkippedPutsIsJudgedLossy() {
        qt().withTestingTime(BROKEN_BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(examples(SKIP_EVERY))
                .checkAssert(ex -> {
                    TotalQueueResult result = runUnchecked(ex, new SkipsEvery(SKIP_EVERY));
                    assertFalse(result.valid(), () -> "a skipping producer passed: " + result.describe());
                    assertEquals(ex.producers().get(0).size() / SKIP_EVERY, result.lostCount(), result::describe);
                    assertEquals(0, result.duplicatedCount(), result::describe);
                });
    }

    @Test
    @Tag("G-HAR-4")
    void aProducerThatPutsAnElementTwiceIsJudgedDuplicating() {
        qt().withTestingTime(BROKEN_BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(examples(1), integers().between(0, 39))
                .checkAssert((ex, at) -> {
                    int twice = at % ex.producers().get(0).size();
                    TotalQueueResult result = runUnchecked(ex, new PutsTwice(twice));
                    assertFalse(result.valid(), () -> "a duplicating producer passed: " + result.describe());
                    assertEquals(1, result.duplicatedCount(), result::describe);
                    assertEquals(0, result.lostCount(), result::describe);
                });
    }

    private static TotalQueueResult runUnchecked(Example ex, Putter first) {
        try {
            return run(ex, first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
