package org.mproc.pipe;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;

/**
 * Helpers shared by the pipe tests: how long a call must stay blocked to count as blocked, the
 * bound within which a death must be seen, calls on threads of their own, and how to describe a
 * child.
 */
final class PipeTesting {
    /**
     * How long a call that must block is watched before it is believed blocked: a negative check,
     * so it proves nothing about longer times, but a call that was not waiting returns well within it.
     */
    static final Duration STILL_BLOCKED = Delays.scaled(Duration.ofMillis(300));
    /** G-PIPE-4 says about 1 s from a death to the end of the stream; generous, as tests must be. */
    static final Duration DEATH_SEEN = Delays.SHORT;

    private PipeTesting() {}

    /** Runs {@code c} on a thread of its own; the future has its result or what it threw. */
    static <T> CompletableFuture<T> call(String name, Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** Waits until {@code t} waits (WAITING or TIMED_WAITING), or has ended. */
    static void awaitWaiting(Thread t) {
        await().atMost(Delays.SHORT).pollInterval(Duration.ofMillis(1))
                .until(() -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING
                        || !t.isAlive());
    }

    /** The child's exit and, if it failed, its exception: for assertion messages. */
    static String describe(ChildProcess child) {
        return child + child.failure().map(f -> " failed with " + f).orElse("");
    }
}
