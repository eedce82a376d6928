package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mproc.testkit.Pools.range;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.testkit.Delays;
import org.mproc.testkit.SharedPool;

/**
 * G-POOL-1 is only worth checking if the pool really finishes tasks out of order. Tasks sleep a
 * generated few milliseconds and report when they ended ({@link System#nanoTime()} is
 * {@code CLOCK_MONOTONIC} on Linux, one clock for every process of the machine): in some example the
 * completion order differs from the input order, and {@code map} still returns input order in all.
 */
@Tag("G-POOL-1")
class PoolOrderingIsExercisedTest {
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(3));
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    /** What a task reports: which input it was, when it ended, and where it ran. */
    record Done(int index, long endedNanos, long pid) implements Serializable {}

    static Done work(int[] job) throws InterruptedException {
        Thread.sleep(job[1]);
        return new Done(job[0], System.nanoTime(), ProcessHandle.current().pid());
    }

    private static List<int[]> jobs(List<Integer> millis) {
        return IntStream.range(0, millis.size()).mapToObj(i -> new int[] {i, millis.get(i)})
                .collect(Collectors.toList());
    }

    private static List<Integer> completionOrder(List<Done> done) {
        return done.stream().sorted(Comparator.comparingLong(Done::endedNanos)).map(Done::index)
                .collect(Collectors.toList());
    }


    @Test
    void mapReturnsInputOrderWhileTasksFinishOutOfOrder() {
        AtomicInteger examples = new AtomicInteger();
        AtomicInteger reordered = new AtomicInteger();
        AtomicInteger onBothWorkers = new AtomicInteger();
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withExamples(200).withShrinkCycles(50)
                .forAll(lists().of(integers().between(0, 12)).ofSizeBetween(4, 24), integers().between(1, 3))
                .checkAssert((millis, chunk) -> {
                    List<Done> done = POOL.get().map(PoolOrderingIsExercisedTest::work, jobs(millis), chunk);
                    assertEquals(range(millis.size()), done.stream().map(Done::index).collect(Collectors.toList()),
                            "map must return input order");
                    examples.incrementAndGet();
                    if (!completionOrder(done).equals(range(millis.size()))) {
                        reordered.incrementAndGet();
                    }
                    if (done.stream().map(Done::pid).distinct().count() > 1) {
                        onBothWorkers.incrementAndGet();
                    }
                });
        assertTrue(onBothWorkers.get() > 0, "no example ran on both workers, in " + examples + " examples");
        assertTrue(reordered.get() > 0, "completion order always equalled input order, in " + examples
                + " examples: the ordering of map was never put to the test");
    }

    @Test
    void applyAsyncCallsCompleteOutOfSubmissionOrder() throws Exception {
        // A long first call and short later ones: the later ones finish first on the other worker.
        List<Integer> millis = List.of(300, 0, 0, 0, 0, 0);
        List<CompletableFuture<Done>> futures = new ArrayList<>();
        List<Integer> completed = new ArrayList<>();
        for (int[] job : jobs(millis)) {
            CompletableFuture<Done> f = POOL.get().applyAsync(PoolOrderingIsExercisedTest::work, job);
            futures.add(f.whenComplete((d, e) -> {
                synchronized (completed) {
                    completed.add(job[0]);
                }
            }));
        }
        List<Done> done = new ArrayList<>();
        for (CompletableFuture<Done> f : futures) {
            done.add(f.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
        }
        assertEquals(range(millis.size()), done.stream().map(Done::index).collect(Collectors.toList()));
        assertNotEquals(range(millis.size()), completionOrder(done), "the workers' clocks saw no reordering");
        synchronized (completed) {
            assertNotEquals(range(millis.size()), completed, "the futures completed in submission order");
        }
    }
}
