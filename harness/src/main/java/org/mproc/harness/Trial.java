package org.mproc.harness;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One trial on a thread of its own, so that a trial that hangs is seen as an outcome: after the
 * scenario's {@link Scenario#trialTimeout()} it is interrupted and reported as
 * {@code hang: no outcome within …}, which no table declares acceptable unless it says so.
 */
final class Trial {
    /** How long an interrupted trial gets to end what it started before the runner moves on. */
    private static final Duration CLEANUP = Duration.ofSeconds(15);

    private final Scenario scenario;
    private final TrialContext context;

    Trial(Scenario scenario, TrialContext context) {
        this.scenario = scenario;
        this.context = context;
    }

    Outcome run() {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(scenario.runOnce(context));
            } catch (Throwable t) {
                result.complete(Outcome.threw(t));
            }
        }, "mproc-trial-" + scenario.id() + "-" + context.index());
        thread.setDaemon(true);
        thread.start();
        Duration timeout = scenario.trialTimeout();
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            awaitEnd(thread);
            return Outcome.of("hang: no outcome within " + Durations.format(timeout));
        } catch (ExecutionException e) {
            return Outcome.threw(e.getCause());
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            awaitEnd(thread);
            return Outcome.of("interrupted: the run was stopped");
        }
    }

    private static void awaitEnd(Thread thread) {
        try {
            thread.join(CLEANUP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
