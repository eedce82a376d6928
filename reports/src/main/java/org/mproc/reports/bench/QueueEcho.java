package org.mproc.reports.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mproc.Pool;
import org.mproc.ProcessQueue;

/**
 * A pool worker that takes from one {@link ProcessQueue} and puts what it took on another, both
 * hosted by this JVM: the other end of the queue round-trip benchmarks.
 *
 * <pre>{@code
 * try (QueueEcho echo = new QueueEcho()) {
 *     echo.roundTrip(7);   // out to the worker and back: two put → take hops
 * }
 * }</pre>
 */
final class QueueEcho implements AutoCloseable {
    private final Pool pool = new Pool(1);
    private final ProcessQueue<Object> out = ProcessQueue.create();
    private final ProcessQueue<Object> back = ProcessQueue.create();
    private final CompletableFuture<Integer> echo = pool.applyAsync(QueueTasks.echo(out, back), 0);

    Object roundTrip(Object element) throws InterruptedException {
        out.put(element);
        return back.take();
    }

    /** Closes the outgoing queue, which ends the worker's echo, then the pool. */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        out.close();
        try {
            echo.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // JMH's tear-down was interrupted: stop the pool anyway
        } finally {
            pool.close();
        }
    }
}
