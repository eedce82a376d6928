package org.mproc.internal.pool;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.mproc.JvmShutdownException;
import org.mproc.ProcessException;
import org.mproc.TaskFailedException;
import org.mproc.WorkerDiedException;
import org.mproc.internal.pool.PoolFrames.ChunkFailedFrame;
import org.mproc.internal.pool.PoolFrames.ChunkFrame;
import org.mproc.internal.pool.PoolFrames.ForgetFrame;
import org.mproc.internal.pool.PoolFrames.InitFailedFrame;
import org.mproc.internal.pool.PoolFrames.InitFrame;
import org.mproc.internal.pool.PoolFrames.ReadyFrame;
import org.mproc.internal.pool.PoolFrames.ResultFrame;
import org.mproc.internal.pool.PoolFrames.StartedFrame;
import org.mproc.internal.pool.PoolFrames.StopFrame;
import org.mproc.internal.spawn.ChildExit;
import org.mproc.internal.spawn.ExitCodes;
import org.mproc.internal.spawn.ExitSequence;
import org.mproc.internal.spawn.Launch;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Failures;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.RuntimeThreads;

/**
 * The pool's dispatch state behind one lock: everything that happens — a submission, a frame from
 * a worker, a worker's exit — is an event run under it, one at a time, on the thread it happens
 * on: a caller's (its submission is written to a worker from there), a worker's connection reader
 * (a result), an exit watcher. No event waits for another thread, so an {@code apply} costs no
 * hand-off before its chunk is on the wire. The workers' connections are uninterruptible, so a
 * caller interrupted during a write does not close a worker's socket. A worker's frames are handled before its
 * exit (the exit is known only after its connection was read to the end), so a result written
 * just before death is never lost. User-visible futures are completed on a separate executor: a
 * callback that blocks or throws cannot stall dispatch (G-POOL-8); the futures behind blocking
 * {@code map} and {@code apply} have no callbacks and are completed in place.
 */
public final class PoolEngine {
    /** The most chunks a worker holds at once: the one it runs and those ready behind it ({@link ChunkPace}). */
    public static final int MAX_PREFETCH = ChunkPace.DEEP;
    /**
     * The most chunk bytes sent to a worker that is still busy. A worker reads its socket only
     * between chunks, so prefetched chunks wait in the socket's buffer (~208 KiB here); more than
     * fit would block this write, and all dispatch with it, until the worker's current chunk ends.
     * A larger chunk waits for an idle worker, which costs it one round trip.
     */
    static final int PREFETCH_MAX_BYTES = 64 * 1024;
    /** How long a worker whose connection failed under a write may take to exit on its own. */
    private static final long SEND_FAILURE_GRACE_MS = 2_000;
    /**
     * How long the end of a worker killed by SIGINT waits before it is handled, so that a Ctrl-C is
     * seen as the shutdown it is (see {@link #ended}); well inside G-POOL-5's 1 s.
     */
    private static final long CTRL_C_GRACE_MS = 500;
    private static final int SIGINT = 2;
    /** Decoded functions a worker keeps; past this the least recently used is forgotten. */
    public static final int FUNCTIONS_PER_WORKER = 64;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PoolSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    /** How deep workers are fed; guarded by {@link #lock}. */
    private final ChunkPace pace = new ChunkPace();
    private final ExecutorService completions;
    private final List<PoolWorker> workers = new ArrayList<>();
    private final ArrayDeque<PoolChunk> pending = new ArrayDeque<>();
    private final List<PoolCall> calls = new ArrayList<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** Workers in a row that died before they were ready (reset by one that got ready); past the limit the pool breaks. */
    private static final int MAX_FAILED_STARTS = 3;
    private int failedStarts;

    /*
     * Lifecycle of the dispatch state, in the ThreadPoolExecutor style (PoolCalls keeps the
     * caller-facing one):
     *
     *   RUNNING ──close()──▶ CLOSING ──no call left, every worker exited──▶ STOPPED
     *   RUNNING, CLOSING ──terminate()──▶ TERMINATING ──every worker exited──▶ STOPPED
     *   RUNNING, CLOSING ──a worker cannot start──▶ BROKEN ──every worker exited──▶ STOPPED
     *   RUNNING, CLOSING, TERMINATING, BROKEN ──this JVM shuts down──▶ EXITING ──every worker exited──▶ STOPPED
     *
     *   submit      RUNNING, CLOSING: accepted (close finishes what was submitted, even a call that
     *               raced it); TERMINATING: fails (IllegalStateException); BROKEN: fails with the
     *               cause (ProcessException); EXITING: fails (JvmShutdownException); STOPPED: fails
     *               (JvmShutdownException while this JVM shuts down, else as above)
     *   close       RUNNING → CLOSING; otherwise nothing
     *   terminate   RUNNING, CLOSING → TERMINATING: calls fail, workers are killed; otherwise nothing
     *   this JVM shuts down (the exit sequence says so first, or any event that sees it)
     *               RUNNING … BROKEN → EXITING: calls fail as cancelled (JvmShutdownException),
     *               pending chunks are dropped, workers are marked stopping and left to the exit
     *               sequence, which terminates them (G-PROC-11); STOPPED: nothing
     *   a worker dies
     *               RUNNING: replaced; CLOSING: replaced only while chunks are pending; otherwise
     *               not (EXITING: its end was expected, never a WorkerDiedException)
     *   start a worker
     *               EXITING, or this JVM shuts down meanwhile: no worker is started, → EXITING
     *   a worker cannot start
     *               EXITING: nothing (the calls were cancelled already)
     *   any event   STOPPED: moot, dropped (a submission is failed, never lost)
     */
    private enum Phase { RUNNING, CLOSING, TERMINATING, BROKEN, EXITING, STOPPED }

    private Phase phase = Phase.RUNNING; // guarded by lock
    /** Why the pool broke; written once, under the lock, before the phase becomes BROKEN. */
    private volatile Throwable brokenBy;

    public PoolEngine(PoolSettings settings) {
        this.settings = settings;
        int id = POOLS.incrementAndGet();
        this.completions = Executors.newCachedThreadPool(r -> daemon(r, "mproc-pool-" + id + "-completion"));
        LivePools.add(this);
    }

    /** Runs {@code event} under the lock, here; false, without running it, once the pool has stopped. */
    private boolean post(Runnable event) {
        lock.lock();
        try {
            if (phase == Phase.STOPPED) {
                return false;
            }
            event.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a caller's event here, on the caller's thread, as any other event: the workers'
     * connections are uninterruptible, so an interrupt cannot close one under a write. If the pool
     * has stopped, {@code ifStopped} runs instead.
     */
    private void postFromCaller(Runnable event, Runnable ifStopped) {
        if (!post(event)) {
            ifStopped.run();
        }
    }

    private void postFromCaller(Runnable event) {
        postFromCaller(event, () -> { });
    }

    private static Thread daemon(Runnable r, String name) {
        return RuntimeThreads.daemon(r, name);
    }

    /** Starts every worker at once; the future completes when all have run the initializer. */
    public CompletableFuture<Void> start() {
        postFromCaller(() -> {
            for (int i = 0; i < settings.processes(); i++) {
                startWorker();
            }
        });
        return started;
    }

    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Queues the call's chunks; a call the pool can no longer run fails, it is never dropped. */
    public void submit(PoolCall call, List<PoolChunk> chunks) {
        postFromCaller(() -> {
            if (!exiting() && (phase == Phase.RUNNING || phase == Phase.CLOSING)) {
                calls.add(call);
                pending.addAll(chunks);
                dispatch();
            } else {
                failCall(call, refusal(call));
            }
        }, () -> call.future.completeExceptionally(refusal(call))); // stopped: no dispatch left to stall
    }

    /**
     * Why a submission cannot run: this JVM is shutting down, the pool broke (with its cause), or
     * it was stopped.
     */
    private RuntimeException refusal(PoolCall call) {
        if (ExitSequence.shuttingDown()) {
            return cancelledByExit(call);
        }
        Throwable cause = brokenBy;
        return cause != null ? new ProcessException("the pool is broken: " + cause.getMessage(), cause)
                : new IllegalStateException("the pool was terminated: no new work");
    }

    /** True once the pool broke (a worker could not start): every call fails with that cause. */
    public boolean broken() {
        return brokenBy != null;
    }

    /**
     * A cancelled call: its unstarted chunks are dropped; chunks already taken by a worker finish
     * unseen. Dispatch skips the chunks of a call whose future is cancelled from the moment it is
     * (see {@code sendNextChunk}); this event, which runs later, removes the call.
     */
    public void cancel(PoolCall call) {
        postFromCaller(() -> {
            if (call.fail()) {
                calls.remove(call);
                stopIfIdle();
            }
        });
    }

    /** Finishes submitted calls, then stops the workers. */
    public void close() {
        postFromCaller(() -> {
            if (phase == Phase.RUNNING) {
                phase = Phase.CLOSING;
            }
            stopIfIdle();
        });
    }

    /** Fails what is pending and kills the workers now. */
    public void terminate() {
        postFromCaller(() -> {
            if (phase != Phase.RUNNING && phase != Phase.CLOSING) {
                return; // already terminating, or broken: its calls failed and its workers are dying
            }
            phase = Phase.TERMINATING;
            for (PoolCall call : new ArrayList<>(calls)) {
                failCall(call, new ProcessException("the pool was terminated before call " + call.id + " finished"));
            }
            pending.clear();
            for (PoolWorker w : workers) {
                w.stop();
                w.launch.terminate();
            }
            stopIfIdle();
        });
    }

    private void startWorker() {
        if (exiting()) {
            return; // it would only be terminated with this JVM (G-PROC-11)
        }
        // A worker sends its first frame only after it got POOL_INIT, which is sent under the lock
        // after the holder is filled: the frame handler never sees an empty holder.
        PoolWorker[] holder = new PoolWorker[1];
        Launch launch;
        try {
            launch = Launch.startPoolWorker(new Launch.LaunchSpec("pool-worker", true, settings.classPath().value(),
                    settings.jvmOptions(), line -> System.out.println(line), line -> System.err.println(line)),
                    PoolWorkerMain.class, frame -> received(holder[0], frame));
        } catch (JvmShutdownException e) {
            exitWithJvm(); // the shutdown began while it was spawned; the launch ended it
            return;
        } catch (ProcessException e) {
            broken(e); // no JVM could be launched at all: say so now, not after the start timeout
            return;
        }
        PoolWorker worker = new PoolWorker(launch);
        holder[0] = worker;
        workers.add(worker);
        launch.attached().thenAccept(c -> post(() -> attached(worker, c)));
        launch.exit().thenAccept(e -> ended(worker, e));
    }

    /**
     * A worker killed by SIGINT was most likely hit by a Ctrl-C, which a terminal sends to the
     * whole foreground process group: this JVM got it too, and its shutdown is about to begin.
     * Handled at once, the worker's end would race that shutdown and might be reported as its
     * death, and the worker replaced; after a short grace it is seen as the shutdown (G-PROC-11). A
     * worker sent SIGINT on its own is still reported as dead within 1 s (G-POOL-5).
     */
    private void ended(PoolWorker worker, ChildExit exit) {
        if (exit.exitCode() == -SIGINT && !ExitSequence.shuttingDown()) {
            CompletableFuture.delayedExecutor(CTRL_C_GRACE_MS, TimeUnit.MILLISECONDS)
                    .execute(() -> post(() -> exited(worker, exit)));
        } else {
            post(() -> exited(worker, exit));
        }
    }

    // ---- events, all under the lock ----------------------------------------------------------

    private void attached(PoolWorker w, Connection c) {
        w.connection = c;
        if (w.state == PoolWorker.State.STOPPING) {
            return;
        }
        send(w, new InitFrame(settings.initializer()).toFrame());
    }

    /**
     * Called on the worker's connection thread. Results are decoded here, one thread per worker,
     * and handled here, under the lock, in the order the worker sent them.
     */
    void received(PoolWorker w, Frame frame) {
        Decoded decoded = frame.type() == FrameTypes.POOL_RESULT ? decode(frame) : null;
        post(() -> {
            try {
                if (decoded != null) {
                    handleResult(w, decoded);
                } else {
                    handle(w, frame);
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                w.launch.kill(); // a worker that breaks the protocol is replaced like a dead one
            }
        });
    }

    /** A chunk's results, or why they could not be read here. */
    private record Decoded(ResultFrame frame, List<Object> values, Throwable error) {}

    private Decoded decode(Frame frame) {
        ResultFrame r;
        try {
            r = ResultFrame.from(frame);
        } catch (ProtocolException e) {
            return new Decoded(null, null, e);
        }
        try {
            return new Decoded(r, r.decode(), null);
        } catch (Exception | LinkageError | StackOverflowError | AssertionError e) {
            // A result class's own readObject may throw anything: it fails the call, not this reader.
            return new Decoded(r, null, e);
        }
    }

    /** The class whose own deserialization code threw, when the stack says so. */
    private static String readingClass(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String m = frame.getMethodName();
            if (m.equals("readObject") || m.equals("readResolve") || m.equals("readExternal")
                    || m.equals("readObjectNoData")) {
                if (!frame.getClassName().startsWith("java.")) {
                    return " (thrown while reading a " + frame.getClassName() + ")";
                }
            }
        }
        return "";
    }

    private void handleResult(PoolWorker w, Decoded d) throws ProtocolException {
        if (d.frame() == null) {
            throw (ProtocolException) d.error();
        }
        PoolChunk chunk = answered(w, d.frame().callId(), d.frame().chunkIndex());
        if (chunk != null && d.error() != null) {
            failCall(chunk.call, new ProcessException("the results of " + chunk + " cannot be read here: "
                    + Failures.describe(d.error()) + readingClass(d.error()), d.error()));
        } else if (chunk != null && !chunk.call.done()) {
            List<Object> all = chunk.call.accept(chunk.index, d.values());
            if (all != null) {
                finishCall(chunk.call, all);
            }
        }
        afterChunk(w);
    }

    private void handle(PoolWorker w, Frame frame) throws IOException, ClassNotFoundException {
        switch (frame.type()) {
            case FrameTypes.POOL_READY:
                ReadyFrame.from(frame);
                if (w.state == PoolWorker.State.STARTING) {
                    w.state = PoolWorker.State.READY;
                    failedStarts = 0; // a start succeeded: the failed ones are no longer in a row
                }
                if (workers.stream().allMatch(x -> x.state != PoolWorker.State.STARTING)) {
                    started.complete(null);
                }
                dispatch();
                break;
            case FrameTypes.POOL_INIT_FAILED:
                Throwable cause = Failures.restore(InitFailedFrame.from(frame).failure());
                broken(new ProcessException("a pool worker's initializer failed: " + cause, cause));
                break;
            case FrameTypes.POOL_STARTED: {
                StartedFrame s = StartedFrame.from(frame);
                w.running = w.find(s.callId(), s.chunkIndex());
                w.runningSince = System.nanoTime();
                break;
            }
            case FrameTypes.POOL_CHUNK_FAILED: {
                ChunkFailedFrame f = ChunkFailedFrame.from(frame);
                PoolChunk chunk = answered(w, f.callId(), f.chunkIndex());
                if (chunk != null) {
                    failCall(chunk.call, new TaskFailedException(f.taskIndex(), w.pid(), Failures.restore(f.failure())));
                }
                afterChunk(w);
                break;
            }
            default:
                throw new ProtocolException("a pool worker may not send " + frame);
        }
    }

    private PoolChunk answered(PoolWorker w, long callId, int chunkIndex) {
        PoolChunk chunk = w.find(callId, chunkIndex);
        if (chunk != null) {
            w.inFlight.remove(chunk);
        }
        if (w.running == chunk && chunk != null) {
            w.running = null;
            pace.ran(System.nanoTime() - w.runningSince);
        }
        w.chunksRun++;
        return chunk;
    }

    private void afterChunk(PoolWorker w) {
        if (used(w) && w.state != PoolWorker.State.STOPPING && w.inFlight.isEmpty()) {
            retire(w);
        }
        dispatch();
        stopIfIdle();
    }

    /** Whether the worker has run its share of chunks (maxTasksPerChild). */
    private boolean used(PoolWorker w) {
        return settings.maxTasksPerChild() > 0 && w.chunksRun >= settings.maxTasksPerChild();
    }

    /**
     * A worker that has run its share exits and is replaced. It was never sent more than its share
     * (see {@link #dispatch}), so nothing it holds has to move: a chunk taken back from a live
     * worker might run twice.
     */
    private void retire(PoolWorker w) {
        w.stop();
        send(w, new StopFrame().toFrame());
        if (phase == Phase.RUNNING) {
            startWorker();
        }
    }

    private void exited(PoolWorker w, ChildExit exit) {
        exiting(); // first: a worker's end while this JVM shuts down is part of that, not a death
        workers.remove(w);
        PoolChunk running = w.running;
        if (running != null && !running.call.done()) {
            failCall(running.call, new WorkerDiedException(w.pid(), OptionalInt.of(exit.exitCode()),
                    running.firstTask, running.lastTask(), tail(exit), exit.outOfMemory()));
        }
        for (Iterator<PoolChunk> it = w.inFlight.descendingIterator(); it.hasNext(); ) {
            PoolChunk c = it.next();
            if (c != running) {
                pending.addFirst(c); // sent but never started: another worker runs it
            }
        }
        boolean failedStart = w.state == PoolWorker.State.STARTING;
        if (failedStart) {
            failedStarts++;
        }
        if (failedStart && (!started.isDone() || failedStarts >= MAX_FAILED_STARTS)) {
            // CPython respawns a worker that cannot start for ever (gh-87472); we give up and say why.
            String tail = tail(exit);
            broken(new ProcessException("a pool worker (pid " + w.pid() + ") died while starting ("
                    + ExitCodes.describe(OptionalInt.of(exit.exitCode())) + ")" + (tail.isEmpty() ? "" : "; " + tail)));
        } else if (w.state != PoolWorker.State.STOPPING && phase == Phase.RUNNING) {
            startWorker(); // replace the dead worker
        } else if (phase == Phase.CLOSING && !pending.isEmpty()) {
            startWorker(); // work is left that the remaining workers would not finish
        }
        dispatch();
        stopIfIdle();
    }

    private static String tail(ChildExit exit) {
        return exit.stderrTail().isEmpty() ? "" : "its last stderr lines:\n  " + String.join("\n  ", exit.stderrTail());
    }

    // ---- dispatch ----------------------------------------------------------------------------

    /**
     * Deals chunks level by level: every idle worker one, then each a second, and so on to the
     * pace's depth. A worker never holds more than {@link ChunkPace#SHALLOW} chunks of one call or
     * imap (G-POOL-4: the one it runs and one queued behind it). A chunk is queued behind a busy
     * worker only while more chunks wait than there are workers: the last few go to whichever
     * worker is free first, as CPython's workers pull them, so no worker sits idle at the end of a
     * call while another still holds two.
     */
    private void dispatch() {
        int deepest = pace.depth();
        for (int depth = 1; depth <= deepest; depth++) {
            for (PoolWorker w : workers) {
                if (w.inFlight.size() < depth && canTake(w)
                        && (depth == 1 || (pending.size() > workers.size() && fitsBehind(w, nextLive())))) {
                    sendNextChunk(w);
                }
            }
        }
    }

    /** The next pending chunk whose call is still live; dead ones before it are dropped. */
    private PoolChunk nextLive() {
        for (PoolChunk c = pending.peek(); c != null && (c.call.done() || c.call.future.isCancelled()); c = pending.peek()) {
            pending.poll();
        }
        return pending.peek();
    }

    private static boolean fitsBehind(PoolWorker w, PoolChunk next) {
        if (next == null) {
            return false;
        }
        long bytes = size(next);
        int sameGroup = 0;
        for (PoolChunk c : w.inFlight) {
            bytes += size(c);
            sameGroup += c.call.group == next.call.group ? 1 : 0;
        }
        return bytes <= PREFETCH_MAX_BYTES && sameGroup < ChunkPace.SHALLOW;
    }

    private static long size(PoolChunk c) {
        return c.items.length + c.call.function.length;
    }

    private boolean canTake(PoolWorker w) {
        return w.state == PoolWorker.State.READY && !pending.isEmpty()
                && (settings.maxTasksPerChild() == 0 || w.chunksRun + w.inFlight.size() < settings.maxTasksPerChild());
    }

    /** Sends the next live pending chunk to {@code w}, skipping chunks of calls that already ended. */
    private void sendNextChunk(PoolWorker w) {
        for (PoolChunk chunk = pending.poll(); chunk != null; chunk = pending.poll()) {
            // A cancelled future is seen here at once, even before cancel(call) has run under the
            // lock: no chunk is handed out after the caller's cancel() returned, even when a
            // worker's answer triggers dispatch in between (G-POOL-8).
            if (chunk.call.done() || chunk.call.future.isCancelled()) {
                continue; // the call failed or was cancelled: its unstarted chunks are dropped
            }
            w.inFlight.add(chunk);
            boolean first = w.functions.put(chunk.call.functionId, Boolean.TRUE) == null;
            send(w, new ChunkFrame(chunk.call.id, chunk.index, chunk.firstTask, chunk.call.functionId,
                    first ? chunk.call.function : new byte[0], chunk.items).toFrame());
            if (w.functions.size() > FUNCTIONS_PER_WORKER) {
                Long eldest = w.functions.keySet().iterator().next();
                w.functions.remove(eldest);
                send(w, new ForgetFrame(eldest).toFrame());
            }
            return;
        }
    }

    private void send(PoolWorker w, Frame frame) {
        try {
            w.connection.send(frame);
        } catch (IOException e) {
            // The worker closed its end, which it does only while exiting (a task may call
            // System.exit): killing it now would turn its own exit code into SIGKILL's. Its exit
            // re-dispatches what it held; one that lingers with a dead connection is killed.
            Launch launch = w.launch;
            CompletableFuture.delayedExecutor(SEND_FAILURE_GRACE_MS, TimeUnit.MILLISECONDS).execute(() -> {
                if (!launch.exit().isDone()) {
                    launch.kill();
                }
            });
        }
    }

    private void finishCall(PoolCall call, List<Object> results) {
        calls.remove(call);
        complete(call, () -> call.future.complete(results));
    }

    private void failCall(PoolCall call, RuntimeException failure) {
        if (call.fail()) {
            calls.remove(call);
            complete(call, () -> call.future.completeExceptionally(failure));
        }
    }

    private void complete(PoolCall call, Runnable completion) {
        if (call.exposed) {
            completions.execute(completion);
        } else {
            completion.run(); // only a waiting caller is behind it: no callback can run here
        }
    }

    private void broken(ProcessException cause) {
        if (phase == Phase.EXITING) {
            return; // the calls were cancelled already, and the workers are ended with this JVM
        }
        if (brokenBy == null) {
            brokenBy = cause;
        }
        started.completeExceptionally(cause);
        for (PoolCall call : new ArrayList<>(calls)) {
            failCall(call, cause);
        }
        pending.clear();
        phase = Phase.BROKEN;
        for (PoolWorker w : workers) {
            w.stop();
            w.launch.terminate();
        }
        stopIfIdle();
    }

    private void stopIfIdle() {
        if (phase == Phase.RUNNING || !calls.isEmpty()) {
            return;
        }
        for (PoolWorker w : workers) {
            if (w.stop()) {
                if (w.connection != null) {
                    send(w, new StopFrame().toFrame());
                } else {
                    w.launch.terminate();
                }
            }
        }
        if (workers.isEmpty()) {
            phase = Phase.STOPPED;
            LivePools.remove(this);
            completions.shutdown();
            stopped.complete(null);
        }
    }

    // ---- this JVM shuts down (G-PROC-11) -------------------------------------------------------

    /**
     * Called by the exit sequence before it terminates the workers, on the hook's thread: the calls
     * must have failed before the next step ends the workers.
     */
    void jvmExiting() {
        lock.lock();
        try {
            exitWithJvm();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether this JVM is shutting down; the first event to see it moves the pool to EXITING. The
     * exit sequence tells every pool first thing, but a worker's exit can be seen before that.
     */
    private boolean exiting() {
        if (ExitSequence.shuttingDown()) {
            exitWithJvm();
        }
        return phase == Phase.EXITING;
    }

    /**
     * → EXITING: every call fails as cancelled and nothing more is started or sent. The workers are
     * daemon children, which the exit sequence terminates next; each one's exit is then expected.
     */
    private void exitWithJvm() {
        if (phase == Phase.EXITING || phase == Phase.STOPPED) {
            return;
        }
        phase = Phase.EXITING;
        started.completeExceptionally(ExitSequence.refusal("the pool could not start"));
        for (PoolCall call : new ArrayList<>(calls)) {
            failCall(call, cancelledByExit(call));
        }
        pending.clear();
        for (PoolWorker w : workers) {
            w.stop();
        }
        stopIfIdle();
    }

    private static JvmShutdownException cancelledByExit(PoolCall call) {
        return ExitSequence.refusal("pool call " + call.id + " was cancelled");
    }
}
