package org.mproc.queue;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import org.mproc.ChildProcess;
import org.mproc.testkit.Delays;

/**
 * Helpers shared by the {@code ProcessQueue*} tests: how long a call must stay blocked to count as
 * blocked, how to see that a thread is parked waiting for the host, and how to describe a child
 * that reported through its exit.
 */
final class QueueTesting {
    /**
     * How long a call that must block is watched before it is believed blocked: a negative check,
     * so it proves nothing about longer times, but a call that was not parked returns well within it.
     */
    static final Duration STILL_BLOCKED = Delays.scaled(Duration.ofMillis(300));

    private QueueTesting() {}

    /**
     * Waits until {@code t} is parked (WAITING): for a queue call that has sent its request, that
     * means it now waits for the host's answer. Warm the handle's link up first ({@code size()}),
     * or the thread may be seen parked while it opens the link.
     */
    static void awaitParked(Thread t) {
        await().atMost(Delays.SHORT).pollInterval(Duration.ofMillis(1))
                .until(() -> t.getState() == Thread.State.WAITING || !t.isAlive());
    }

    /** The child's exit and, if it failed, its exception: for assertion messages. */
    static String describe(ChildProcess child) {
        return child + child.failure().map(f -> " failed with " + f).orElse("");
    }
}
