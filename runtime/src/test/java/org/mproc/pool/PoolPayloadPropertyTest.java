package org.mproc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mproc.Pool;
import org.mproc.ProcessFunction;
import org.mproc.testkit.Delays;
import org.mproc.testkit.Pools;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * G-POOL-1 over payloads: {@code map(f, xs, c)} equals the sequential {@code [f(x) for x in xs]} for
 * integers, strings (lone surrogates included), a record, nested lists, byte arrays, mixed boxed
 * values and rich results (maps of each class, records, shapes only JDK serialization carries), for
 * lists of any length (empty, one, not divisible by {@code c}), any chunk size or the
 * default, on pools of 1 to 4 workers. One pool per size serves every example.
 */
@Tag("G-POOL-1")
class PoolPayloadPropertyTest {
    private static final int MAX_POOL = 4;
    /** Chunk size 0 in a generated example stands for "the default". */
    private static final int DEFAULT_CHUNK = 0;
    private static final Duration BUDGET = Delays.scaled(Duration.ofSeconds(2));
    private static final Pool[] POOLS = new Pool[MAX_POOL + 1];

    @BeforeAll
    static void startPools() {
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (int size = 1; size <= MAX_POOL; size++) {
            int n = size;
            starting.add(CompletableFuture.runAsync(() -> POOLS[n] = new Pool(n)));
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    }

    @AfterAll
    static void stopPools() {
        for (Pool p : POOLS) {
            if (p != null) {
                Pools.closeWithin(p, Delays.CHILD);
            }
        }
    }

    /** A record payload: its fields take the codec's record, list, string and double paths. */
    record Item(int id, String name, List<Integer> tags, double weight) implements Serializable {}

    static Integer mixInt(Integer x) {
        return x * 31 + 7;
    }

    static String mixString(String s) {
        return s.length() + ":" + new StringBuilder(s).reverse();
    }

    static Item mixItem(Item i) {
        List<Integer> tags = new ArrayList<>(i.tags());
        Collections.reverse(tags);
        return new Item(i.id() ^ 0x5a5a, i.name() + "#" + i.id(), tags, i.weight() * 2);
    }

    static List<List<Integer>> mixNested(List<List<Integer>> outer) {
        List<List<Integer>> result = new ArrayList<>();
        for (int i = outer.size() - 1; i >= 0; i--) {
            List<Integer> inner = new ArrayList<>(outer.get(i));
            inner.add(inner.size());
            result.add(inner);
        }
        return result;
    }

    static byte[] mixBytes(byte[] bytes) {
        byte[] result = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            result[i] = (byte) ~bytes[bytes.length - 1 - i];
        }
        result[bytes.length] = (byte) bytes.length;
        return result;
    }

    static Object identity(Object x) {
        return x;
    }

    private static <T, R> List<R> sequential(Function<T, R> f, List<T> xs) {
        return xs.stream().map(f).collect(Collectors.toList());
    }

    private static <T, R> List<R> onPool(int size, ProcessFunction<T, R> f, List<T> xs, int chunk) {
        return chunk == DEFAULT_CHUNK ? POOLS[size].map(f, xs) : POOLS[size].map(f, xs, chunk);
    }

    private static Gen<Integer> poolSizes() {
        return integers().between(1, MAX_POOL);
    }

    private static Gen<Integer> chunkSizes() {
        return integers().between(DEFAULT_CHUNK, 13);
    }

    private static <T> Gen<List<T>> listsOf(Gen<T> elements, int max) {
        return lists().of(elements).ofSizeBetween(0, max);
    }

    @Test
    void integersComeBackInInputOrder() {
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), listsOf(integers().all(), 120), chunkSizes())
                .checkAssert((size, xs, chunk) -> assertEquals(sequential(PoolPayloadPropertyTest::mixInt, xs),
                        onPool(size, PoolPayloadPropertyTest::mixInt, xs, chunk)));
    }

    @Test
    void lengthsNotDivisibleByTheChunkSize() {
        // n = q·c + r with 0 < r < c: the last chunk is short.
        Gen<int[]> shapes = integers().between(2, 9).flatMap(c -> integers().between(0, 8).flatMap(
                q -> integers().between(1, c - 1).map(r -> new int[] {c, q * c + r})));
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), shapes)
                .checkAssert((size, shape) -> {
                    List<Integer> xs = IntStream.range(0, shape[1]).boxed().collect(Collectors.toList());
                    assertEquals(sequential(PoolPayloadPropertyTest::mixInt, xs),
                            onPool(size, PoolPayloadPropertyTest::mixInt, xs, shape[0]));
                });
    }

    @Test
    void stringsComeBackInInputOrder() {
        // allPossible() includes lone surrogates, which UTF-8 cannot carry.
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), listsOf(strings().allPossible().ofLengthBetween(0, 12), 60), chunkSizes())
                .checkAssert((size, xs, chunk) -> assertEquals(sequential(PoolPayloadPropertyTest::mixString, xs),
                        onPool(size, PoolPayloadPropertyTest::mixString, xs, chunk)));
    }

    @Test
    void recordsComeBackInInputOrder() {
        Gen<Item> items = integers().all().zip(strings().basicLatinAlphabet().ofLengthBetween(0, 8),
                listsOf(integers().between(-50, 50), 5), doubles().any(), Item::new);
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), listsOf(items, 60), chunkSizes())
                .checkAssert((size, xs, chunk) -> assertEquals(sequential(PoolPayloadPropertyTest::mixItem, xs),
                        onPool(size, PoolPayloadPropertyTest::mixItem, xs, chunk)));
    }

    @Test
    void nestedListsComeBackInInputOrder() {
        Gen<List<List<Integer>>> nested = listsOf(listsOf(integers().all(), 6), 5);
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), listsOf(nested, 50), chunkSizes())
                .checkAssert((size, xs, chunk) -> assertEquals(sequential(PoolPayloadPropertyTest::mixNested, xs),
                        onPool(size, PoolPayloadPropertyTest::mixNested, xs, chunk)));
    }

    @Test
    void byteArraysComeBackInInputOrder() {
        Gen<byte[]> arrays = Generate.byteArrays(integers().between(0, 40),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), listsOf(arrays, 60), chunkSizes())
                .checkAssert((size, xs, chunk) -> assertEquals(
                        text(sequential(PoolPayloadPropertyTest::mixBytes, xs)),
                        text(onPool(size, PoolPayloadPropertyTest::mixBytes, xs, chunk))));
    }

    private static List<String> text(List<byte[]> arrays) {
        return arrays.stream().map(Arrays::toString).collect(Collectors.toList());
    }

    @Test
    void mixedBoxedValuesKeepTheirTypes() {
        // Each value keeps its class: a Long stays a Long, a Character a Character, null stays null.
        Gen<Object> values = Generate.oneOf(
                integers().all().map(i -> (Object) i),
                longs().all().map(l -> (Object) l),
                doubles().any().map(d -> (Object) d),
                strings().allPossible().ofLengthBetween(0, 4).map(s -> (Object) s),
                integers().between(0, 0xFFFF).map(c -> (Object) (char) c.intValue()),
                integers().between(-128, 127).map(b -> (Object) (byte) b.intValue()),
                integers().between(-1, 1).map(i -> i == 0 ? null : (Object) (i > 0)));
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), listsOf(values, 60), chunkSizes())
                .checkAssert((size, xs, chunk) -> {
                    List<Object> got = onPool(size, PoolPayloadPropertyTest::identity, xs, chunk);
                    assertEquals(xs, got);
                    assertEquals(classes(xs), classes(got));
                });
    }

    /**
     * A rich result whose shape depends on {@code x}: word-count maps of each map class, a record,
     * and shapes only JDK serialization carries (a LinkedList, an access-ordered map), so that one
     * chunk mixes results of both paths.
     */
    static Object richResult(Integer x) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i <= Math.floorMod(x, 40); i++) {
            counts.merge("w" + (i * 7 % 13), i, Integer::sum);
        }
        switch (Math.floorMod(x, 6)) {
            case 0: return counts;
            case 1: return new TreeMap<>(counts);
            case 2: return new LinkedHashMap<>(counts);
            case 3: return new Item(x, "item" + x, new ArrayList<>(counts.values()), x / 3.0);
            case 4: return new LinkedList<>(counts.keySet());
            default:
                Map<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true);
                lru.putAll(counts);
                return lru;
        }
    }

    @Test
    void richResultsOfEveryShapeComeBackInInputOrderWithTheirClasses() {
        qt().withTestingTime(BUDGET.toMillis(), TimeUnit.MILLISECONDS).withShrinkCycles(50)
                .forAll(poolSizes(), listsOf(integers().all(), 60), chunkSizes())
                .checkAssert((size, xs, chunk) -> {
                    List<Object> expected = sequential(PoolPayloadPropertyTest::richResult, xs);
                    List<Object> got = onPool(size, PoolPayloadPropertyTest::richResult, xs, chunk);
                    assertEquals(expected, got);
                    assertEquals(classes(expected), classes(got));
                });
    }

    private static List<String> classes(List<Object> xs) {
        return xs.stream().map(x -> x == null ? "null" : x.getClass().getName()).collect(Collectors.toList());
    }

    @Test
    void everyPoolSizeAnswersTheEmptyAndTheOneElementList() {
        for (int size = 1; size <= MAX_POOL; size++) {
            assertEquals(List.of(), POOLS[size].map(PoolPayloadPropertyTest::mixInt, List.<Integer>of()));
            assertEquals(List.of(), POOLS[size].map(PoolPayloadPropertyTest::mixInt, List.<Integer>of(), 3));
            assertEquals(List.of(mixInt(5)), POOLS[size].map(PoolPayloadPropertyTest::mixInt, List.of(5)));
            assertEquals(List.of(mixInt(5)), POOLS[size].map(PoolPayloadPropertyTest::mixInt, List.of(5), 7));
        }
    }
}
