package org.mproc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.mproc.internal.pool.ImapIterator;
import org.mproc.internal.pool.PoolCalls;
import org.mproc.internal.pool.PoolSettings;
import org.mproc.internal.spawn.ChildClassPath;

/**
 * A pool of reused worker JVMs, like Python's {@code multiprocessing.Pool}, without its hangs
 * (docs/GUARANTEES.md): {@code map} returns results in input order for any input, chunk size and
 * pool size (G-POOL-1); {@code imap} reads its input lazily, in bounded batches (G-POOL-2); a task
 * that throws fails its call with {@link TaskFailedException} carrying the original exception
 * (G-POOL-3, G-POOL-6), as soon as it fails (G-POOL-4); a worker that dies mid-task fails its call
 * with {@link WorkerDiedException} within 1 s and is replaced — never a hang, where CPython's pool
 * waits for ever (G-POOL-5). {@code starmap} is {@code map} for functions of two arguments
 * (G-POOL-13); an {@code imap} input that throws is delivered at its position, after every result
 * read before it (G-POOL-14).
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4, 5));   // [1, 4, 9, 16, 25]
 * }
 * }</pre>
 *
 * <p>Functions and arguments travel by serialization; one that cannot be serialized fails the call
 * in the caller, before any worker sees it (G-POOL-7). The async forms complete their futures on
 * a pool-owned thread, so a callback cannot stall the pool (G-POOL-8); bad configuration fails at
 * once (G-POOL-9); the initializer runs once per worker, before its first task (G-POOL-10); a
 * worker runs at most {@code maxTasksPerChild} chunks (G-POOL-11); after {@link #close()} or
 * {@link #terminate()} every submission throws {@link IllegalStateException} and no worker is
 * alive (G-POOL-12). Workers run on the class path of the code that created the pool (G-PROC-9,
 * {@link Builder#classPath}); a call whose function they could not load throws
 * {@link IllegalStateException} before any worker sees it. A pool may be shared by threads.
 * Workers are daemon children: if this JVM exits without closing the pool, they are terminated.
 * Once this JVM begins to shut down ({@code System.exit}, the end of its last non-daemon thread,
 * SIGTERM, SIGINT), the calls in flight and pending, and any submitted later, fail with
 * {@link JvmShutdownException}: the workers' end is not taken for a death, and none is replaced
 * (G-PROC-11).
 */
public final class Pool implements AutoCloseable {
    /** imap keeps at most this many chunks per worker in the pool, reading more input as results are taken. */
    private static final int IMAP_CHUNKS_PER_WORKER = 4;

    /** The lifecycle (a transition table) and the submissions live in {@code PoolCalls}. */
    private final PoolCalls calls;

    /**
     * A pool of {@code processes} workers with default settings; returns once every worker has
     * started and is ready for tasks.
     *
     * @param processes the number of worker JVMs, at least 1
     * @throws IllegalArgumentException if {@code processes} is less than 1 (G-POOL-9)
     * @throws IllegalStateException    if no class path that loads the code creating the pool can
     *                                  be found for the workers (G-PROC-9)
     * @throws ProcessException         if a worker cannot start, the workers are not ready within
     *                                  {@code -Dmproc.poolStartSeconds} (120 s by default), this
     *                                  JVM is shutting down ({@link JvmShutdownException},
     *                                  G-PROC-11), or this thread is interrupted while waiting (the
     *                                  interrupt status is set again); no worker is left running
     */
    public Pool(int processes) {
        this(builder().processes(processes).settings());
    }

    private Pool(PoolSettings settings) {
        this.calls = new PoolCalls(settings);
    }

    /**
     * Starts describing a pool with more options than the constructor takes.
     *
     * @return a new builder: one worker per available processor, no initializer, no task limit
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of workers the pool keeps; a dead or retired worker is replaced, so this stays
     * the same.
     *
     * @return the configured number of worker processes
     */
    public int processes() {
        return calls.settings().processes();
    }

    /**
     * {@code [f(x) for x in items]} in input order (G-POOL-1), with CPython's default chunk size
     * {@code ceil(n / (4 × processes))}; blocks until every result is in or the call fails. The
     * input is read at once, in the caller.
     *
     * @param <T>   the argument type
     * @param <R>   the result type
     * @param f     the function, serialized once per call
     * @param items the inputs; null elements are passed to {@code f} as null
     * @return the results, in input order; empty for an empty input
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalArgumentException if {@code f} or an argument cannot be serialized, or a chunk
     *                                  is over the frame limit; no worker saw the call (G-POOL-7)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws TaskFailedException      if a task threw or its result could not be serialized
     *                                  (G-POOL-3, G-POOL-6); the call fails at its first failure
     *                                  (G-POOL-4)
     * @throws WorkerDiedException      if a worker died while running one of the call's tasks
     *                                  (G-POOL-5)
     * @throws ProcessException         if the pool was terminated or broke meanwhile, this JVM
     *                                  began to shut down ({@link JvmShutdownException},
     *                                  G-PROC-11), a result cannot be read here, or this thread
     *                                  was interrupted while waiting (the interrupt status is set
     *                                  again; the call is not cancelled)
     */
    public <T, R> List<R> map(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        List<T> list = materialize(items);
        return PoolCalls.await(submit(f, list, defaultChunksize(list.size()), false));
    }

    /**
     * Like {@link #map(ProcessFunction, Iterable)} with a chosen chunk size: the inputs travel to
     * the workers {@code chunksize} at a time, and a chunk is one task for
     * {@link Builder#maxTasksPerChild}.
     *
     * @param <T>       the argument type
     * @param <R>       the result type
     * @param f         the function, serialized once per call
     * @param items     the inputs; null elements are passed to {@code f} as null
     * @param chunksize how many inputs travel together, at least 1
     * @return the results, in input order; empty for an empty input
     * @throws IllegalArgumentException if {@code chunksize} is less than 1 (G-POOL-9), or
     *                                  {@code f} or an argument cannot be serialized, or a chunk is
     *                                  over the frame limit (G-POOL-7)
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws TaskFailedException      if a task threw or its result could not be serialized
     *                                  (G-POOL-3, G-POOL-6); the call fails at its first failure
     *                                  (G-POOL-4)
     * @throws WorkerDiedException      if a worker died while running one of the call's tasks
     *                                  (G-POOL-5)
     * @throws ProcessException         if the pool was terminated or broke meanwhile, this JVM
     *                                  began to shut down ({@link JvmShutdownException},
     *                                  G-PROC-11), a result cannot be read here, or this thread
     *                                  was interrupted while waiting (the interrupt status is set
     *                                  again; the call is not cancelled)
     */
    public <T, R> List<R> map(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
        requireChunksize(chunksize);
        return PoolCalls.await(submit(f, materialize(items), chunksize, false));
    }

    /**
     * Like {@link #map(ProcessFunction, Iterable)} without waiting: the input is read and
     * serialized now, in the caller, and the results arrive through the future. The future
     * completes on a pool-owned thread, never a wire reader, so a callback that blocks or throws
     * cannot break the pool; it fails with {@link TaskFailedException}, {@link WorkerDiedException}
     * or {@link ProcessException} where {@code map} would throw them, and cancelling it drops the
     * call's chunks that have not started (G-POOL-8).
     *
     * @param <T>   the argument type
     * @param <R>   the result type
     * @param f     the function, serialized once per call
     * @param items the inputs; null elements are passed to {@code f} as null
     * @return a future of the results, in input order
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws IllegalArgumentException if {@code f} or an argument cannot be serialized, or a chunk
     *                                  is over the frame limit (G-POOL-7)
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(ProcessFunction<? super T, ? extends R> f,
                                                      Iterable<? extends T> items) {
        List<T> list = materialize(items);
        return submit(f, list, defaultChunksize(list.size()), true);
    }

    /**
     * Like {@link #mapAsync(ProcessFunction, Iterable)} with a chosen chunk size, as in
     * {@link #map(ProcessFunction, Iterable, int)}.
     *
     * @param <T>       the argument type
     * @param <R>       the result type
     * @param f         the function, serialized once per call
     * @param items     the inputs; null elements are passed to {@code f} as null
     * @param chunksize how many inputs travel together, at least 1
     * @return a future of the results, in input order
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws IllegalArgumentException if {@code chunksize} is less than 1 (G-POOL-9), or
     *                                  {@code f} or an argument cannot be serialized, or a chunk is
     *                                  over the frame limit (G-POOL-7)
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(ProcessFunction<? super T, ? extends R> f,
                                                      Iterable<? extends T> items, int chunksize) {
        requireChunksize(chunksize);
        return submit(f, materialize(items), chunksize, true);
    }

    private static void requireChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
    }

    /**
     * {@code f(arg)} in a worker, waiting for the result; a failure reports task index 0.
     *
     * @param <T> the argument type
     * @param <R> the result type
     * @param f   the function
     * @param arg the argument; may be null
     * @return what {@code f} returned, possibly null
     * @throws NullPointerException     if {@code f} is null (G-POOL-9)
     * @throws IllegalArgumentException if {@code f} or {@code arg} cannot be serialized, or is over
     *                                  the frame limit; no worker saw the call (G-POOL-7)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws TaskFailedException      if {@code f} threw or its result could not be serialized
     *                                  (G-POOL-3, G-POOL-6)
     * @throws WorkerDiedException      if the worker died while running it (G-POOL-5)
     * @throws ProcessException         if the pool was terminated or broke meanwhile, this JVM
     *                                  began to shut down ({@link JvmShutdownException},
     *                                  G-PROC-11), the result cannot be read here, or this thread
     *                                  was interrupted while waiting (the interrupt status is set
     *                                  again; the task is not cancelled)
     */
    public <T, R> R apply(ProcessFunction<? super T, ? extends R> f, T arg) {
        List<R> results = PoolCalls.await(submit(f, single(arg), 1, false));
        return results.get(0);
    }

    private static <T> List<T> single(T arg) {
        List<T> one = new ArrayList<>(1);
        one.add(arg); // List.of refuses null, and null is a fine argument
        return one;
    }

    /**
     * Like {@link #apply} without waiting: the argument is serialized now, in the caller. The
     * future completes on a pool-owned thread, never a wire reader, so a callback that blocks or
     * throws cannot break the pool; it fails with {@link TaskFailedException},
     * {@link WorkerDiedException} or {@link ProcessException} where {@code apply} would throw them,
     * and cancelling it drops the task if it has not started (G-POOL-8).
     *
     * @param <T> the argument type
     * @param <R> the result type
     * @param f   the function
     * @param arg the argument; may be null
     * @return a future of what {@code f} returned
     * @throws NullPointerException     if {@code f} is null (G-POOL-9)
     * @throws IllegalArgumentException if {@code f} or {@code arg} cannot be serialized, or is over
     *                                  the frame limit (G-POOL-7)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     */
    public <T, R> CompletableFuture<R> applyAsync(ProcessFunction<? super T, ? extends R> f, T arg) {
        CompletableFuture<List<R>> all = submit(f, single(arg), 1, true);
        CompletableFuture<R> result = new CompletableFuture<>();
        all.whenComplete((results, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(results.get(0));
            }
        });
        result.whenComplete((r, failure) -> {
            if (result.isCancelled()) {
                all.cancel(false); // drops the task if it has not started
            }
        });
        return result;
    }

    /**
     * {@code [f(a, b) for (a, b) in items]} in input order, CPython's {@code starmap}: {@code map}
     * for a function of two arguments, each task's arguments a {@link Pair} (G-POOL-13). The input
     * travels, chunks and fails exactly as {@code map}'s does, with the same default chunk size
     * (G-POOL-1, G-POOL-3, G-POOL-7, G-POOL-9). A pair rather than a {@code Map.Entry} or an
     * {@code Object[]}: it is typed, crosses to the worker as it is, and lets an argument be null.
     *
     * <pre>{@code
     * pool.starmap(String::repeat, List.of(Pair.of("a", 3), Pair.of("b", 2)));   // ["aaa", "bb"]
     * }</pre>
     *
     * @param <A>   the first argument's type
     * @param <B>   the second argument's type
     * @param <R>   the result type
     * @param f     the function, serialized once per call
     * @param items the tasks' arguments, one pair per task; a pair's components may be null
     * @return the results, in input order; empty for an empty input
     * @throws NullPointerException     if {@code f}, {@code items} or one of its pairs is null (the
     *                                  message names its index); no worker saw the call (G-POOL-9)
     * @throws IllegalArgumentException if {@code f} or an argument cannot be serialized, or a chunk
     *                                  is over the frame limit; no worker saw the call (G-POOL-7)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws TaskFailedException      if a task threw or its result could not be serialized; its
     *                                  {@link TaskFailedException#taskIndex()} is its pair's
     *                                  position (G-POOL-3, G-POOL-6); the call fails at its first
     *                                  failure (G-POOL-4)
     * @throws WorkerDiedException      if a worker died while running one of the call's tasks
     *                                  (G-POOL-5)
     * @throws ProcessException         if the pool was terminated or broke meanwhile, this JVM
     *                                  began to shut down ({@link JvmShutdownException},
     *                                  G-PROC-11), a result cannot be read here, or this thread
     *                                  was interrupted while waiting (the interrupt status is set
     *                                  again; the call is not cancelled)
     */
    public <A, B, R> List<R> starmap(ProcessBiFunction<? super A, ? super B, ? extends R> f,
                                     Iterable<? extends Pair<? extends A, ? extends B>> items) {
        List<Pair<? extends A, ? extends B>> list = pairs(items);
        return PoolCalls.await(submitPairs(f, list, defaultChunksize(list.size()), false));
    }

    /**
     * Like {@link #starmap(ProcessBiFunction, Iterable)} with a chosen chunk size, as in
     * {@link #map(ProcessFunction, Iterable, int)}.
     *
     * @param <A>       the first argument's type
     * @param <B>       the second argument's type
     * @param <R>       the result type
     * @param f         the function, serialized once per call
     * @param items     the tasks' arguments, one pair per task; a pair's components may be null
     * @param chunksize how many pairs travel together, at least 1
     * @return the results, in input order; empty for an empty input
     * @throws IllegalArgumentException if {@code chunksize} is less than 1 (G-POOL-9), or
     *                                  {@code f} or an argument cannot be serialized, or a chunk is
     *                                  over the frame limit (G-POOL-7); no worker saw the call
     * @throws NullPointerException     if {@code f}, {@code items} or one of its pairs is null (the
     *                                  message names its index); no worker saw the call (G-POOL-9)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws TaskFailedException      if a task threw or its result could not be serialized
     *                                  (G-POOL-3, G-POOL-6); the call fails at its first failure
     *                                  (G-POOL-4)
     * @throws WorkerDiedException      if a worker died while running one of the call's tasks
     *                                  (G-POOL-5)
     * @throws ProcessException         if the pool was terminated or broke meanwhile, this JVM
     *                                  began to shut down ({@link JvmShutdownException},
     *                                  G-PROC-11), a result cannot be read here, or this thread
     *                                  was interrupted while waiting (the interrupt status is set
     *                                  again; the call is not cancelled)
     */
    public <A, B, R> List<R> starmap(ProcessBiFunction<? super A, ? super B, ? extends R> f,
                                     Iterable<? extends Pair<? extends A, ? extends B>> items, int chunksize) {
        requireChunksize(chunksize);
        return PoolCalls.await(submitPairs(f, pairs(items), chunksize, false));
    }

    /**
     * Like {@link #starmap(ProcessBiFunction, Iterable)} without waiting, as
     * {@link #mapAsync(ProcessFunction, Iterable)} is to {@code map}: the input is read and
     * serialized now, in the caller; the future completes on a pool-owned thread and fails where
     * {@code starmap} would throw, and cancelling it drops the call's chunks that have not started
     * (G-POOL-8).
     *
     * @param <A>   the first argument's type
     * @param <B>   the second argument's type
     * @param <R>   the result type
     * @param f     the function, serialized once per call
     * @param items the tasks' arguments, one pair per task; a pair's components may be null
     * @return a future of the results, in input order
     * @throws NullPointerException     if {@code f}, {@code items} or one of its pairs is null (the
     *                                  message names its index) (G-POOL-9)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws IllegalArgumentException if {@code f} or an argument cannot be serialized, or a chunk
     *                                  is over the frame limit (G-POOL-7)
     */
    public <A, B, R> CompletableFuture<List<R>> starmapAsync(ProcessBiFunction<? super A, ? super B, ? extends R> f,
                                                             Iterable<? extends Pair<? extends A, ? extends B>> items) {
        List<Pair<? extends A, ? extends B>> list = pairs(items);
        return submitPairs(f, list, defaultChunksize(list.size()), true);
    }

    /**
     * Like {@link #starmapAsync(ProcessBiFunction, Iterable)} with a chosen chunk size, as in
     * {@link #map(ProcessFunction, Iterable, int)}.
     *
     * @param <A>       the first argument's type
     * @param <B>       the second argument's type
     * @param <R>       the result type
     * @param f         the function, serialized once per call
     * @param items     the tasks' arguments, one pair per task; a pair's components may be null
     * @param chunksize how many pairs travel together, at least 1
     * @return a future of the results, in input order
     * @throws NullPointerException     if {@code f}, {@code items} or one of its pairs is null (the
     *                                  message names its index) (G-POOL-9)
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     * @throws IllegalArgumentException if {@code chunksize} is less than 1 (G-POOL-9), or
     *                                  {@code f} or an argument cannot be serialized, or a chunk is
     *                                  over the frame limit (G-POOL-7)
     */
    public <A, B, R> CompletableFuture<List<R>> starmapAsync(ProcessBiFunction<? super A, ? super B, ? extends R> f,
                                                             Iterable<? extends Pair<? extends A, ? extends B>> items,
                                                             int chunksize) {
        requireChunksize(chunksize);
        return submitPairs(f, pairs(items), chunksize, true);
    }

    /** {@code items}, read now, refusing a null pair: it has no arguments to give {@code f}. */
    private static <P> List<P> pairs(Iterable<? extends P> items) {
        List<P> list = materialize(items);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException("items: the pair at index " + i + " is null (starmap takes one Pair"
                        + " of arguments per task; its components may be null)");
            }
        }
        return list;
    }

    /**
     * {@code starmap} is {@code map} of {@link Spread}: the pairs travel as map's items do, and
     * the worker spreads each over {@code f}.
     */
    private <A, B, R> CompletableFuture<List<R>> submitPairs(ProcessBiFunction<? super A, ? super B, ? extends R> f,
                                                             List<Pair<? extends A, ? extends B>> items,
                                                             int chunksize, boolean exposed) {
        Objects.requireNonNull(f, "function");
        calls.requireRunning();
        return calls.submit(calls.encodeWrapped(new Spread<>(f), f), items, chunksize, 0, exposed);
    }

    /**
     * {@code starmap}'s function as {@code map} runs it: a pair in, {@code f} of its components out.
     * It holds {@code f} and nothing else, so its bytes are kept as {@code f}'s would be.
     */
    private record Spread<A, B, R>(ProcessBiFunction<? super A, ? super B, ? extends R> f)
            implements ProcessFunction<Pair<? extends A, ? extends B>, R> {
        @Override
        public R apply(Pair<? extends A, ? extends B> args) throws Exception {
            return f.apply(args.first(), args.second());
        }
    }

    /**
     * {@code f} over {@code items}, yielding results in input order as they become available. The
     * input is read lazily, one item per chunk, with at most four chunks per worker in the pool at
     * once, so an endless input never fills memory (G-POOL-2; CPython drains it eagerly). The first
     * chunks are submitted before this returns; failures surface in
     * {@link ResultIterator#next()}, at their position.
     *
     * <p>An input that throws — in {@code iterator()}, {@code hasNext()} or {@code next()}, here or
     * while the iterator reads ahead — is read no further, and this method does not throw: the
     * chunks read before it run to the end, and the iterator yields their results, then throws
     * that very exception, unwrapped (it is the caller's own, thrown in this JVM, not a task's),
     * and ends. The items of the chunk being read when it threw are not run, as in CPython: with
     * chunk size {@code c} and the input failing at item {@code k}, the first
     * {@code c × floor(k / c)} results come before it (G-POOL-14).
     *
     * @param <T>   the argument type
     * @param <R>   the result type
     * @param f     the function
     * @param items the inputs, read on the thread that calls this method and the iterator's methods
     * @return an iterator over the results; close it to stop reading the input early
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalArgumentException if {@code f}, or an argument of the first chunks submitted
     *                                  here, cannot be serialized (G-POOL-7); the chunks submitted
     *                                  before it are cancelled
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     */
    public <T, R> ResultIterator<R> imap(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return imap(f, items, 1);
    }

    /**
     * Like {@link #imap(ProcessFunction, Iterable)} with {@code chunksize} items per chunk; an
     * input that throws ends the results at the start of the chunk it was reading (G-POOL-14).
     *
     * @param <T>       the argument type
     * @param <R>       the result type
     * @param f         the function
     * @param items     the inputs, read on the thread that calls this method and the iterator's methods
     * @param chunksize how many inputs travel together, at least 1
     * @return an iterator over the results in input order; close it to stop reading the input early
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalArgumentException if {@code chunksize} is less than 1 (G-POOL-9), or if
     *                                  {@code f}, or an argument of the first chunks submitted
     *                                  here, cannot be serialized (G-POOL-7); the chunks submitted
     *                                  before it are cancelled
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     */
    public <T, R> ResultIterator<R> imap(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                          int chunksize) {
        return iterate(f, items, chunksize, true);
    }

    /**
     * Like {@link #imap(ProcessFunction, Iterable)} but yields results in the order their chunks
     * complete: the same multiset, in any order (G-POOL-2). An input that throws comes last, after
     * every result of the chunks read before it (G-POOL-14; CPython's may come sooner).
     *
     * @param <T>   the argument type
     * @param <R>   the result type
     * @param f     the function
     * @param items the inputs, read on the thread that calls this method and the iterator's methods
     * @return an iterator over the results in completion order
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalArgumentException if {@code f}, or an argument of the first chunks submitted
     *                                  here, cannot be serialized (G-POOL-7); the chunks submitted
     *                                  before it are cancelled
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     */
    public <T, R> ResultIterator<R> imapUnordered(ProcessFunction<? super T, ? extends R> f,
                                                   Iterable<? extends T> items) {
        return imapUnordered(f, items, 1);
    }

    /**
     * Like {@link #imapUnordered(ProcessFunction, Iterable)} with {@code chunksize} items per
     * chunk; the results of one chunk stay together, in input order.
     *
     * @param <T>       the argument type
     * @param <R>       the result type
     * @param f         the function
     * @param items     the inputs, read on the thread that calls this method and the iterator's methods
     * @param chunksize how many inputs travel together, at least 1
     * @return an iterator over the results in completion order
     * @throws NullPointerException     if {@code f} or {@code items} is null (G-POOL-9)
     * @throws IllegalArgumentException if {@code chunksize} is less than 1 (G-POOL-9), or if
     *                                  {@code f}, or an argument of the first chunks submitted
     *                                  here, cannot be serialized (G-POOL-7); the chunks submitted
     *                                  before it are cancelled
     * @throws IllegalStateException    after {@link #close()} or {@link #terminate()} (G-POOL-12)
     */
    public <T, R> ResultIterator<R> imapUnordered(ProcessFunction<? super T, ? extends R> f,
                                                   Iterable<? extends T> items, int chunksize) {
        return iterate(f, items, chunksize, false);
    }

    private <T, R> ResultIterator<R> iterate(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                              int chunksize, boolean ordered) {
        Objects.requireNonNull(f, "function");
        Objects.requireNonNull(items, "items");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        calls.requireRunning();
        int window = IMAP_CHUNKS_PER_WORKER * calls.settings().processes();
        return new ImapIterator<>(calls, calls.encodeFunction(f), items, chunksize, ordered, window);
    }

    private int defaultChunksize(int items) {
        return PoolCalls.defaultChunksize(items, calls.settings().processes());
    }

    private static <T> List<T> materialize(Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items");
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    private <T, R> CompletableFuture<List<R>> submit(ProcessFunction<? super T, ? extends R> f, List<T> items,
                                                     int chunksize, boolean exposed) {
        Objects.requireNonNull(f, "function");
        calls.requireRunning();
        return calls.submit(calls.encodeFunction(f), items, chunksize, 0, exposed);
    }

    /**
     * Takes no new work, finishes what was submitted, stops the workers and waits until they have
     * exited, as the JDK's {@code ExecutorService.close()} does (G-POOL-12). A lazy {@code imap}
     * input is read no further: its iterator yields the results of the chunks already submitted,
     * then throws {@link IllegalStateException} if input was left unread. Idempotent; after
     * {@link #terminate()} it only waits.
     */
    @Override
    public void close() {
        calls.close();
    }

    /**
     * Fails every unfinished call with {@link ProcessException}, stops the workers now with SIGTERM
     * and waits until they have exited; it returns promptly however much work is queued
     * (G-POOL-12). Later submissions throw {@link IllegalStateException}.
     */
    public void terminate() {
        calls.terminate();
    }

    /**
     * Waits until the pool has stopped and its workers have exited, for a thread other than the
     * one that called {@link #close()} or {@link #terminate()}.
     *
     * @throws IllegalStateException if neither {@code close()} nor {@code terminate()} was called
     * @throws InterruptedException  if this thread is interrupted while waiting
     */
    public void join() throws InterruptedException {
        calls.join();
    }

    /**
     * Options for a {@link Pool}; each setter checks its value at once (G-POOL-9). Not
     * thread-safe: a builder belongs to the thread filling it in.
     */
    public static final class Builder {
        private int processes = Runtime.getRuntime().availableProcessors();
        private ProcessTask initializer;
        private int maxTasksPerChild;
        private List<String> jvmOptions = List.of();
        private List<Path> classPath;

        private Builder() {}

        /**
         * Sets the number of worker JVMs; the default is one per available processor.
         *
         * @param processes the number of workers, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code processes} is less than 1
         */
        public Builder processes(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("a pool needs at least 1 process, got " + processes);
            }
            this.processes = processes;
            return this;
        }

        /**
         * Runs once in each worker, replacements included, before any task on it (G-POOL-10). If it
         * throws while the pool starts, {@link #build()} fails; if it throws in a replacement
         * worker, pending and later calls fail with {@link ProcessException} (that cause) and the
         * pool terminates.
         *
         * @param initializer the work to run; serialized by {@link #build()}
         * @return this builder
         * @throws NullPointerException if {@code initializer} is null
         */
        public Builder initializer(ProcessTask initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * A worker exits and is replaced after this many chunks (CPython's {@code maxtasksperchild},
         * where a task is one chunk; G-POOL-11); by default a worker runs for the pool's lifetime.
         *
         * @param maxTasksPerChild the chunks one worker runs at most, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxTasksPerChild} is less than 1
         */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxTasksPerChild must be at least 1, got " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /**
         * Extra JVM options for every worker, placed after mproc's defaults and
         * {@code -Dmproc.childJvmOptions}, so that on a conflict they win.
         *
         * <p>Each worker's max heap is mproc's default — physical memory / (4 × available
         * processors), within [512 MiB, 1 GiB], never above the JVM's own default of ¼ of physical
         * memory — unless these options or {@code -Dmproc.childJvmOptions} set it ({@code -Xmx},
         * {@code -XX:MaxHeapSize}, {@code -XX:MaxRAM}, {@code -XX:MaxRAMPercentage},
         * {@code -XX:MaxRAMFraction}); for example {@code jvmOptions(List.of("-Xmx4g"))}. A worker
         * that runs out of its heap fails its call with a {@link WorkerDiedException} whose
         * {@link WorkerDiedException#outOfMemory()} is true (G-PROC-12).
         *
         * @param jvmOptions the options, copied; empty by default
         * @return this builder
         * @throws NullPointerException if the list or one of its elements is null
         */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /**
         * The class path the workers run with, instead of the one mproc finds (G-PROC-9): by
         * default, the class path of the class loaders that loaded the code creating the pool, the
         * creating thread's context class loader and mproc (the system class path under
         * {@code java -cp} or {@code java -jar}; a {@code URLClassLoader}'s URLs under
         * {@code mvn exec:java}, many servers and IDE runners). {@code -Dmproc.classPath} sets it for
         * every child of the tree. A call whose function's class is not on it fails with
         * {@link IllegalStateException} before any worker sees it.
         *
         * @param classPath directories and jars (an entry ending in {@code *} stands for every jar
         *                  in its directory, as for {@code java -cp}), copied
         * @return this builder
         * @throws NullPointerException if the list or one of its elements is null
         */
        public Builder classPath(List<Path> classPath) {
            this.classPath = List.copyOf(classPath);
            return this;
        }

        private PoolSettings settings() {
            Class<?> caller = ChildClassPath.caller();
            ChildClassPath path = initializer == null ? ChildClassPath.resolve(classPath, "the pool", caller, caller)
                    : ChildClassPath.resolve(classPath, "the pool", caller, caller, initializer.getClass());
            byte[] init = initializer == null ? new byte[0] : PoolCalls.encode(initializer, "the initializer");
            return new PoolSettings(processes, init, maxTasksPerChild, jvmOptions, path);
        }

        /**
         * Starts the pool and returns once every worker has started and run the initializer
         * (G-POOL-10).
         *
         * @return the running pool
         * @throws IllegalArgumentException if the initializer cannot be serialized, or the class
         *                                  path names an entry that does not exist
         * @throws IllegalStateException    if no class path that loads the code creating the pool
         *                                  (and its initializer) can be found (G-PROC-9)
         * @throws ProcessException         if a worker cannot start, the initializer threw (it is
         *                                  the cause), the workers are not ready within
         *                                  {@code -Dmproc.poolStartSeconds} (120 s by default), this
         *                                  JVM is shutting down ({@link JvmShutdownException},
         *                                  G-PROC-11), or this thread is interrupted while waiting
         *                                  (the interrupt status is set again); no worker is left
         *                                  running
         */
        public Pool build() {
            return new Pool(settings());
        }
    }
}
