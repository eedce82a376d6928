package org.mproc.reports.bench;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mproc.Manager;
import org.mproc.Pool;
import org.mproc.SharedLock;
import org.mproc.SharedValue;
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
 * The user-shapes suite, manager half: a {@code SharedValue} and a {@code SharedLock} used the
 * way CPython users use {@code Manager().Value} and {@code Manager().Lock()}, each beside its twin
 * in {@code scripts/cpython/shapes_manager.py} ({@code cpython.ShapesManager.<shape>.fork}, same
 * unit). Average time in µs per operation, so each iteration's mean is in the JSON's
 * {@code rawData} as on the CPython side; {@code ManagerBenchmark} has the percentiles of the
 * single calls. Every benchmark checks what it did and throws when it is wrong.
 *
 * <table>
 * <caption>Shapes</caption>
 * <tr><th>benchmark</th><th>one operation</th></tr>
 * <tr><td>{@code get}</td><td>{@code value.get()} from this JVM: one round trip to the server child</td></tr>
 * <tr><td>{@code set}</td><td>{@code value.set(7)}</td></tr>
 * <tr><td>{@code lockUnlock}</td><td>{@code lock.lock()} then {@code lock.unlock()}: two round trips</td></tr>
 * <tr><td>{@code lockedIncrementFrom4Workers}</td><td>one of {@link #INCREMENTS} increments made by
 *     four tasks on a {@code Pool(4)}, each increment lock, get, set(+1), unlock on the shared
 *     objects ({@link ShapesTasks#lockedIncrements}); the count must come out exact</td></tr>
 * </table>
 *
 * <p>{@code workers} is present for the suite's {@code -p workers=k} and ignored: the shapes fix
 * their own process counts (one caller, or four pool workers).
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ShapesManager -rf json -rff reports/out/jmh/shapes-manager.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ShapesManagerBenchmark {
    static final int VALUE = 7;
    static final int INCREMENTERS = 4;
    static final int INCREMENTS = 1_000;

    @Param({"2"})
    public int workers;

    private Manager manager;
    private SharedValue<Integer> value;
    private SharedLock lock;

    @Setup(Level.Trial)
    public void setUp() {
        manager = Manager.start();
        value = manager.value(VALUE);
        lock = manager.lock();
    }

    /** What {@code set} and {@code lockUnlock} leave behind, checked after each iteration. */
    @TearDown(Level.Iteration)
    public void checkState() {
        if (value.get() != VALUE) {
            throw new IllegalStateException("the shared value is " + value.get() + ", not " + VALUE);
        }
        if (!lock.tryLock()) {
            throw new IllegalStateException("the lock is still held after lock, unlock");
        }
        lock.unlock();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /** Four pool workers and the counter they increment, on this trial's manager. */
    @State(Scope.Benchmark)
    public static class Incrementers {
        Pool pool;
        SharedValue<Integer> counter;
        SharedLock counterLock;

        @Setup(Level.Trial)
        public void setUp(ShapesManagerBenchmark suite) {
            counter = suite.manager.value(0);
            counterLock = suite.manager.lock();
            pool = new Pool(INCREMENTERS);
            pool.map(PoolTasks::square, ScalingTasks.range(4 * INCREMENTERS), 1);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    @Benchmark
    public int get() {
        int v = value.get();
        if (v != VALUE) {
            throw new IllegalStateException("get returned " + v + ", not " + VALUE);
        }
        return v;
    }

    @Benchmark
    public void set() {
        value.set(VALUE);
    }

    @Benchmark
    public void lockUnlock() throws InterruptedException {
        lock.lock();
        lock.unlock();
    }

    @Benchmark
    @OperationsPerInvocation(INCREMENTS)
    public int lockedIncrementFrom4Workers(Incrementers incrementers) {
        int before = incrementers.counter.get();
        List<Integer> done = incrementers.pool.map(
                ShapesTasks.lockedIncrements(incrementers.counterLock, incrementers.counter),
                Collections.nCopies(INCREMENTERS, INCREMENTS / INCREMENTERS), 1);
        int after = incrementers.counter.get();
        if (after - before != INCREMENTS || done.stream().mapToInt(Integer::intValue).sum() != INCREMENTS) {
            throw new IllegalStateException(INCREMENTS + " locked increments moved the counter from " + before
                    + " to " + after);
        }
        return after;
    }
}
