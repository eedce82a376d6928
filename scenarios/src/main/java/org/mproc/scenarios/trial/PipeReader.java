package org.mproc.scenarios.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mproc.ProcessPipe;

/**
 * A thread of the trial that calls {@code recv} on one end of a pipe until it throws, keeping every
 * value in the order received and the exception that ended the stream (scenario 03f). The trial
 * watches its progress ({@link #awaitTaken}) and then waits, bounded, for how it ended.
 *
 * <pre>{@code
 * PipeReader reader = PipeReader.start(pipe.left(), "mproc-trial-03f-reader");
 * reader.awaitTaken(3, Duration.ofSeconds(5));            // it has received three values
 * PipeReader.Result r = reader.result(Duration.ofSeconds(8)); // null: recv still waiting
 * }</pre>
 *
 * @param <T> the values' type
 */
public final class PipeReader<T> {
    private final ProcessPipe.End<T> end;
    private final List<T> received = new ArrayList<>(); // guarded by itself
    private final Semaphore taken = new Semaphore(0);
    private final CompletableFuture<Result<T>> done = new CompletableFuture<>();
    private final Thread thread;

    /**
     * What the reader received, in order, and what its last {@code recv} threw.
     *
     * @param values the values received
     * @param end    the exception that ended the reading: {@link java.io.EOFException} at the end of the stream
     * @param <T>    the values' type
     */
    public record Result<T>(List<T> values, Throwable end) {}

    private PipeReader(ProcessPipe.End<T> end, String name) {
        this.end = end;
        this.thread = new Thread(this::read, name);
        thread.setDaemon(true);
    }

    /** Starts a reader of {@code end} on a daemon thread of its own. */
    public static <T> PipeReader<T> start(ProcessPipe.End<T> end, String name) {
        PipeReader<T> reader = new PipeReader<>(end, name);
        reader.thread.start();
        return reader;
    }

    private void read() {
        try {
            while (true) {
                T value = end.recv();
                synchronized (received) {
                    received.add(value);
                }
                taken.release();
            }
        } catch (Throwable t) {
            synchronized (received) {
                done.complete(new Result<>(List.copyOf(received), t));
            }
        }
    }

    /** Whether the reader has received at least {@code n} values within {@code timeout}. */
    public boolean awaitTaken(int n, Duration timeout) throws InterruptedException {
        if (!taken.tryAcquire(n, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        taken.release(n);
        return true;
    }

    /** How the reading ended, waiting up to {@code timeout}; null if {@code recv} is still waiting. */
    public Result<T> result(Duration timeout) throws InterruptedException {
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the reader never fails its future", e);
        }
    }

    /** Interrupts a reader still waiting and waits up to {@code timeout} for its thread to end. */
    public void stop(Duration timeout) {
        thread.interrupt();
        boolean interrupted = false;
        long until = System.nanoTime() + timeout.toNanos();
        while (thread.isAlive() && System.nanoTime() - until < 0) {
            try {
                thread.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
