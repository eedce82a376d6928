package org.mproc.internal.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.mproc.ProcessException;
import org.mproc.ResultIterator;

/**
 * {@code imap} and {@code imapUnordered}: the input is read lazily, a chunk at a time, and at most
 * {@code window} chunks are in the pool at once, so an endless input never fills memory (CPython's
 * {@code imap} drains its input eagerly). Each chunk travels as its own call; results come back in
 * input order ({@code imap}) or in completion order ({@code imapUnordered}). {@link #close()}
 * cancels every chunk submitted and not yet taken by {@link #next()}, in both orders, so the engine
 * drops those no worker has taken yet. Not thread-safe, like any iterator.
 *
 * <p>The input is the caller's code and may throw: in {@code iterator()}, {@code hasNext()} or
 * {@code next()}, on whichever of this iterator's calls reads ahead (the constructor included). What
 * it throws is kept, the input is read no further, and the items read since the last whole chunk
 * are dropped (CPython's {@code _guarded_task_generation} fails the whole chunk in the making).
 * Since nothing is submitted after it, the failure's position is the end: {@link #next()} throws it,
 * unwrapped, once every chunk submitted before it has been taken, in either order (G-POOL-14).
 */
public final class ImapIterator<T, R> implements ResultIterator<R> {
    private final PoolCalls pool;
    private final byte[] function;
    private final Iterable<? extends T> source;
    /** {@code source.iterator()}, asked for at the first read, so that its failure is kept too. */
    private Iterator<? extends T> input;
    private final int chunksize;
    private final boolean ordered;
    private final int window;
    private final ArrayDeque<CompletableFuture<List<R>>> inOrder = new ArrayDeque<>();
    /** {@code imapUnordered}: chunks as they complete (added by a pool thread). */
    private final LinkedBlockingQueue<CompletableFuture<List<R>>> inCompletionOrder = new LinkedBlockingQueue<>();
    /** {@code imapUnordered}: chunks submitted and not yet taken, complete or not; for {@link #close()}. */
    private final Set<CompletableFuture<List<R>>> notTaken = Collections.newSetFromMap(new IdentityHashMap<>());
    private int outstanding;
    private int nextTask;
    private Iterator<R> current = Collections.emptyIterator();
    private boolean inputDone;
    private boolean stoppedByPool;
    /** What the input threw, until {@link #next()} throws it: then the iterator has ended. */
    private Throwable inputFailure;
    private boolean closed;

    /**
     * Reads the first chunks and submits them.
     *
     * @throws IllegalArgumentException when an argument of those chunks cannot be serialized
     *                                  (G-POOL-7); the chunks submitted before it are cancelled
     */
    public ImapIterator(PoolCalls pool, byte[] function, Iterable<? extends T> source, int chunksize, boolean ordered,
                        int window) {
        this.pool = pool;
        this.function = function;
        this.source = source;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.window = window;
        try {
            refill();
        } catch (RuntimeException | Error e) {
            close(); // the caller gets no iterator to close: leave nothing running for it
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        refill();
        return current.hasNext() || outstanding > 0 || stoppedByPool || inputFailure != null;
    }

    @Override
    public R next() {
        while (!current.hasNext()) {
            refill();
            if (outstanding == 0) {
                if (inputFailure != null) {
                    Throwable failure = inputFailure;
                    inputFailure = null;
                    throw ImapIterator.<RuntimeException>rethrow(failure);
                }
                if (stoppedByPool) {
                    stoppedByPool = false;
                    throw new IllegalStateException("the pool was closed before the whole input was read");
                }
                throw new NoSuchElementException();
            }
            CompletableFuture<List<R>> chunk = take();
            outstanding--;
            current = PoolCalls.await(chunk).iterator(); // a failed chunk throws here; the next call goes on
        }
        return current.next();
    }

    private CompletableFuture<List<R>> take() {
        if (ordered) {
            return inOrder.poll();
        }
        try {
            CompletableFuture<List<R>> chunk = inCompletionOrder.take();
            notTaken.remove(chunk);
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for the pool", e);
        }
    }

    private void refill() {
        while (!inputDone && !closed && outstanding < window) {
            List<T> items = read();
            if (items == null) {
                return;
            }
            CompletableFuture<List<R>> chunk = pool.submit(function, items, items.size(), nextTask, true, this);
            nextTask += items.size();
            outstanding++;
            if (ordered) {
                inOrder.add(chunk);
            } else {
                notTaken.add(chunk);
                chunk.whenComplete((r, t) -> inCompletionOrder.add(chunk));
            }
        }
    }

    /**
     * The next chunk's items, or null when there is none: the input ended, failed (kept in
     * {@link #inputFailure}), or the pool stopped taking work.
     */
    private List<T> read() {
        try {
            if (input == null) {
                input = source.iterator();
            }
            if (!input.hasNext()) {
                inputDone = true;
                return null;
            }
            if (!pool.isRunning()) {
                inputDone = true;
                stoppedByPool = true;
                return null;
            }
            List<T> items = new ArrayList<>(chunksize);
            while (items.size() < chunksize && input.hasNext()) {
                items.add(input.next());
            }
            return items;
        } catch (Throwable t) { // the caller's own code threw: whatever it is, it comes back at its position
            inputDone = true;
            inputFailure = t;
            return null;
        }
    }

    /**
     * Throws {@code t} as it is: a Java iterator can throw a checked exception only by stealth
     * (Kotlin, Lombok's {@code @SneakyThrows}), and it too comes back as it was thrown.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException rethrow(Throwable t) throws E {
        throw (E) t;
    }

    @Override
    public void close() {
        closed = true;
        inputDone = true;
        // Cancelling drops the chunks no worker has taken yet (G-POOL-8); finished ones ignore it.
        for (CompletableFuture<List<R>> chunk : inOrder) {
            chunk.cancel(false);
        }
        for (CompletableFuture<List<R>> chunk : List.copyOf(notTaken)) {
            chunk.cancel(false);
        }
        inOrder.clear();
        notTaken.clear();
        inCompletionOrder.clear();
        outstanding = 0;
        inputFailure = null;
        current = Collections.emptyIterator();
    }
}
