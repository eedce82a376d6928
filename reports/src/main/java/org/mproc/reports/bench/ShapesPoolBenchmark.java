package org.mproc.reports.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mproc.Pool;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The user-shapes suite, pool half: {@code Pool} code the way users write it, at the sizes they
 * write it, each beside its CPython 3.11 twin in {@code scripts/cpython/shapes_pool.py}
 * ({@code cpython.ShapesPool.<shape>.fork}, same work, same sizes, same units), so a report can
 * show the ratio. Every benchmark checks its result and throws when it is wrong. Children get
 * mproc's default heap, as a user's would.
 *
 * <table>
 * <caption>Shapes</caption>
 * <tr><th>benchmark</th><th>one operation</th><th>unit</th></tr>
 * <tr><td>{@code applyAsyncPipelined}</td><td>one of 10,000 {@code applyAsync(square, i)} issued
 *     from one thread before the first {@code join}</td><td>calls/s</td></tr>
 * <tr><td>{@code applyRoundTrip}</td><td>one {@code apply(square, 7)} of calls 3,001–4,000 of a
 *     fresh pool in a fresh JVM, in blocks of 100 (see {@link ShortProgramPool})</td><td>µs/call</td></tr>
 * <tr><td>{@code applyRoundTripWarm}</td><td>the same call, steady state</td><td>µs/call</td></tr>
 * <tr><td>{@code wordCountRichResults}</td><td>one of 200 files counted by {@code Pool.map}, each
 *     task returning its ~15,100-entry {@code Map<String, Integer>}, merged in the caller</td>
 *     <td>files/s</td></tr>
 * <tr><td>{@code wordCountSequential}</td><td>the same in this thread, no pool: does the pool
 *     beat one thread?</td><td>files/s</td></tr>
 * <tr><td>{@code primeCountingOneWorker}, {@code primeCountingTwoWorkers}</td><td>one of 16 spans
 *     of 25,000 numbers counted by trial division on a warm {@code Pool(1)} / {@code Pool(2)}
 *     ({@link PrimePools}): the report's efficiency at 2 workers</td><td>spans/s</td></tr>
 * </table>
 *
 * <p>{@code workers} is the pool size (the suite's {@code -p workers=k}); the sequential count and
 * the prime counting (fixed at one and two workers) ignore it.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ShapesPool -rf json -rff reports/out/jmh/shapes-pool.json
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ShapesPoolBenchmark {
    static final int PIPELINED = 10_000;
    /** {@code apply} calls in one single-shot iteration of {@code applyRoundTrip}. */
    static final int BLOCK = 100;
    /** Σ i² for i < {@link #PIPELINED}: what the pipelined results must add up to. */
    static final long PIPELINED_SUM = (long) (PIPELINED - 1) * PIPELINED * (2L * PIPELINED - 1) / 6;

    @Param({"2"})
    public int workers;

    /** A pool whose workers are up and have run a task each, for the steady-state shapes. */
    @State(Scope.Benchmark)
    public static class WarmPool {
        Pool pool;

        @Setup(Level.Trial)
        public void setUp(ShapesPoolBenchmark suite) {
            pool = new Pool(suite.workers);
            pool.map(PoolTasks::square, ScalingTasks.range(4 * suite.workers), 1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /**
     * A fresh pool that has served exactly {@link #CALLS_BEFORE} {@code apply} calls in a fresh
     * JVM: the JIT state of a user's short program, not JMH's steady state. JMH forks a new JVM for
     * every trial, so the caller's side starts cold; the pool is created here, so the workers do
     * too. The benchmark is {@link Mode#SingleShotTime}: each measured iteration is one block of
     * {@link #BLOCK} calls back to back, scored per call, so the ten iterations are calls 3,001 to
     * 4,000 and the JSON's {@code rawData} shows how the time per call moves while the JIT is still
     * at work. Blocks, not single calls: with one call per iteration, JMH's own work between
     * iterations (the fork reporting to the host on a 2-core box) lands on the next call — it
     * doubled the median and put the 90th percentile at 0.8 ms, where a plain {@code main} doing
     * the same calls saw 60–90 µs and 73–123 µs (the blocks still come out above the plain
     * {@code main}'s: reports/README.md, "User shapes"). JMH's warm-up iterations are blocks too,
     * so this set-up makes {@code CALLS_BEFORE} minus those: with {@code -wi 2} the measured calls
     * still start at call 3,001; {@code -i k} measures k blocks.
     */
    @State(Scope.Benchmark)
    public static class ShortProgramPool {
        static final int CALLS_BEFORE = 3_000;
        Pool pool;

        @Setup(Level.Trial)
        public void setUp(ShapesPoolBenchmark suite, BenchmarkParams params) {
            if (params.getMode() != Mode.SingleShotTime) {
                throw new IllegalStateException("applyRoundTrip counts calls: run it in SingleShotTime mode, not "
                        + params.getMode());
            }
            int jmhWarmUpCalls = params.getWarmup().getCount() * params.getWarmup().getBatchSize() * BLOCK;
            if (jmhWarmUpCalls > CALLS_BEFORE) {
                throw new IllegalStateException(jmhWarmUpCalls + " warm-up calls is more than a short program's "
                        + CALLS_BEFORE);
            }
            pool = new Pool(suite.workers);
            for (int i = jmhWarmUpCalls; i < CALLS_BEFORE; i++) {
                checkSquareOfSeven(pool.apply(PoolTasks::square, 7));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** The generated text files ({@link WordCorpus}), written once per trial, deleted after it. */
    @State(Scope.Benchmark)
    public static class Corpus {
        WordCorpus corpus;

        @Setup(Level.Trial)
        public void setUp() {
            try {
                corpus = WordCorpus.write(Files.createTempDirectory("mproc-words"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            corpus.delete();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(PIPELINED)
    public long applyAsyncPipelined(WarmPool warm) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(PIPELINED);
        for (int i = 0; i < PIPELINED; i++) {
            futures.add(warm.pool.applyAsync(PoolTasks::square, i));
        }
        long sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.join();
        }
        if (sum != PIPELINED_SUM) {
            throw new IllegalStateException("pipelined squares add up to " + sum + ", not " + PIPELINED_SUM);
        }
        return sum;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BLOCK)
    @Warmup(iterations = 0)
    @Measurement(iterations = 10, batchSize = 1)
    public int applyRoundTrip(ShortProgramPool shortProgram) {
        int result = 0;
        for (int i = 0; i < BLOCK; i++) {
            result = checkSquareOfSeven(shortProgram.pool.apply(PoolTasks::square, 7));
        }
        return result;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int applyRoundTripWarm(WarmPool warm) {
        return checkSquareOfSeven(warm.pool.apply(PoolTasks::square, 7));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(WordCorpus.FILES)
    public Map<String, Integer> wordCountRichResults(WarmPool warm, Corpus files) {
        Map<String, Integer> total = new HashMap<>();
        for (Map<String, Integer> counts : warm.pool.map(ShapesTasks::countWords, files.corpus.paths())) {
            ShapesTasks.mergeInto(total, counts);
        }
        files.corpus.check(total);
        return total;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(WordCorpus.FILES)
    public Map<String, Integer> wordCountSequential(Corpus files) throws IOException {
        Map<String, Integer> total = new HashMap<>();
        for (String path : files.corpus.paths()) {
            ShapesTasks.mergeInto(total, ShapesTasks.countWords(path));
        }
        files.corpus.check(total);
        return total;
    }

    /** The prime-counting tasks' first numbers: 16 spans of {@link ShapesTasks#PRIME_SPAN} from 1,000,000 on. */
    static final List<Integer> PRIME_STARTS = IntStream.range(0, 16).mapToObj(i -> 1_000_000 + i * ShapesTasks.PRIME_SPAN)
            .collect(Collectors.toList());
    /** Primes in [1,000,000, 1,400,000): what the tasks must add up to. */
    static final int PRIMES_IN_STARTS = 28_628;

    /** A pool of one worker and a pool of two, warm, for the prime counting's efficiency at 2 workers. */
    @State(Scope.Benchmark)
    public static class PrimePools {
        Pool one;
        Pool two;

        @Setup(Level.Trial)
        public void setUp() {
            one = new Pool(1);
            two = new Pool(2);
            countPrimesOn(one);
            countPrimesOn(two);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            one.close();
            two.close();
        }
    }

    /** Counts the primes from {@link #PRIME_STARTS} on {@code pool}, one task per span; checks the total. */
    static int countPrimesOn(Pool pool) {
        int total = pool.map(ShapesTasks::countPrimes, PRIME_STARTS, 1).stream().mapToInt(Integer::intValue).sum();
        if (total != PRIMES_IN_STARTS) {
            throw new IllegalStateException("the prime counts add up to " + total + ", not " + PRIMES_IN_STARTS);
        }
        return total;
    }

    /** Prime counting on one worker: the base of the efficiency (tasks/s). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(16)
    public int primeCountingOneWorker(PrimePools pools) {
        return countPrimesOn(pools.one);
    }

    /** Prime counting on two workers: over twice the one-worker rate, the efficiency at 2 workers. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(16)
    public int primeCountingTwoWorkers(PrimePools pools) {
        return countPrimesOn(pools.two);
    }

    static int checkSquareOfSeven(int result) {
        if (result != 49) {
            throw new IllegalStateException("apply(square, 7) returned " + result);
        }
        return result;
    }
}
