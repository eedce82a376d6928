package org.mproc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mproc.internal.spawn.ChildClassPath;
import org.mproc.internal.spawn.Launch;
import org.mproc.internal.wire.RuntimeThreads;

/**
 * Warm spare JVMs for {@link ChildProcess}: started ahead of time, connected, authenticated and
 * ready to decode a task, so that {@code start()} skips the JVM's start-up. A spare has run no
 * user code, so a child started on one is as isolated as a cold one (G-PROC-5 of
 * docs/GUARANTEES.md). Opt-in only: the runtime never keeps a JVM alive that the caller did not
 * ask for. Each spare taken is replaced in the background; when none is ready, a
 * child starts cold as usual.
 *
 * <pre>{@code
 * try (Spares spares = Spares.start(2)) {
 *     ChildProcess p = ChildProcess.builder().target(() -> System.out.println("warm")).spares(spares).build();
 *     p.start();   // a spare is already running: the task starts within milliseconds
 *     p.join();
 * }                // unused spares are stopped and reaped
 * }</pre>
 *
 * <p>Spares run with the JVM options given here; a child that uses them gets those options.
 * Unclaimed spares are daemons: they never keep this JVM alive. Thread-safe.
 */
public final class Spares implements AutoCloseable {
    private final int size;
    private final List<String> jvmOptions;
    /** Read off the class loaders of the code that started the spares (G-PROC-9). */
    private final ChildClassPath classPath;
    private final ConcurrentLinkedQueue<Launch> ready = new ConcurrentLinkedQueue<>();
    private final ExecutorService refill = Executors.newSingleThreadExecutor(
            RuntimeThreads.factory("mproc-spares-refill"));
    private volatile boolean closed;

    private Spares(int size, List<String> jvmOptions, ChildClassPath classPath) {
        this.size = size;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classPath = classPath;
    }

    /**
     * Starts {@code size} spares with mproc's default JVM options; returns without waiting for them
     * to be ready (see {@link #awaitReady}).
     *
     * @param size how many unclaimed spares to keep, at least 1
     * @return the running spares
     * @throws IllegalArgumentException if {@code size} is less than 1
     * @throws ProcessException         if a spare JVM cannot be launched
     */
    public static Spares start(int size) {
        return start(size, List.of());
    }

    /**
     * Starts {@code size} spares with extra JVM options, placed as
     * {@link ChildProcess.Builder#jvmOptions} places them; returns without waiting for them to be
     * ready.
     *
     * @param size       how many unclaimed spares to keep, at least 1
     * @param jvmOptions the extra options, copied; every child started on these spares runs with them
     * @return the running spares
     * @throws IllegalArgumentException if {@code size} is less than 1
     * @throws IllegalStateException    if no class path that loads the caller's classes can be
     *                                  found for the spares (G-PROC-9)
     * @throws NullPointerException     if {@code jvmOptions} or one of its elements is null
     * @throws ProcessException         if a spare JVM cannot be launched
     */
    public static Spares start(int size, List<String> jvmOptions) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool of spares needs at least one, got " + size);
        }
        Objects.requireNonNull(jvmOptions, "jvmOptions");
        Spares spares = new Spares(size, jvmOptions, ChildClassPath.resolve(null, "Spares",
                ChildClassPath.caller()));
        for (int i = 0; i < size; i++) {
            spares.ready.add(Launch.startSpare(spares.classPath.value(), spares.jvmOptions));
        }
        return spares;
    }

    /**
     * The extra JVM options the spares run with, which a child using them must accept.
     *
     * @return the options, unmodifiable
     */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /**
     * The pids of the live unclaimed spares, oldest first; a snapshot that a concurrent
     * {@code start()} may make stale at once.
     *
     * @return the pids, possibly empty
     */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Launch spare : ready) {
            if (!spare.exit().isDone()) {
                pids.add(spare.pid());
            }
        }
        return pids;
    }

    /**
     * How many spares are alive and unclaimed right now; a snapshot, like {@link #pids()}.
     *
     * @return the count, possibly 0
     */
    public int available() {
        return (int) ready.stream().filter(l -> !l.exit().isDone()).count();
    }

    /**
     * Waits until the full number of unclaimed spares is alive, connected and authenticated, so the
     * next {@code start()} finds one ready; a spare that died meanwhile is replaced first.
     *
     * @param timeout how long to wait at most
     * @return true when all spares are ready, false if that did not happen within {@code timeout}
     *         (always false once these spares are closed)
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Launch spare : this.ready) {
                if (spare.exit().isDone() && this.ready.remove(spare)) {
                    refillOne(); // a spare that died while waiting is replaced
                }
            }
            boolean ready = this.ready.size() >= size;
            for (Launch spare : this.ready) {
                ready &= spare.attached().isDone() && !spare.attached().isCompletedExceptionally();
            }
            if (ready) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Launch pending = null;
            for (Launch spare : this.ready) {
                if (!spare.attached().isDone()) {
                    pending = spare;
                    break;
                }
            }
            if (pending == null) {
                // A replacement is still being launched; look again shortly.
                Thread.sleep(Math.min(5, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                continue;
            }
            try {
                pending.attached().get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Dead or slow: the loop decides.
            }
        }
    }

    /**
     * The oldest live spare, or null when none is left or the spares run on another class path than
     * the child needs; a replacement starts in the background.
     */
    Launch take(ChildClassPath needed) {
        if (closed) {
            throw new IllegalStateException("these spares are closed");
        }
        if (!needed.value().equals(classPath.value())) {
            return null;
        }
        for (Launch spare = ready.poll(); spare != null; spare = ready.poll()) {
            refillOne();
            if (!spare.exit().isDone()) {
                return spare;
            }
        }
        return null;
    }

    private void refillOne() {
        refill.execute(() -> {
            if (!closed && ready.size() < size) {
                try {
                    ready.add(Launch.startSpare(classPath.value(), jvmOptions));
                } catch (JvmShutdownException e) {
                    // This JVM is exiting: no spare will be claimed any more (G-PROC-11).
                }
            }
        });
    }

    /**
     * Stops every unclaimed spare (SIGTERM) and waits until each has exited; children already
     * started on a spare run on. Afterwards a child built with these spares fails in
     * {@code start()} with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        refill.shutdown();
        try {
            refill.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Launch> unused = new ArrayList<>();
        for (Launch spare = ready.poll(); spare != null; spare = ready.poll()) {
            spare.terminate();
            unused.add(spare);
        }
        unused.forEach(spare -> spare.exit().join());
    }
}
