package org.mproc.internal.pool;

import java.io.IOException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.mproc.ProcessException;
import org.mproc.internal.wire.FrameLimits;
import org.mproc.internal.wire.codec.Codec;

/**
 * What a {@link org.mproc.Pool} does once its arguments are checked: it owns the pool's lifecycle,
 * turns a call into encoded chunks for the {@link PoolEngine}, and waits for results. The API class
 * validates and delegates; {@link ImapIterator} submits its chunks here too.
 */
public final class PoolCalls {
    private static final AtomicLong CALLS = new AtomicLong();
    /** A pool whose workers are not all ready by then fails to start rather than wait for ever. */
    private static final long START_TIMEOUT_SECONDS = Long.getLong("mproc.poolStartSeconds", 120);

    /*
     * Lifecycle, in the ThreadPoolExecutor style:
     *
     *   RUNNING ──close()──▶ CLOSING ──submitted work done, workers exited──▶ TERMINATED
     *   RUNNING ──terminate()──▶ TERMINATED (pending calls fail, workers killed)
     *   CLOSING ──terminate()──▶ TERMINATED
     *
     *   map, mapAsync, starmap, starmapAsync, apply, applyAsync, imap, imapUnordered
     *                 RUNNING: run; CLOSING, TERMINATED: IllegalStateException (an imap iterator
     *                 stops reading its input, yields what was computed, then throws it)
     *   close()       RUNNING: → CLOSING, waits for TERMINATED; otherwise waits for TERMINATED
     *   terminate()   any: → TERMINATED, waits for the workers to exit
     *   join()        RUNNING: IllegalStateException (unless the engine broke and stopped);
     *                 otherwise waits for TERMINATED
     *
     *   A pool whose worker cannot start breaks (G-POOL-10): the engine fails every call with the
     *   cause and stops its workers on its own; this state stays RUNNING, so later calls reach the
     *   engine and fail with that cause, and join() returns once the engine has stopped.
     *
     *   When this JVM shuts down, the engine likewise cancels every call on its own
     *   (JvmShutdownException) and leaves its workers to the exit sequence; this state does not
     *   change: while it is RUNNING, later calls reach the engine and fail the same way (G-PROC-11).
     */
    private enum State { RUNNING, CLOSING, TERMINATED }

    private final PoolSettings settings;
    private final PoolEngine engine;
    private final FunctionIds functions = new FunctionIds();
    private volatile State state = State.RUNNING;

    /** Starts the workers and returns once every one is ready (its initializer run). */
    public PoolCalls(PoolSettings settings) {
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

    public PoolSettings settings() {
        return settings;
    }

    /**
     * Encodes a call's function, first checking that the workers' class path holds its class: a
     * function the workers cannot load fails here, not in a worker (G-PROC-9).
     */
    public byte[] encodeFunction(Object function) {
        settings.classPath().requireLoads(function.getClass(), "this pool");
        return FunctionBytes.of(function);
    }

    /**
     * Encodes {@code wrapper}, a function of mproc's own that holds {@code function} and nothing
     * else ({@code starmap}'s spreading of a pair), checking that the workers load
     * {@code function}'s class (G-PROC-9); kept as {@link #encodeFunction} keeps a lambda's bytes.
     */
    public byte[] encodeWrapped(Object wrapper, Object function) {
        settings.classPath().requireLoads(function.getClass(), "this pool");
        return FunctionBytes.wrapped(wrapper, function);
    }

    /** CPython's default chunk size for {@code map}: {@code ceil(len / (4 × processes))}, at least 1. */
    public static int defaultChunksize(int items, int processes) {
        int per = 4 * processes;
        return Math.max(1, (items + per - 1) / per);
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    public void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the pool is " + state.name().toLowerCase() + ": no new work");
        }
    }

    /**
     * Submits {@code items} as one call; task indexes in failures start at {@code firstTask}. An
     * {@code exposed} future is handed to the caller, who may attach callbacks: it is completed on
     * the pool's completion thread; otherwise the caller only waits for it.
     */
    public <T, R> CompletableFuture<List<R>> submit(byte[] function, List<T> items, int chunksize, int firstTask,
                                                    boolean exposed) {
        return submit(function, items, chunksize, firstTask, exposed, null);
    }

    /**
     * Like {@link #submit(byte[], List, int, int, boolean)}, the call's chunks counted with
     * {@code group}'s (an imap iterator's calls) where a worker may hold only two of them.
     */
    @SuppressWarnings("unchecked")
    <T, R> CompletableFuture<List<R>> submit(byte[] function, List<T> items, int chunksize, int firstTask,
                                             boolean exposed, Object group) {
        requireRunning();
        CompletableFuture<List<Object>> future = new CompletableFuture<>();
        if (items.isEmpty()) {
            future.complete(List.of());
            return (CompletableFuture<List<R>>) (CompletableFuture<?>) future;
        }
        int chunks = (items.size() + chunksize - 1) / chunksize;
        PoolCall call = new PoolCall(CALLS.incrementAndGet(), functions.idOf(function), function, chunks, future,
                exposed, group);
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

    /**
     * The bytes of a function, an argument list or an initializer; one that cannot be serialized,
     * or is over the frame limit, fails here in the caller (G-POOL-7).
     */
    public static byte[] encode(Object value, String what) {
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

    /** The call's result, or its failure rethrown unchecked as the caller sees it. */
    public static <R> R await(CompletableFuture<R> future) {
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
        if (state == State.RUNNING && !engine.broken()) {
            throw new IllegalStateException("the pool is still running: close() or terminate() it first");
        }
        try {
            engine.stopped().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stop future never fails", e);
        }
    }
}
