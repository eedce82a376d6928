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
 */
public final class ImapIterator<T, R> implements ResultIterator<R> {
    private final PoolCalls pool;
    private final byte[] function;
    private final Iterator<? extends T> input;
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
    private boolean closed;

    public ImapIterator(PoolCalls pool, byte[] function, Iterator<? extends T> input, int chunksize, boolean ordered, int window) {
        this.pool = pool;
        this.function = function;
        this.input = input;
        this.chunksize = chunksize;
        this.ordered = ordered;
        this.window = window;
        refill();
    }

    @Override
    public boolean hasNext() {
        refill();
        return current.hasNext() || outstanding > 0 || stoppedByPool;
    }

    @Override
    public R next() {
        while (!current.hasNext()) {
            refill();
            if (outstanding == 0) {
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
            if (!input.hasNext()) {
                inputDone = true;
                return;
            }
            if (!pool.isRunning()) {
                inputDone = true;
                stoppedByPool = true;
                return;
            }
            List<T> items = new ArrayList<>(chunksize);
            while (items.size() < chunksize && input.hasNext()) {
                items.add(input.next());
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
        current = Collections.emptyIterator();
    }
}
