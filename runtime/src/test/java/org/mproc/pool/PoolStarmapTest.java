package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mproc.Pair;
import org.mproc.Pool;
import org.mproc.ProcessBiFunction;
import org.mproc.TaskFailedException;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Marks;
import org.mproc.testkit.SharedPool;

/**
 * G-POOL-13: {@code starmap(f, pairs)} is {@code map} for a function of two arguments — the same
 * order for any input and chunk size (G-POOL-1), the same failures (G-POOL-3), the same refusals of
 * bad input in the caller (G-POOL-7, G-POOL-9) — and {@code starmapAsync} its future (CPython's
 * test_starmap, test_starmap_async).
 */
class PoolStarmapTest {
    @RegisterExtension
    static final SharedPool POOL = new SharedPool(2);

    /** Not symmetric, so that arguments given in the wrong order show. */
    static int combine(int a, int b) {
        return a * 1000 + b;
    }

    /** The pairs {@code (xs[i], ys[i])}, as CPython's test_starmap zips two ranges. */
    private static List<Pair<Integer, Integer>> zip(List<Integer> xs) {
        return IntStream.range(0, xs.size()).mapToObj(i -> Pair.of(xs.get(i), xs.size() - i))
                .collect(Collectors.toList());
    }

    private static List<Integer> locally(List<Pair<Integer, Integer>> pairs) {
        return pairs.stream().map(p -> combine(p.first(), p.second())).collect(Collectors.toList());
    }

    @Test
    @Tag("G-POOL-13")
    @Tag("G-POOL-1")
    void starmapKeepsInputOrderForAnyInputAndChunkSize() {
        qt().withTestingTime(Delays.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS)
                .withShrinkCycles(50)
                .forAll(lists().of(integers().between(-1000, 1000)).ofSizeBetween(0, 150), integers().between(0, 12))
                .checkAssert((xs, chunk) -> {
                    List<Pair<Integer, Integer>> pairs = zip(xs);
                    List<Integer> results = chunk == 0 ? POOL.get().starmap(PoolStarmapTest::combine, pairs)
                            : POOL.get().starmap(PoolStarmapTest::combine, pairs, chunk);
                    assertEquals(locally(pairs), results, "chunksize " + (chunk == 0 ? "default" : chunk));
                });
    }

    @Test
    @Tag("G-POOL-13")
    void starmapAsyncCompletesWithTheResultsInInputOrder() throws Exception {
        List<Pair<Integer, Integer>> pairs = zip(IntStream.range(0, 100).boxed().collect(Collectors.toList()));
        CompletableFuture<List<Integer>> byDefault = POOL.get().starmapAsync(PoolStarmapTest::combine, pairs);
        CompletableFuture<List<Integer>> byTwenty = POOL.get().starmapAsync(PoolStarmapTest::combine, pairs, 20);
        assertEquals(locally(pairs), byDefault.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(locally(pairs), byTwenty.get(Delays.CHILD.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(List.of(), POOL.get().starmapAsync(PoolStarmapTest::combine, List.<Pair<Integer, Integer>>of())
                .get(Delays.SHORT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    @Tag("G-POOL-13")
    void nullsInsideAPairArePassedOnAndCapturedValuesTravel() {
        int offset = 7;
        ProcessBiFunction<String, Integer, String> describe = (s, n) -> s + ":" + n + "+" + offset;
        List<Pair<String, Integer>> pairs = Arrays.asList(Pair.of("a", 1), Pair.of(null, 2), Pair.of("c", null));
        assertEquals(List.of("a:1+7", "null:2+7", "c:null+7"), POOL.get().starmap(describe, pairs, 1));
    }

    static int divide(int a, int b) {
        return a / b;
    }

    @Test
    @Tag("G-POOL-13")
    @Tag("G-POOL-3")
    void aFailingTaskFailsStarmapAndItsFutureWithItsIndexAndCause() throws Exception {
        List<Pair<Integer, Integer>> pairs = List.of(Pair.of(6, 3), Pair.of(8, 4), Pair.of(1, 0), Pair.of(9, 3));
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> POOL.get().starmap(PoolStarmapTest::divide, pairs, 1));
        assertEquals(2, e.taskIndex());
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertTrue(Arrays.stream(e.getCause().getStackTrace()).anyMatch(f -> f.getMethodName().equals("divide")),
                "the cause carries the worker's stack");
        ExecutionException async = assertThrows(ExecutionException.class,
                () -> POOL.get().starmapAsync(PoolStarmapTest::divide, pairs).get(Delays.CHILD.toMillis(),
                        TimeUnit.MILLISECONDS));
        TaskFailedException failed = assertInstanceOf(TaskFailedException.class, async.getCause());
        assertEquals(2, failed.taskIndex());
        assertEquals(List.of(2, 2, 3), POOL.get().starmap(PoolStarmapTest::divide,
                List.of(Pair.of(6, 3), Pair.of(8, 4), Pair.of(9, 3))), "the pool stays usable");
    }

    static int marked(Object a, Object b, String dir) {
        Marks.put(dir, "ran-" + a, Marks.pid());
        return 0;
    }

    @Test
    @Tag("G-POOL-13")
    @Tag("G-POOL-7")
    void anUnserializableArgumentFailsTheCallInTheCallerBeforeAnyTaskRuns() {
        try (Marks marks = Marks.create()) {
            String dir = marks.dir();
            List<Pair<Object, Object>> pairs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pairs.add(Pair.of(i, i == 23 ? new Thread() : "fine"));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> POOL.get().starmap((a, b) -> marked(a, b, dir), pairs, 4));
            assertTrue(e.getMessage().contains("java.lang.Thread"), e::getMessage);
            assertThrows(IllegalArgumentException.class,
                    () -> POOL.get().starmapAsync((a, b) -> marked(a, b, dir), pairs));
            Object captured = new Object();
            IllegalArgumentException function = assertThrows(IllegalArgumentException.class,
                    () -> POOL.get().starmap((a, b) -> captured.hashCode(), List.of(Pair.of(1, 2))));
            assertTrue(function.getMessage().contains("java.lang.Object"), function::getMessage);
            // The pool answers a later call, so anything the refused calls had sent would have run by now.
            assertEquals(List.of(1002, 3004), POOL.get().starmap(PoolStarmapTest::combine, List.of(Pair.of(1, 2), Pair.of(3, 4)), 1));
            assertEquals(List.of(), marks.names("ran-"), "tasks of a refused call ran");
        }
    }

    @Test
    @Tag("G-POOL-13")
    @Tag("G-POOL-9")
    void badCallsAreRefusedAtOnceNamingWhatWasWrong() {
        Pool pool = POOL.get();
        List<Pair<Integer, Integer>> pairs = List.of(Pair.of(1, 2));
        assertThrows(NullPointerException.class, () -> pool.starmap(null, pairs));
        assertThrows(NullPointerException.class, () -> pool.starmap(null, pairs, 1));
        assertThrows(NullPointerException.class, () -> pool.starmapAsync(null, pairs));
        assertThrows(NullPointerException.class, () -> pool.starmapAsync(null, List.<Pair<Integer, Integer>>of(), 3));
        assertThrows(NullPointerException.class, () -> pool.starmap(PoolStarmapTest::combine, null));
        assertThrows(IllegalArgumentException.class, () -> pool.starmap(PoolStarmapTest::combine, pairs, 0));
        assertThrows(IllegalArgumentException.class, () -> pool.starmapAsync(PoolStarmapTest::combine, pairs, -2));
        List<Pair<Integer, Integer>> withNull = Arrays.asList(Pair.of(1, 2), Pair.of(3, 4), null);
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> pool.starmap(PoolStarmapTest::combine, withNull));
        assertTrue(e.getMessage().contains("index 2"), e::getMessage);
        assertThrows(NullPointerException.class, () -> pool.starmapAsync(PoolStarmapTest::combine, withNull, 1));
        assertEquals(List.of(1002), pool.starmap(PoolStarmapTest::combine, pairs), "refused calls leave the pool as it was");
    }
}
