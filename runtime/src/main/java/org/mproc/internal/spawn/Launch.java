package org.mproc.internal.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.mproc.ProcessException;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.ExitFrame;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.TaskFailedFrame;
import org.mproc.internal.wire.RuntimeThreads;

/**
 * One child JVM seen from its parent: the process, its two output pumps, and its connection once
 * the child has authenticated. The child's exit is settled only when the process has ended, its
 * connection has been read to the end (so an orderly-exit or failure frame written just before
 * death is never missed) and both output streams are drained.
 *
 * <p>A connection can attach only while the process is alive; once the watcher has seen the exit,
 * a late attach is refused, so the exit verdict never changes after it is made.
 */
public final class Launch {
    /**
     * Loaded with this class, not when first used: a child's exit may first be handled while this
     * JVM shuts down, when a launcher such as {@code mvn exec:java} may already have closed the
     * class loader that loaded mproc (G-PROC-11).
     */
    private static final List<Class<?>> USED_AT_EXIT = List.of(ChildExit.class, AttachFiles.class, ExitCodes.class);
    /** After the process ended, how long its connection and pipes may take to reach end of stream. */
    private static final long DRAIN_GRACE_MS = Long.getLong("mproc.drainGraceMillis", 5_000);

    private final long token;
    private final Process process;
    private final OutputStream stdin;
    private final OutputPump out;
    private final OutputPump err;
    private final Sink stdoutSink;
    private final Sink stderrSink;
    private final CompletableFuture<Connection> attached = new CompletableFuture<>();
    private final CompletableFuture<ChildExit> exit = new CompletableFuture<>();
    private final CountDownLatch readerDone = new CountDownLatch(1);

    private final Consumer<Frame> otherFrames;
    /** A pool worker's connection carries chunk and answer: its reader spins while answers come quickly. */
    private final boolean spinWhileWaiting;
    private final ChildArchives.Use archive;
    private volatile boolean daemon;
    private Connection connection; // guarded by this
    private boolean exited; // guarded by this
    private volatile boolean orderlyExit;
    private volatile TaskFailedFrame failure;

    private Launch(LaunchSpec spec, Bootstrap.Role role, Class<?> main, Consumer<Frame> otherFrames) {
        if (ExitSequence.shuttingDown()) {
            // Nothing would terminate or wait for it: it would be an orphan (G-PROC-11).
            throw ExitSequence.refusal("cannot start a child JVM for " + spec.name());
        }
        this.otherFrames = otherFrames;
        this.spinWhileWaiting = role == Bootstrap.Role.POOL;
        this.archive = ChildArchives.plan(JvmCommand.build(spec.classPath(), spec.jvmOptions(), main));
        try {
            this.process = new ProcessBuilder(archive.command()).start();
        } catch (IOException e) {
            archive.settle(-1); // it never ran: nothing was written
            throw new ProcessException("cannot start a child JVM for " + spec.name() + ": " + e.getMessage(), e);
        }
        this.daemon = spec.daemon(); // before it is listed: the exit step reads it at once
        if (!LiveChildren.add(this)) {
            // The shutdown began while it was spawned; it has not read its bootstrap, so ran nothing.
            abandon();
            throw ExitSequence.refusal("cannot start a child JVM for " + spec.name());
        }
        // Only now the tree and the listener, which the first child of a cold parent finds missing:
        // the child's JVM boots meanwhile (~80 ms) and reads nothing before its bootstrap, so the
        // ~50 ms this JVM spends on them (the tree's secret and directory, the socket) overlap it.
        HostListener host;
        ProcessTree tree;
        try {
            host = HostListener.get();
            tree = ProcessTree.current();
        } catch (RuntimeException | Error e) {
            LiveChildren.remove(this);
            abandon();
            throw e;
        }
        this.token = Tokens.RANDOM.nextLong();
        host.expect(token, this);
        this.stdin = process.getOutputStream();
        String id = spec.name() + "-" + process.pid();
        this.stdoutSink = new Sink(spec.stdout());
        this.stderrSink = new Sink(spec.stderr());
        this.out = new OutputPump(process.getInputStream(), stdoutSink, "mproc-out-" + id).start();
        this.err = new OutputPump(process.getErrorStream(), stderrSink, "mproc-err-" + id).start();
        try {
            new Bootstrap(tree.directory(), host.path(), tree.secret(), token, role).writeTo(stdin);
        } catch (IOException e) {
            // The child died at once (bad JVM option?): the watcher reports its exit and stderr.
        }
        Thread watcher = RuntimeThreads.daemon(this::watch, "mproc-watch-" + id);
        watcher.start();
        if (!spec.daemon()) {
            keepAlive();
        }
    }

    /** Kills a child that has read nothing yet, so ran nothing, and waits for it. */
    private void abandon() {
        process.destroyForcibly();
        awaitProcessExit();
        archive.settle(-1);
    }

    /** Seeded at the first launch, after its child is spawned: seeding costs a cold JVM ~20 ms. */
    private static final class Tokens {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** Starts a child JVM running {@link WorkerMain}, which will run the task sent once it attaches. */
    public static Launch start(LaunchSpec spec) {
        return new Launch(spec, Bootstrap.Role.CHILD, WorkerMain.class, null);
    }

    /**
     * Starts a warm spare: a child that connects, prepares to decode a task, and waits for one.
     * It is a daemon and prints to this JVM's streams until {@link #claim claimed}.
     */
    public static Launch startSpare(String classPath, List<String> jvmOptions) {
        return new Launch(new LaunchSpec("spare", true, classPath, jvmOptions,
                line -> System.out.println(line), line -> System.err.println(line)),
                Bootstrap.Role.SPARE, WorkerMain.class, null);
    }

    /**
     * Starts a pool worker running {@code main}, an entry point that begins with
     * {@link WorkerMain#attach()} (spawn knows nothing of pools). Frames other than the child
     * protocol's own go to {@code frames}, on the connection's reader thread, in the order the
     * worker sent them.
     */
    public static Launch startPoolWorker(LaunchSpec spec, Class<?> main, Consumer<Frame> frames) {
        return new Launch(spec, Bootstrap.Role.POOL, main, frames);
    }

    /**
     * Gives a spare its identity: where its output goes and whether it keeps this JVM alive. Once
     * this JVM is shutting down a spare is not given work: it is terminated with the other daemons.
     */
    public void claim(boolean daemon, Consumer<String> stdout, Consumer<String> stderr) {
        if (ExitSequence.shuttingDown()) {
            throw ExitSequence.refusal("cannot start a child on a warm spare");
        }
        stdoutSink.target = stdout;
        stderrSink.target = stderr;
        this.daemon = daemon;
        if (!daemon) {
            keepAlive();
        }
    }

    /** A non-daemon child keeps this JVM alive until it exits, as in CPython. */
    private void keepAlive() {
        Thread keepAlive = new Thread(() -> awaitQuietly(exit), "mproc-keepalive-" + process.pid());
        keepAlive.setDaemon(false);
        keepAlive.start();
    }

    private static void awaitQuietly(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (RuntimeException ignored) {
            // The exit future never fails; nothing to report either way.
        }
    }

    public long pid() {
        return process.pid();
    }

    boolean daemon() {
        return daemon;
    }

    /** Completes when the child has authenticated; the caller sends it work from here. */
    public CompletableFuture<Connection> attached() {
        return attached;
    }

    /** Completes once the child is gone and everything it wrote has been read. */
    public CompletableFuture<ChildExit> exit() {
        return exit;
    }

    /**
     * SIGTERM; a no-op once the process has ended. Sent through the {@link ProcessHandle}:
     * {@code Process.destroy} also closes the child's output streams, and whatever the child wrote
     * just before the signal, still in the pipe, would be lost (G-PROC-4).
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL; a no-op once the process has ended. See {@link #terminate} for why not {@code Process}'s. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    void awaitProcessExit() {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, boundedly, for the watcher to finish with a child whose process has ended. */
    void awaitSettled() {
        try {
            exit.get(2 * DRAIN_GRACE_MS + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Leaving now is better than hanging the exit of this JVM.
        }
    }

    /** Runs on the listener's connection thread after HELLO: attach, then read until the end. */
    void serve(Connection c) {
        synchronized (this) {
            if (exited) {
                return;
            }
            connection = c;
        }
        try {
            c.uninterruptible(); // a pool's callers write chunks on it, and a user may interrupt them
            if (spinWhileWaiting) {
                c.spinWhileWaiting();
            }
            attached.complete(c);
            for (Frame frame = c.read(); frame != null; frame = c.read()) {
                receive(frame);
            }
        } catch (IOException e) {
            // A broken connection ends the reading; the process exit says the rest.
        } finally {
            readerDone.countDown();
        }
    }

    private void receive(Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case FrameTypes.TASK_FAILED:
                failure = TaskFailedFrame.from(frame);
                break;
            case FrameTypes.EXIT:
                ExitFrame.from(frame);
                orderlyExit = true;
                break;
            default:
                if (otherFrames == null) {
                    throw new ProtocolException("a child may not send " + frame);
                }
                otherFrames.accept(frame);
        }
    }

    private void watch() {
        awaitProcessExit();
        Connection c;
        synchronized (this) {
            exited = true;
            c = connection;
        }
        HostListener.get().forget(token);
        try {
            if (c != null && !readerDone.await(DRAIN_GRACE_MS, TimeUnit.MILLISECONDS)) {
                c.close(); // something else holds the socket open; what the child sent is in already
                readerDone.await();
            }
            out.awaitEnd(DRAIN_GRACE_MS, TimeUnit.MILLISECONDS);
            err.awaitEnd(DRAIN_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(c);
        attached.completeExceptionally(new ProcessException("child " + pid() + " exited before it connected"));
        int exitCode = ExitCodes.map(process.exitValue(), orderlyExit);
        // Even an orderly exit can be cut short by a signal after its EXIT frame went out.
        AttachFiles.removeOf(process.pid());
        archive.settle(exitCode); // before join() returns: the next child finds what this one trained
        LiveChildren.remove(this);
        exit.complete(new ChildExit(exitCode, failure, out.tail(), err.tail(), c != null));
    }

    private void closeQuietly(Connection c) {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // The pipe's reader is gone.
        }
        if (c != null) {
            c.close(); // no connection can attach any more: exited is set
        }
    }

    /** Output lines go to a target that a spare's claim can change. */
    private static final class Sink implements Consumer<String> {
        volatile Consumer<String> target;

        Sink(Consumer<String> target) {
            this.target = target;
        }

        @Override
        public void accept(String line) {
            target.accept(line);
        }
    }

    /** What to start and where its output goes. */
    public record LaunchSpec(String name, boolean daemon, String classPath, List<String> jvmOptions,
                             Consumer<String> stdout, Consumer<String> stderr) {}
}
