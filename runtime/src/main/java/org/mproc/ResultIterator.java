package org.mproc;

import java.util.Iterator;

/**
 * The results of {@link Pool#imap} or {@link Pool#imapUnordered}, available one by one as workers
 * produce them, while the input is read lazily and in bounded batches (G-POOL-2 of
 * docs/GUARANTEES.md). {@link #next()} throws the call's {@link TaskFailedException} (G-POOL-3) or
 * {@link WorkerDiedException} (G-POOL-5) at the position of the failing chunk, and iteration may
 * go on after it: each chunk is its own call. Not thread-safe, like any iterator.
 *
 * <pre>{@code
 * try (ResultIterator<Integer> squares = pool.imap(x -> x * x, List.of(1, 2, 3))) {
 *     while (squares.hasNext()) {
 *         System.out.println(squares.next());   // 1, 4, 9
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #hasNext()} reads more input and submits it, but never waits for a result;
 * {@link #next()} waits. Both throw {@link IllegalArgumentException} for an argument that cannot
 * be serialized (G-POOL-7). Besides the task failures, {@code next()} throws
 * {@link java.util.NoSuchElementException} at the end, {@link IllegalStateException} once where
 * input was left unread because the pool was closed or terminated (G-POOL-12), and
 * {@link ProcessException} when the pool was terminated under a running chunk or this thread was
 * interrupted while waiting (the interrupt status is set again).
 *
 * <p>When the input itself throws, while the iterator reads ahead, the exception is kept, not
 * thrown there: {@code next()} throws it after every result of the chunks read before it, in
 * either order, and the iteration ends (G-POOL-14). It comes as it was thrown, not inside a
 * {@link TaskFailedException}: that one reports a task that failed in a worker, this one the
 * caller's own code, in this JVM — as CPython re-raises an input's error without a remote
 * traceback.
 *
 * @param <R> the result type
 */
public interface ResultIterator<R> extends Iterator<R>, AutoCloseable {
    /**
     * Stops reading the input and forgets the results not yet taken. For {@code imap} and
     * {@code imapUnordered} alike, submitted chunks that no worker has taken yet are dropped and
     * never run; chunks a worker has already taken (the one it runs and at most one queued behind
     * it) finish and their results are discarded, as for a cancelled future (G-POOL-8). Never
     * throws; idempotent.
     */
    @Override
    void close();
}
