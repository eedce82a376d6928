package org.mproc;

import java.io.IOException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.wire.Codec;
import org.mproc.wire.FrameLimits;

/**
 * A pool of reused worker JVMs, like Python's {@code multiprocessing.Pool}. Guarantees G-POOL-1 …
 * G-POOL-12 of {@code GUARANTEES.md}: {@code map} returns results in input order for any chunk
 * size; a task that throws fails its call with {@link TaskFailedException} carrying the original
 * exception; a worker that dies mid-task fails its call with {@link WorkerDiedException} and is
 * replaced — never a hang, where CPython's pool waits for ever.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4, 5));   // [1, 4, 9, 16, 25]
 * }
 * }</pre>
 *
 * <p>Functions and arguments travel by serialization; one that cannot be serialized fails the call
 * in the caller, before any worker sees it (G-POOL-7).
 */
public final class Pool implements AutoCloseable {
    private static final AtomicLong CALLS = new AtomicLong();
    /** A pool whose workers are not all ready by then fails to start rather than wait for ever. */
    private static final long START_TIMEOUT_SECONDS = Long.getLong("mproc.poolStartSeconds", 120);
    /** imap keeps at most this many chunks per worker in the pool, reading more input as results are taken. */
    private static final int IMAP_CHUNKS_PER_WORKER = 4;

    /*
     * Lifecycle, in the ThreadPoolExecutor style:
     *
     *   RUNNING ──close()──▶ CLOSING ──submitted work done, workers exited──▶ TERMINATED
     *   RUNNING ──terminate()──▶ TERMINATED (pending calls fail, workers killed)
     *   CLOSING ──terminate()──▶ TERMINATED
     *
     *   map, mapAsync, apply, applyAsync, imap, imapUnordered
     *                 RUNNING: run; CLOSING, TERMINATED: IllegalStateException (an imap iterator
     *                 stops reading its input, yields what was computed, then throws it)
     *   close()       RUNNING: → CLOSING, waits for TERMINATED; otherwise waits for TERMINATED
     *   terminate()   any: → TERMINATED, waits for the workers to exit
     *   join()        RUNNING: IllegalStateException; otherwise waits for TERMINATED
     */
    private enum State { RUNNING, CLOSING, TERMINATED }

    private final Settings settings;
    private final PoolEngine engine;
    private final FunctionIds functions = new FunctionIds();
    private volatile State state = State.RUNNING;

    /** A pool of {@code processes} workers with default settings. */
    public Pool(int processes) {
        this(builder().processes(processes).settings());
    }

    private Pool(Settings settings) {
        this.settings = settings;
        this.engine = new PoolEngine(settings);
        try {
            engine.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            engine.terminate();
            engine.stopped().join();
            throw e.getCause() instanceof ProcessException ? (ProcessException) e.getCause()
                    : new ProcessException("the pool could not start", e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            engine.terminate();
            engine.stopped().join();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ProcessException("the pool's workers were not ready within " + START_TIMEOUT_SECONDS
                    + " s (-Dmproc.poolStartSeconds)", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int processes() {
        return settings.processes();
    }

    /** {@code [f(x) for x in items]} in input order, with CPython's default chunk size. */
    public <T, R> List<R> map(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        List<T> list = materialize(items);
        return await(submit(f, list, defaultChunksize(list.size()), false));
    }

    public <T, R> List<R> map(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items, int chunksize) {
        requireChunksize(chunksize);
        return await(submit(f, materialize(items), chunksize, false));
    }

    public <T, R> CompletableFuture<List<R>> mapAsync(ProcessFunction<? super T, ? extends R> f,
                                                      Iterable<? extends T> items) {
        List<T> list = materialize(items);
        return submit(f, list, defaultChunksize(list.size()), true);
    }

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

    /** {@code f(arg)} in a worker, waiting for the result. */
    public <T, R> R apply(ProcessFunction<? super T, ? extends R> f, T arg) {
        List<R> results = await(submit(f, single(arg), 1, false));
        return results.get(0);
    }

    private static <T> List<T> single(T arg) {
        List<T> one = new ArrayList<>(1);
        one.add(arg); // List.of refuses null, and null is a fine argument
        return one;
    }

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
     * {@code f} over {@code items}, yielding results in input order as they become available. The
     * input is read lazily, in chunks of {@code chunksize} (default 1), with a bounded number of
     * chunks in the pool at once (G-POOL-2).
     */
    public <T, R> ResultIterator<R> imap(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items) {
        return imap(f, items, 1);
    }

    public <T, R> ResultIterator<R> imap(ProcessFunction<? super T, ? extends R> f, Iterable<? extends T> items,
                                          int chunksize) {
        return iterate(f, items, chunksize, true);
    }

    /** Like {@link #imap} but yields results in the order they complete. */
    public <T, R> ResultIterator<R> imapUnordered(ProcessFunction<? super T, ? extends R> f,
                                                   Iterable<? extends T> items) {
        return imapUnordered(f, items, 1);
    }

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
        requireRunning();
        int window = IMAP_CHUNKS_PER_WORKER * settings.processes();
        return new ImapIterator<>(this, encode(f, "the function"), items.iterator(), chunksize, ordered, window);
    }

    boolean isRunning() {
        return state == State.RUNNING;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the pool is " + state.name().toLowerCase() + ": no new work");
        }
    }

    /** CPython's default: {@code ceil(len / (4 × processes))}, at least 1. */
    int defaultChunksize(int items) {
        int per = 4 * settings.processes();
        return Math.max(1, (items + per - 1) / per);
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
        requireRunning();
        return submitEncoded(encode(f, "the function"), items, chunksize, 0, exposed);
    }

    /**
     * Submits {@code items} as one call; task indexes in failures start at {@code firstTask}. An
     * {@code exposed} future is handed to the caller, who may attach callbacks: it is completed on
     * the pool's completion thread; otherwise the caller only waits for it.
     */
    @SuppressWarnings("unchecked")
    <T, R> CompletableFuture<List<R>> submitEncoded(byte[] function, List<T> items, int chunksize, int firstTask,
                                                    boolean exposed) {
        requireRunning();
        CompletableFuture<List<Object>> future = new CompletableFuture<>();
        if (items.isEmpty()) {
            future.complete(List.of());
            return (CompletableFuture<List<R>>) (CompletableFuture<?>) future;
        }
        int chunks = (items.size() + chunksize - 1) / chunksize;
        PoolCall call = new PoolCall(CALLS.incrementAndGet(), functions.idOf(function), function, chunks, future,
                exposed);
        List<PoolChunk> list = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = c * chunksize;
            List<T> slice = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunksize)));
            int first = firstTask + from;
            list.add(new PoolChunk(call, c, first, slice.size(),
                    encode(slice, "the arguments " + first + "–" + (first + slice.size() - 1))));
        }
        future.whenComplete((r, failure) -> {
            if (future.isCancelled()) {
                engine.cancel(call); // unstarted chunks are dropped (G-POOL-8)
            }
        });
        engine.submit(call, list);
        return (CompletableFuture<List<R>>) (CompletableFuture<?>) future;
    }

    private static byte[] encode(Object value, String what) {
        try {
            byte[] bytes = Codec.standard().encode(value);
            if (bytes.length > FrameLimits.maxFrame() - 64) {
                throw new IllegalArgumentException(what + " serialize to " + bytes.length
                        + " bytes, over the frame limit of " + FrameLimits.maxFrame()
                        + " bytes (use a smaller chunksize, or raise -Dmproc.maxFrame)");
            }
            return bytes;
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot be serialized: " + e.getMessage()
                    + " is not Serializable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be serialized: " + e, e);
        }
    }

    static <R> R await(CompletableFuture<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new ProcessException("the call failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for the pool", e);
        }
    }

    /** Takes no new work, finishes what was submitted, stops the workers and waits for them. */
    @Override
    public void close() {
        if (state == State.RUNNING) {
            state = State.CLOSING;
            engine.close();
        }
        engine.stopped().join();
        state = State.TERMINATED;
    }

    /** Fails every unfinished call, kills the workers now and waits until they have exited. */
    public void terminate() {
        state = State.TERMINATED;
        engine.terminate();
        engine.stopped().join();
    }

    /** Waits until the pool has stopped; after {@link #close()} or {@link #terminate()} only. */
    public void join() throws InterruptedException {
        if (state == State.RUNNING) {
            throw new IllegalStateException("the pool is still running: close() or terminate() it first");
        }
        try {
            engine.stopped().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stop future never fails", e);
        }
    }

    /** What a pool is made of. */
    record Settings(int processes, byte[] initializer, int maxTasksPerChild, List<String> jvmOptions) {}

    /** Options for a {@link Pool}. */
    public static final class Builder {
        private int processes = Runtime.getRuntime().availableProcessors();
        private ProcessTask initializer;
        private int maxTasksPerChild;
        private List<String> jvmOptions = List.of();

        private Builder() {}

        public Builder processes(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("a pool needs at least 1 process, got " + processes);
            }
            this.processes = processes;
            return this;
        }

        /** Runs once in each worker, before any task on it. */
        public Builder initializer(ProcessTask initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** A worker exits and is replaced after this many chunks (CPython's maxtasksperchild). */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxTasksPerChild must be at least 1, got " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        Settings settings() {
            byte[] init = initializer == null ? new byte[0] : encode(initializer, "the initializer");
            return new Settings(processes, init, maxTasksPerChild, jvmOptions);
        }

        public Pool build() {
            return new Pool(settings());
        }
    }
}
