package org.mproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.testkit.Delays;

/** G-POOL-1: {@code map} returns {@code [f(x) for x in xs]} in input order for any list and chunk size. */
class PoolMapTest {
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

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
                .checkAssert((xs, chunk) -> assertEquals(expected(xs), pool.map(PoolMapTest::square, xs, chunk)));
    }

    @Test
    @Tag("G-POOL-1")
    void mapWithTheDefaultChunkSizeKeepsInputOrder() {
        qt().withExamples(30).withShrinkCycles(50)
                .forAll(lists().of(integers().all()).ofSizeBetween(0, 500))
                .checkAssert(xs -> assertEquals(expected(xs), pool.map(PoolMapTest::square, xs)));
    }

    @Test
    @Tag("G-POOL-1")
    void theSeedsExample() {
        assertEquals(List.of(1, 4, 9, 16, 25), pool.map(PoolMapTest::square, List.of(1, 2, 3, 4, 5)));
        assertEquals(List.of(), pool.map(PoolMapTest::square, List.of()));
        assertEquals(Integer.valueOf(49), pool.apply(PoolMapTest::square, 7));
    }

    @Test
    void theDefaultChunkSizeIsCPythons() {
        assertEquals(1, pool.defaultChunksize(0));
        assertEquals(1, pool.defaultChunksize(8));
        assertEquals(2, pool.defaultChunksize(9));
        assertEquals(125_000, pool.defaultChunksize(1_000_000));
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
                assertEquals(Integer.valueOf(1 + k), pool.apply(x -> add(x, k), 1));
            }
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(Integer.valueOf(i * i), pool.apply(PoolMapTest::square, i));
        }
    }

    static long pidAfterNap(int x) throws InterruptedException {
        Thread.sleep(300);
        return ProcessHandle.current().pid();
    }

    @Test
    void asManyChunksAsWorkersRunOnDifferentWorkers() {
        List<java.util.concurrent.CompletableFuture<Long>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < pool.processes(); i++) {
            futures.add(pool.applyAsync(PoolMapTest::pidAfterNap, i));
        }
        long distinct = futures.stream().map(java.util.concurrent.CompletableFuture::join).distinct().count();
        assertEquals(pool.processes(), distinct, "an idle worker was left idle while another had two tasks");
    }
}
