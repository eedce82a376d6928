package org.mproc.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mproc.Pool;

/**
 * Pool test helpers. {@link #closeWithin} ends a test's pool without ever hanging the suite: {@code close()} is given a bound, and a pool
 * that does not close within it is terminated and fails the test, so a call wedged by a bug is
 * reported, not waited for until the fork timeout.
 *
 * <pre>{@code
 * @AfterAll
 * static void stopPool() {
 *     Pools.closeWithin(pool, Delays.CHILD);
 * }
 * }</pre>
 */
public final class Pools {
    private Pools() {}

    /** {@code [0, 1, …, n − 1]}: the usual input of a pool test. */
    public static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    public static void closeWithin(Pool pool, Duration bound) {
        if (pool == null) {
            return;
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
        try {
            closing.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException wedged) {
            pool.terminate();
            throw new AssertionError("close() did not return within " + bound + ": a call never ended");
        } catch (ExecutionException e) {
            throw new AssertionError("close() threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.terminate();
            throw new AssertionError("interrupted while closing the pool", e);
        }
    }
}
