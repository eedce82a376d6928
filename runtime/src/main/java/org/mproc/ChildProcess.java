package org.mproc;

import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.mproc.internal.spawn.ChildClassPath;
import org.mproc.internal.spawn.ChildExit;
import org.mproc.internal.spawn.CurrentProcess;
import org.mproc.internal.spawn.ExitCodes;
import org.mproc.internal.spawn.Launch;
import org.mproc.internal.spawn.WorkerMain;
import org.mproc.internal.wire.Failures;
import org.mproc.internal.wire.FrameLimits;
import org.mproc.internal.wire.RunTaskFrame;
import org.mproc.internal.wire.codec.Codec;

/**
 * Runs one {@link ProcessTask} in a fresh child JVM, like Python's {@code multiprocessing.Process}
 * with the spawn start method, and keeps CPython's contract for it (docs/GUARANTEES.md): its exit
 * codes — 0, 1 for an uncaught exception, n for {@code System.exit(n)}, −N for signal N (G-PROC-1);
 * its lifecycle (G-PROC-2); the child's uncaught exception through {@link #failure()} (G-PROC-3);
 * the child's output on this JVM's streams, complete when {@link #join()} returns (G-PROC-4);
 * spawn isolation (G-PROC-5); and nesting (G-PROC-8). No orphans (G-PROC-7): at a normal exit
 * this JVM waits for non-daemon children and terminates daemon ones, and when it is killed, even
 * by SIGKILL, its children exit within 2 s.
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
 * the class, before any process is spawned (G-PROC-6). A {@code ChildProcess} may be used from
 * several threads; it can be started once.
 *
 * <p>Signals (G-PROC-11). A child runs with {@code -Xrs}: a signal sent to the child itself ends it
 * at once, without its shutdown hooks ({@code exitCode()} −15 for SIGTERM, −2 for SIGINT). SIGTERM,
 * SIGINT or SIGHUP sent to this JVM runs its shutdown, as {@code System.exit} does: daemon children
 * are terminated, non-daemon children are waited for (as CPython's {@code atexit} joins them), and
 * from then on {@link #start()} fails with {@link JvmShutdownException}. A Ctrl-C in a terminal
 * reaches the whole foreground process group, children included, so each child ends at once on it
 * while this JVM shuts down. A SIGKILL runs nothing here: the children notice and exit within 2 s.
 */
public final class ChildProcess {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** RUN_TASK's own fields around the task bytes: two length words. */
    private static final int RUN_TASK_OVERHEAD = 8;

    /*
     * Lifecycle, in the ThreadPoolExecutor style. The state field says whether start() ran; that the
     * child has exited is not a second copy in this field but the launch's exit future, completed
     * once the process ended and both output streams were drained ("exited" below).
     *
     *   NEW ──start()──▶ STARTED ──process ended, output drained──▶ (exited)
     *
     *   start()     NEW → STARTED; STARTED: IllegalStateException
     *   join()      NEW: IllegalStateException; STARTED: waits until exited
     *   pid()       NEW: IllegalStateException
     *   terminate(), kill()
     *               NEW: IllegalStateException; STARTED: signal; exited: no-op
     *   exitCode(), failure()
     *               empty until exited
     */
    private enum State { NEW, STARTED }

    private final String name;
    private final ProcessTask target;
    private final boolean daemon;
    private final List<String> jvmOptions;
    private final List<Path> classPath;
    private final Consumer<String> output;
    private final Spares spares;

    private volatile State state = State.NEW;
    private volatile Launch launch;
    private Optional<Throwable> failure; // restored lazily, guarded by this

    /**
     * A non-daemon child with the given name and target and default options; use
     * {@link #builder()} for the others.
     *
     * @param name   the name shown in the child's failure report and in {@link #toString()}
     * @param target the work to run in the child
     * @throws NullPointerException if {@code name} or {@code target} is null
     */
    public ChildProcess(String name, ProcessTask target) {
        this(builder().name(name).target(target));
    }

    private ChildProcess(Builder b) {
        this.target = Objects.requireNonNull(b.target, "target");
        this.name = b.name != null ? b.name : "ChildProcess-" + COUNTER.incrementAndGet();
        this.daemon = b.daemon;
        this.jvmOptions = b.spares != null && !b.jvmOptionsSet ? b.spares.jvmOptions() : List.copyOf(b.jvmOptions);
        this.classPath = b.classPath;
        this.output = b.output;
        this.spares = b.spares;
        if (spares != null && b.jvmOptionsSet && !jvmOptions.equals(spares.jvmOptions())) {
            throw new IllegalArgumentException("ChildProcess " + name + " asks for JVM options " + jvmOptions
                    + " but its spares run with " + spares.jvmOptions());
        }
    }

    /**
     * Starts describing a child with more options than the constructor takes.
     *
     * @return a new builder, with no target set, non-daemon, on this JVM's streams
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This process as the tree sees it, as CPython's {@code current_process()} and
     * {@code parent_process()}: in a child its name (the one given to its {@code ChildProcess}, or
     * {@code PoolWorker-<pid>} in a pool worker), its pid and the pid of the process that started
     * it; in the root {@code MainProcess}, its pid and no parent (G-PROC-14).
     *
     * <pre>{@code
     * ChildProcess.Self me = ChildProcess.current();
     * System.out.println(me.name() + " " + me.pid() + " started by " + me.parentPid().orElse(-1));
     * }</pre>
     *
     * @return this process's name, pid and parent's pid
     */
    public static Self current() {
        long parent = CurrentProcess.parentPid();
        return new Self(CurrentProcess.name(), WorkerMain.ownPid(), parent > 0 ? OptionalLong.of(parent) : OptionalLong.empty());
    }

    /**
     * A process's view of itself ({@link #current()}).
     *
     * @param name      its name: {@code MainProcess} in the root
     * @param pid       its pid
     * @param parentPid the pid of the process that started it, read when it started (it stays the
     *                  same if that process dies); empty in the root
     */
    public record Self(String name, long pid, OptionalLong parentPid) {
        /**
         * Whether this is a child of an mproc process rather than the root.
         *
         * @return true in a child, false in the root
         */
        public boolean isChild() {
            return parentPid.isPresent();
        }
    }

    /**
     * The child's name: the one given, or {@code ChildProcess-<n>} when none was.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether this JVM terminates the child at exit rather than waiting for it (G-PROC-7).
     *
     * @return true for a daemon child
     */
    public boolean daemon() {
        return daemon;
    }

    /**
     * Serializes the target, then spawns the child JVM (or claims a warm spare) and returns without
     * waiting for it to run. Serializing first is what makes a bad target fail here, in the caller,
     * with nothing spawned (G-PROC-6).
     *
     * @throws IllegalStateException    if this child was already started, or its {@link Spares} are
     *                                  closed, or no class path that loads the target's class can be
     *                                  found (G-PROC-9; the message names the class, its class loader
     *                                  and how to give one); nothing is spawned
     * @throws IllegalArgumentException if the target cannot be serialized (the message names the
     *                                  class) or is over the frame limit, or the builder's class
     *                                  path names an entry that does not exist; nothing is spawned
     * @throws JvmShutdownException     if this JVM is shutting down (G-PROC-11); nothing is spawned
     * @throws ProcessException         if the JVM cannot be launched
     */
    public void start() {
        byte[] task;
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("ChildProcess " + name + " was already started");
            }
            ChildClassPath path = ChildClassPath.resolve(classPath, "ChildProcess " + name, ChildClassPath.caller(),
                    target.getClass());
            task = serializeTarget();
            Launch started = spares == null ? null : spares.take(path);
            if (started != null) {
                started.claim(daemon, stdoutSink(), stderrSink());
            } else {
                started = Launch.start(new Launch.LaunchSpec(name, daemon, path.value(), jvmOptions, stdoutSink(),
                        stderrSink()));
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

    /**
     * Waits until the child has exited and all its output has been written to this JVM's streams
     * or the builder's {@code output} (G-PROC-4); returns at once if it already has.
     *
     * @throws IllegalStateException if the child was not started
     * @throws InterruptedException  if this thread is interrupted while waiting; the child runs on
     */
    public void join() throws InterruptedException {
        try {
            started().exit().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exit future never fails", e);
        }
    }

    /**
     * Like {@link #join()} but gives up after {@code timeout}; a timeout is an answer, not an
     * error (G-PROC-2).
     *
     * @param timeout how long to wait at most; zero or negative only looks
     * @return true if the child has exited and its output is written, false if the timeout passed
     * @throws IllegalStateException if the child was not started
     * @throws NullPointerException  if {@code timeout} is null
     * @throws InterruptedException  if this thread is interrupted while waiting; the child runs on
     */
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

    /**
     * The child's pid: the JVM's own, since no shell is involved, so signals sent to it reach the
     * child itself.
     *
     * @return the pid of the child process
     * @throws IllegalStateException if the child was not started
     */
    public long pid() {
        return started().pid();
    }

    /**
     * Whether the child is running: true from {@link #start()} until it has exited and its output
     * is written, when {@link #exitCode()} becomes present. Never throws, so it is safe before
     * {@code start()}.
     *
     * @return false before {@code start()} and after the child has exited
     */
    public boolean isAlive() {
        Launch l = launch;
        return l != null && !l.exit().isDone();
    }

    /**
     * How the child ended, with CPython's codes (G-PROC-1): 0 when the target returned, 1 for an
     * uncaught exception, n for {@code System.exit(n)}, −N when killed by signal N.
     *
     * @return empty before {@code start()} and while the child runs; then its exit code
     */
    public OptionalInt exitCode() {
        ChildExit e = exitIfDone();
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.exitCode());
    }

    /**
     * Why the child failed: the exception the target threw, restored here with the same class,
     * message and the child's stack frames (G-PROC-3), or a {@link RemoteTraceback} when it could
     * not travel; an {@link OutOfMemoryError} with the JVM's message when the child ran out of
     * memory (its exit code is then 3, G-PROC-12); or, for a child that exited before it connected
     * to this JVM (so its target never ran: a JVM option its {@code java} rejected, a class it could
     * not load), a {@link ProcessException} with its exit code and the last lines of its stderr
     * (G-PROC-10).
     *
     * @return empty until the child has exited, and empty for a child that did not fail (it
     *         returned, called {@code System.exit} or was killed by a signal)
     */
    public synchronized Optional<Throwable> failure() {
        ChildExit e = exitIfDone();
        if (e == null) {
            return Optional.empty();
        }
        if (failure == null) {
            failure = Optional.ofNullable(whyFailed(e));
        }
        return failure;
    }

    private Throwable whyFailed(ChildExit e) {
        if (e.failure() != null) {
            return Failures.restore(e.failure());
        }
        OutOfMemoryError outOfMemory = e.outOfMemory();
        if (outOfMemory != null) {
            return outOfMemory; // the JVM exited at the first one, before the task could report it
        }
        if (!e.connected() && e.exitCode() >= 0) {
            List<String> tail = e.stderrTail().isEmpty() ? e.stdoutTail() : e.stderrTail();
            return new ProcessException("ChildProcess " + name + " (pid " + launch.pid() + ") exited ("
                    + ExitCodes.describe(OptionalInt.of(e.exitCode())) + ") before it connected to its parent, "
                    + "so its target never ran" + (tail.isEmpty() ? "" : "; its last output:\n  "
                    + String.join("\n  ", tail)));
        }
        return null;
    }

    /**
     * Sends SIGTERM; the child runs with {@code -Xrs}, so it ends at once and its exit code becomes
     * −15. A no-op once the child has exited.
     *
     * @throws IllegalStateException if the child was not started
     */
    public void terminate() {
        started().terminate();
    }

    /**
     * Sends SIGKILL; the exit code becomes −9. A no-op once the child has exited.
     *
     * @throws IllegalStateException if the child was not started
     */
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

    /**
     * Options for a {@link ChildProcess}; {@code target} is required. Not thread-safe: a builder
     * belongs to the thread filling it in.
     */
    public static final class Builder {
        private String name;
        private ProcessTask target;
        private boolean daemon;
        private List<String> jvmOptions = List.of();
        private Consumer<String> output;
        private Spares spares;
        private boolean jvmOptionsSet;
        private List<Path> classPath;

        private Builder() {}

        /**
         * Names the child; without a name it is {@code ChildProcess-<n>}.
         *
         * @param name the name shown in the child's failure report and in {@code toString()}
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets the work the child runs; it is serialized by {@link ChildProcess#start()}, so what it
         * captures must be {@link java.io.Serializable}.
         *
         * @param target the work to run in the child
         * @return this builder
         * @throws NullPointerException if {@code target} is null
         */
        public Builder target(ProcessTask target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * A daemon child is terminated when this JVM exits; a non-daemon one is waited for, as in
         * CPython (G-PROC-7). The default is non-daemon.
         *
         * @param daemon whether the child is a daemon
         * @return this builder
         */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /**
         * Extra JVM options for the child, placed after mproc's defaults and
         * {@code -Dmproc.childJvmOptions}, so that on a conflict they win. With {@link #spares}, they
         * must equal the spares' options.
         *
         * <p>The child's max heap is mproc's default — physical memory / (4 × available
         * processors), within [512 MiB, 1 GiB], never above the JVM's own default of ¼ of physical
         * memory — unless these options or {@code -Dmproc.childJvmOptions} set it ({@code -Xmx},
         * {@code -XX:MaxHeapSize}, {@code -XX:MaxRAM}, {@code -XX:MaxRAMPercentage},
         * {@code -XX:MaxRAMFraction}); for example {@code jvmOptions(List.of("-Xmx4g"))}
         * (G-PROC-12; the package documentation lists every default a child starts with).
         *
         * @param jvmOptions the options, copied; empty by default
         * @return this builder
         * @throws NullPointerException if the list or one of its elements is null
         */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            this.jvmOptionsSet = true;
            return this;
        }

        /**
         * The class path the child JVM runs with, instead of the one mproc finds (G-PROC-9): by
         * default, the class path of the class loaders that loaded the target and mproc (the
         * system class path under {@code java -cp} or {@code java -jar}; a {@code URLClassLoader}'s
         * URLs under {@code mvn exec:java}, many servers and IDE runners). {@code -Dmproc.classPath}
         * sets it for every child of the tree. {@link #build()} does not check it;
         * {@link ChildProcess#start()} does.
         *
         * @param classPath directories and jars (an entry ending in {@code *} stands for every jar
         *                  in its directory, as for {@code java -cp}), copied
         * @return this builder
         * @throws NullPointerException if the list or one of its elements is null
         */
        public Builder classPath(List<Path> classPath) {
            this.classPath = List.copyOf(classPath);
            return this;
        }

        /**
         * Receives the child's stdout and stderr lines instead of this JVM's streams. It is called
         * from mproc's output threads, one per stream and possibly at the same time, so it must be
         * thread-safe.
         *
         * @param output the consumer of each line, without its line terminator
         * @return this builder
         * @throws NullPointerException if {@code output} is null
         */
        public Builder output(Consumer<String> output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Starts the child on a warm spare when one is ready, and cold otherwise (see
         * {@link Spares}); either way the child runs with the spares' JVM options.
         *
         * @param spares the spares to take from
         * @return this builder
         * @throws NullPointerException if {@code spares} is null
         */
        public Builder spares(Spares spares) {
            this.spares = Objects.requireNonNull(spares, "spares");
            return this;
        }

        /**
         * Creates the child, not yet started.
         *
         * @return a new child in its initial state
         * @throws NullPointerException     if no target was set
         * @throws IllegalArgumentException if {@link #jvmOptions} were set and differ from the
         *                                  {@link #spares}' options
         */
        public ChildProcess build() {
            return new ChildProcess(this);
        }
    }
}
