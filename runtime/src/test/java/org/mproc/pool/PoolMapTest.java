package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.internal.pool.PoolCalls;
import org.mproc.internal.pool.PoolEngine;
import org.mproc.testkit.Delays;
import org.mproc.testkit.SharedPool;

/** G-POOL-1: {@code map} returns {@code [f(x) for x in xs]} in input order for any list and chunk size. */
class PoolMapTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    static int square(int x) {
        return x * x;
    }

    private static List<Integer> expected(List<Integer> xs) {
        return xs.stream().map(PoolMapTest::square).collect(Collectors.toList());
    }

    @Test
    @Tag("G-POOL-1")
    void mapKeepsInputOrderForAnyListAndChunkSize() {
        qt().withTestingTime(Delays.scaled(Duration.ofSeconds(20)).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .withShrinkCycles(50)
                .forAll(lists().of(integers().between(-1000, 1000)).ofSizeBetween(0, 200), integers().between(1, 40))
                .checkAssert((xs, chunk) -> assertEquals(expected(xs), POOL.get().map(PoolMapTest::square, xs, chunk)));
    }

    @Test
    @Tag("G-POOL-1")
    void mapWithTheDefaultChunkSizeKeepsInputOrder() {
        qt().withExamples(30).withShrinkCycles(50)
                .forAll(lists().of(integers().all()).ofSizeBetween(0, 500))
                .checkAssert(xs -> assertEquals(expected(xs), POOL.get().map(PoolMapTest::square, xs)));
    }

    @Test
    @Tag("G-POOL-1")
    void theSeedsExample() {
        assertEquals(List.of(1, 4, 9, 16, 25), POOL.get().map(PoolMapTest::square, List.of(1, 2, 3, 4, 5)));
        assertEquals(List.of(), POOL.get().map(PoolMapTest::square, List.of()));
        assertEquals(Integer.valueOf(49), POOL.get().apply(PoolMapTest::square, 7));
    }

    @Test
    void theDefaultChunkSizeIsCPythons() {
        assertEquals(1, PoolCalls.defaultChunksize(0, POOL.get().processes()));
        assertEquals(1, PoolCalls.defaultChunksize(8, POOL.get().processes()));
        assertEquals(2, PoolCalls.defaultChunksize(9, POOL.get().processes()));
        assertEquals(125_000, PoolCalls.defaultChunksize(1_000_000, POOL.get().processes()));
    }

    static int add(int x, int y) {
        return x + y;
    }

    @Test
    @Tag("G-POOL-1")
    void manyDistinctFunctionsAndOneRepeatedFunctionAllGiveTheirOwnResults() {
        // More distinct functions than a worker keeps: the oldest are forgotten and sent again when needed.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < PoolEngine.FUNCTIONS_PER_WORKER + 20; i++) {
                int k = i;
                assertEquals(Integer.valueOf(1 + k), POOL.get().apply(x -> add(x, k), 1));
            }
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(Integer.valueOf(i * i), POOL.get().apply(PoolMapTest::square, i));
        }
    }

    static long pidAfterNap(int x) throws InterruptedException {
        Thread.sleep(300);
        return ProcessHandle.current().pid();
    }

    @Test
    void asManyChunksAsWorkersRunOnDifferentWorkers() {
        List<java.util.concurrent.CompletableFuture<Long>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < POOL.get().processes(); i++) {
            futures.add(POOL.get().applyAsync(PoolMapTest::pidAfterNap, i));
        }
        long distinct = futures.stream().map(java.util.concurrent.CompletableFuture::join).distinct().count();
        assertEquals(POOL.get().processes(), distinct, "an idle worker was left idle while another had two tasks");
    }
}
