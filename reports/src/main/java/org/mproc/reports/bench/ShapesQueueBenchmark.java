package org.mproc.reports.bench;

import java.util.concurrent.TimeUnit;
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

/**
 * The user-shapes suite's queue shapes: the producer/consumer layouts users write with
 * {@code multiprocessing.Queue}, in records (or messages) per second, each with a CPython 3.11 twin
 * in {@code scripts/cpython/shapes_queue.py} (fork start method) that moves the same elements in the
 * same numbers through the same capacities, so a report can set the two rates side by side.
 *
 * <pre>
 *   method here         what moves                                          CPython twin
 *   oneToOne            1 producer child → queue → 1 consumer child,        cpython.ShapesQueue.oneToOne.fork
 *                       10,000 Order records
 *   oneToTwo            1 producer → 2 competing consumers, 10,000 records  cpython.ShapesQueue.oneToTwo.fork
 *   twoToTwo            2 producers → 2 consumers, 10,000 records           cpython.ShapesQueue.twoToTwo.fork
 *   pipeline            2 producers → queue → 2 consumers → an unbounded    cpython.ShapesQueue.pipeline.fork
 *                       results queue this process reads, 10,000 records
 *   freshProducer1KiB   a producer child started in the operation → this    cpython.ShapesQueue.freshProducer1KiB.fork
 *                       process, 20,000 byte[1024] messages
 *   params: capacity = 1000 (bounded) or 0 (unbounded, CPython's maxsize=0); workers (ignored, see below)
 * </pre>
 *
 * <p>The queues live in this JVM (the creating process hosts a {@code ProcessQueue}; CPython's
 * parent creates its queues too), a fresh one per operation, whose closing wakes any child still
 * blocked on it after a failure (CPython's children must inherit theirs at fork, so its queues live
 * per trial; the difference is a few round trips per operation). The record is {@link Order},
 * three fields. Producers put their
 * records then one {@code null} sentinel per consumer they serve, and consumers take until a
 * sentinel, as users write it with {@code None}. Every operation checks that each side counted
 * exactly n elements with ids summing to n(n−1)/2 ({@link Tally}) and throws otherwise, so a shape
 * that loses an element fails rather than reporting a rate.
 *
 * <p>Children. The record shapes' producers and consumers are the workers of a {@link Pool} started
 * once per trial and sized to the shape (two, three or four workers: a nested state per size, so
 * each shape starts only what it uses), so no sample pays for a JVM's start-up, and the children's
 * JIT warms up over the warm-up iterations.
 * A pool rather than {@code ChildProcess}es started in {@code @Setup}: a child runs one task and
 * exits, so reusing it across operations would need a command protocol of our own over another
 * queue, where a pool worker already takes one task after another, returns its result (the
 * {@link Tally}) through a future, and reports a failure or a death. A pool of exactly as many
 * workers as roles gives every role a worker of its own: the pool hands a task to an idle worker
 * before it queues one behind a busy one. CPython's twin keeps long-lived forked children with a
 * control pipe each, its equivalent (a {@code multiprocessing.Queue} reaches a process only by
 * inheritance when it starts, never as a pool task's argument).
 *
 * <p>{@code freshProducer1KiB} is the opposite on purpose: the producer is a new, cold JVM every
 * operation, as for a user who starts a {@code ChildProcess} to produce something. An operation is
 * a batch — the child's start-up, its 20,000 puts, this JVM's 20,000 takes and the child's exit —
 * timed in Throughput mode like the rest, so all five scores read as elements per second and a
 * ratio to CPython needs no inverting. Single-shot mode would time the same batch, as seconds per
 * operation; JMH's throughput divides the operations by the iteration's real duration, the last
 * whole operation included, so with one 0.6–2 s operation per quick-mode iteration it is the same
 * measurement, as a rate, and each sample contains whole child starts only.
 *
 * <p>Sizes: 10,000 records per operation (20,000 messages for the fresh producer). At the slowest
 * rates seen here (the pipeline, ~4 k records/s) an operation takes ~2.5 s, so quick mode
 * ({@code -wi 1 -w 500ms -i 3 -r 500ms}) gets one to a few operations per sample and runs the ten
 * combinations in under two minutes (106 s on the 2-core VM this was written on), while the bounded
 * queue's 1,000 is still a tenth of an operation and fills up. Quick mode is short for the
 * children's JIT: scores still rise from one iteration to the next there, so a ratio that matters
 * needs the default iterations. {@code workers} exists because every benchmark of the suite takes
 * {@code -p workers=k}; a shape needs its own number of children whatever the core count, so it is
 * ignored.
 *
 * <pre>
 *   java -jar reports/target/benchmarks.jar ShapesQueueBenchmark -rf json -rff reports/out/jmh/shapes-queue.json
 *   scripts/cpython/shapes-queue --json reports/out/cpython/shapes-queue.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ScalingTasks.SMALL_CHILDREN)
public class ShapesQueueBenchmark {
    static final int RECORDS = 10_000;
    static final int MESSAGES = 20_000;

    /** The work queue's capacity; 0 is unbounded. The pipeline's results queue is always unbounded. */
    @Param({"1000", "0"})
    public int capacity;

    @Param({"2"})
    public int workers;

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long oneToOne(TwoChildren children) throws Exception {
        return QueueShapes.run(children.pool, QueueShapes.ONE_TO_ONE, capacity, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long oneToTwo(ThreeChildren children) throws Exception {
        return QueueShapes.run(children.pool, QueueShapes.ONE_TO_TWO, capacity, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long twoToTwo(FourChildren children) throws Exception {
        return QueueShapes.run(children.pool, QueueShapes.TWO_TO_TWO, capacity, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long pipeline(FourChildren children) throws Exception {
        return QueueShapes.run(children.pool, QueueShapes.PIPELINE, capacity, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long freshProducer1KiB() throws Exception {
        return QueueShapes.freshProducer(capacity, MESSAGES);
    }

    /** A pool of {@link #size()} workers for the trial; a subclass per size, since a state has no parameters of its own. */
    public abstract static class Children {
        Pool pool;

        abstract int size();

        @Setup(Level.Trial)
        public void start() {
            pool = new Pool(size());
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    @State(Scope.Benchmark)
    public static class TwoChildren extends Children {
        @Override
        int size() {
            return QueueShapes.ONE_TO_ONE.children();
        }
    }

    @State(Scope.Benchmark)
    public static class ThreeChildren extends Children {
        @Override
        int size() {
            return QueueShapes.ONE_TO_TWO.children();
        }
    }

    @State(Scope.Benchmark)
    public static class FourChildren extends Children {
        @Override
        int size() {
            return QueueShapes.TWO_TO_TWO.children();
        }
    }
}
