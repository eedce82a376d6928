package org.mproc.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a call that must fail, and tells a hang from a success: both fail the test, each with
 * its own message, instead of a test that waits for ever or a bare {@link TimeoutException}.
 *
 * <pre>{@code
 * Throwable cause = Futures.failureOf(pool.mapAsync(f, xs), Delays.SHORT);
 * assertInstanceOf(TaskFailedException.class, cause);
 * }</pre>
 */
public final class Futures {
    private Futures() {}

    /** The exception {@code call} fails with, unwrapped, within {@code bound}. */
    public static Throwable failureOf(CompletableFuture<?> call, Duration bound) throws InterruptedException {
        try {
            Object got = call.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the call was expected to fail but returned " + got);
        } catch (TimeoutException hang) {
            throw new AssertionError("the call hangs: neither failed nor returned within " + bound);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
