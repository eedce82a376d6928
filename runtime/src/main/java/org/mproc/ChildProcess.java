package org.mproc;

import java.io.IOException;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mproc.spawn.ChildExit;
import org.mproc.spawn.Launch;
import org.mproc.wire.Codec;
import org.mproc.wire.FrameLimits;
import org.mproc.wire.RunTaskFrame;

/**
 * Runs one {@link ProcessTask} in a fresh child JVM, like Python's {@code multiprocessing.Process}
 * with the spawn start method. Guarantees G-PROC-1 … G-PROC-8 of {@code GUARANTEES.md}: CPython's
 * exit codes (0, 1, {@code System.exit(n)}, −N for signal N), its lifecycle, the child's output on
 * the parent's streams, the child's exception through {@link #failure()}, and no orphans — when
 * this JVM is killed, even by SIGKILL, its children exit within 2 s.
 *
 * <pre>{@code
 * ChildProcess p = new ChildProcess("A", () -> System.out.println("hello from " + ProcessHandle.current().pid()));
 * p.start();
 * p.join();
 * assert p.exitCode().getAsInt() == 0;
 * }</pre>
 *
 * <p>The target travels by serialization: it and everything it captures must be
 * {@link java.io.Serializable}, or {@link #start()} throws {@link IllegalArgumentException} naming
 * the class, before any process is spawned.
 */
public final class ChildProcess {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** RUN_TASK's own fields around the task bytes: two length words. */
    private static final int RUN_TASK_OVERHEAD = 8;

    /*
     * Lifecycle, in the ThreadPoolExecutor style:
     *
     *   NEW ──start()──▶ STARTED ──process ended, output drained──▶ EXITED
     *
     *   start()     NEW → STARTED; in any other state: IllegalStateException
     *   join()      NEW: IllegalStateException; STARTED: waits; EXITED: returns at once
     *   pid()       NEW: IllegalStateException
     *   terminate(), kill()
     *               NEW: IllegalStateException; STARTED: signal; EXITED: no-op
     *   exitCode(), failure()
     *               empty until EXITED
     */
    private enum State { NEW, STARTED, EXITED }

    private final String name;
    private final ProcessTask target;
    private final boolean daemon;
    private final List<String> jvmOptions;
    private final Consumer<String> output;
    private final Spares spares;

    private volatile State state = State.NEW;
    private volatile Launch launch;
    private Optional<Throwable> failure; // restored lazily, guarded by this

    public ChildProcess(String name, ProcessTask target) {
        this(builder().name(name).target(target));
    }

    private ChildProcess(Builder b) {
        this.target = Objects.requireNonNull(b.target, "target");
        this.name = b.name != null ? b.name : "ChildProcess-" + COUNTER.incrementAndGet();
        this.daemon = b.daemon;
        this.jvmOptions = b.spares != null && !b.jvmOptionsSet ? b.spares.jvmOptions() : List.copyOf(b.jvmOptions);
        this.output = b.output;
        this.spares = b.spares;
        if (spares != null && b.jvmOptionsSet && !jvmOptions.equals(spares.jvmOptions())) {
            throw new IllegalArgumentException("ChildProcess " + name + " asks for JVM options " + jvmOptions
                    + " but its spares run with " + spares.jvmOptions());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    public boolean daemon() {
        return daemon;
    }

    /**
     * Serializes the target, then spawns the child JVM and returns without waiting for it.
     *
     * @throws IllegalStateException    if already started
     * @throws IllegalArgumentException if the target cannot be serialized (nothing is spawned)
     * @throws ProcessException         if the JVM cannot be launched
     */
    public void start() {
        byte[] task;
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("ChildProcess " + name + " was already started");
            }
            task = serializeTarget();
            Launch started = spares == null ? null : spares.take();
            if (started != null) {
                started.claim(daemon, stdoutSink(), stderrSink());
            } else {
                started = Launch.start(new Launch.LaunchSpec(name, daemon, jvmOptions, stdoutSink(), stderrSink()));
            }
            started.attached().thenAccept(connection -> {
                try {
                    connection.send(new RunTaskFrame(name, task).toFrame());
                } catch (IOException e) {
                    connection.close(); // the child died meanwhile; its exit tells the story
                }
            });
            launch = started;
            state = State.STARTED;
        }
        launch.exit().thenRun(() -> state = State.EXITED);
    }

    private byte[] serializeTarget() {
        try {
            byte[] bytes = Codec.standard().encode(target);
            if (bytes.length > FrameLimits.maxFrame() - RUN_TASK_OVERHEAD - name.length() * 3) {
                throw new IllegalArgumentException("the target of ChildProcess " + name + " serializes to "
                        + bytes.length + " bytes, over the frame limit of " + FrameLimits.maxFrame()
                        + " bytes (raise it with -Dmproc.maxFrame=<bytes>, or capture less)");
            }
            return bytes;
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the target of ChildProcess " + name + " cannot be serialized: "
                    + e.getMessage() + " is not Serializable (captured by " + target.getClass().getName()
                    + "); capture only serializable values", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the target of ChildProcess " + name
                    + " cannot be serialized: " + e, e);
        }
    }

    /** Waits until the child has exited and all its output has been written. */
    public void join() throws InterruptedException {
        try {
            started().exit().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit future never fails", e);
        }
    }

    /** Like {@link #join()} but gives up after {@code timeout}; returns whether the child has exited. */
    public boolean join(Duration timeout) throws InterruptedException {
        try {
            started().exit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit future never fails", e);
        }
        return true;
    }

    /** The child's pid; the JVM's own, since no shell is involved. */
    public long pid() {
        return started().pid();
    }

    /** True from {@link #start()} until the child has exited (then {@link #exitCode()} is present). */
    public boolean isAlive() {
        Launch l = launch;
        return l != null && !l.exit().isDone();
    }

    /** Empty until the child has exited; then CPython's exit code (−N for signal N). */
    public OptionalInt exitCode() {
        ChildExit e = exitIfDone();
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.exitCode());
    }

    /**
     * The child's uncaught exception, once it has exited: the same class, message and the child's
     * stack frames, or a {@link RemoteTraceback} when the exception could not travel.
     */
    public synchronized Optional<Throwable> failure() {
        ChildExit e = exitIfDone();
        if (e == null) {
            return Optional.empty();
        }
        if (failure == null) {
            failure = Optional.ofNullable(e.failure()).map(Failures::restore);
        }
        return failure;
    }

    /** Sends SIGTERM; the exit code becomes −15. A no-op once the child has exited. */
    public void terminate() {
        started().terminate();
    }

    /** Sends SIGKILL; the exit code becomes −9. A no-op once the child has exited. */
    public void kill() {
        started().kill();
    }

    private ChildExit exitIfDone() {
        Launch l = launch;
        if (l == null || !l.exit().isDone()) {
            return null;
        }
        return l.exit().join();
    }

    private Launch started() {
        Launch l = launch;
        if (l == null) {
            throw new IllegalStateException("ChildProcess " + name + " has not been started");
        }
        return l;
    }

    private Consumer<String> stdoutSink() {
        return output != null ? output : line -> System.out.println(line);
    }

    private Consumer<String> stderrSink() {
        return output != null ? output : line -> System.err.println(line);
    }

    @Override
    public String toString() {
        Launch l = launch;
        ChildExit e = exitIfDone();
        return "ChildProcess[" + name + (l == null ? " initial" : " pid=" + l.pid())
                + (e == null ? (l == null ? "" : " started") : " stopped " + e.exitCode()) + "]";
    }

    /** Options for a {@link ChildProcess}; {@code target} is required. */
    public static final class Builder {
        private String name;
        private ProcessTask target;
        private boolean daemon;
        private List<String> jvmOptions = List.of();
        private Consumer<String> output;
        private Spares spares;
        private boolean jvmOptionsSet;

        private Builder() {}

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder target(ProcessTask target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** A daemon child is terminated when this JVM exits; a non-daemon one is waited for. */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /** Extra JVM options for the child, after mproc's defaults (later options win). */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            this.jvmOptionsSet = true;
            return this;
        }

        /** Receives the child's stdout and stderr lines instead of this JVM's streams. */
        public Builder output(Consumer<String> output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Starts the child on a warm spare when one is ready (see {@link Spares}); the child then runs
         * with the spares' JVM options.
         */
        public Builder spares(Spares spares) {
            this.spares = Objects.requireNonNull(spares, "spares");
            return this;
        }

        public ChildProcess build() {
            return new ChildProcess(this);
        }
    }
}
