package org.mproc.scenarios.trial;

import java.time.Duration;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.mproc.ChildProcess;
import org.mproc.ProcessQueue;
import org.mproc.ProcessTask;

/**
 * The child processes of one graded trial: their output kept off the console (a trial prints
 * nothing), every wait bounded by the trial's deadline and cut short when a child fails, and all of
 * them reaped by {@link #close()}, killed first if still running (G-HAR-2).
 *
 * <pre>{@code
 * try (TrialChildren children = new TrialChildren(Duration.ofSeconds(30))) {
 *     children.start("producer", () -> queue.put(42));
 *     Integer got = children.await(queue);   // or TrialChildren.Stopped: a child failed or hung
 *     children.joinAll();
 * }
 * }</pre>
 */
public final class TrialChildren implements AutoCloseable {
    /** How often a wait looks at whether a child has failed. */
    private static final Duration SLICE = Duration.ofMillis(100);
    /** How long {@link #close()} waits for each killed child to be gone. */
    private static final Duration REAP = Duration.ofSeconds(10);
    /** How often {@link #until} asks again: each ask may be a round trip to a manager. */
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int KEPT_LINES = 5;

    private final long deadline;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Deque<String> lastLines = new ArrayDeque<>(); // guarded by itself
    /** Children this trial killed on purpose: their exit code is not a failure. */
    private final Set<ChildProcess> killed = new HashSet<>();

    /** @param patience how long, from now, the trial's children may take to do everything asked */
    public TrialChildren(Duration patience) {
        this.deadline = System.nanoTime() + patience.toNanos();
    }

    /** A trial that cannot go on: a child failed or did not finish in time. Its message is the outcome. */
    public static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;

        Stopped(String outcome) {
            super(outcome, null, false, false);
        }
    }

    public ChildProcess start(String name, ProcessTask task) {
        ChildProcess child = ChildProcess.builder().name(name).target(task).output(this::keep).build();
        children.add(child);
        child.start();
        return child;
    }

    /** The next element of {@code queue}, waiting while every child is alive or ended well. */
    public <T> T await(ProcessQueue<T> queue) throws InterruptedException, Stopped {
        while (true) {
            T got = queue.poll(SLICE);
            if (got != null) {
                return got;
            }
            checkFailures();
            if (System.nanoTime() - deadline > 0) {
                throw new Stopped("hang: nothing arrived before the trial's deadline");
            }
        }
    }

    /**
     * Waits until {@code condition} holds, asking every 20 ms, while every child is alive or ended
     * well: a bounded wait on observable state, never a sleep that hopes.
     *
     * @param what what is awaited, for the outcome when it never comes: {@code "hang: " + what}
     */
    public void until(BooleanSupplier condition, String what) throws InterruptedException, Stopped {
        while (!condition.getAsBoolean()) {
            checkFailures();
            if (System.nanoTime() - deadline > 0) {
                throw new Stopped("hang: " + what + " by the trial's deadline");
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting until " + what);
            }
        }
    }

    /**
     * Sends {@code SIGKILL} to one of this trial's children by its pid ({@link WorkerKill#killChild})
     * and waits until it is gone; from then on its exit code (-9) is not counted as a failure.
     *
     * @return the child's exit code, -9 unless it had ended by itself first
     */
    public int sigkill(ChildProcess child) throws IOException, InterruptedException, Stopped {
        if (!children.contains(child)) {
            throw new IllegalArgumentException("not a child of this trial: " + child.name());
        }
        killed.add(child);
        WorkerKill.killChild(child.pid());
        long until = System.nanoTime() + REAP.toNanos();
        while (!child.join(SLICE)) {
            if (System.nanoTime() - until > 0) {
                throw new Stopped("hang: " + child.name() + " still alive " + REAP.toSeconds() + " s after kill -9");
            }
        }
        return child.exitCode().orElseThrow();
    }

    /** Waits until every child has exited, each with code 0 (a child killed by {@link #sigkill} excepted). */
    public void joinAll() throws InterruptedException, Stopped {
        join(children);
    }

    /** Waits until each of {@code some} has exited with code 0 (and no other child has failed). */
    void join(List<ChildProcess> some) throws InterruptedException, Stopped {
        for (ChildProcess child : some) {
            while (!child.join(SLICE)) {
                checkFailures();
                if (System.nanoTime() - deadline > 0) {
                    throw new Stopped("hang: " + child.name() + " still running at the trial's deadline");
                }
            }
        }
        checkFailures();
    }

    private void checkFailures() throws Stopped {
        for (ChildProcess child : children) {
            if (killed.contains(child)) {
                continue;
            }
            OptionalInt code = child.exitCode();
            if (code.isPresent() && code.getAsInt() != 0) {
                String why = child.failure().map(t -> t.getClass().getName() + ": " + t.getMessage())
                        .orElseGet(this::lastLines);
                throw new Stopped("child failed: " + child.name() + " exited with " + code.getAsInt()
                        + " (" + why.replace('\n', ' ') + ")");
            }
        }
    }

    private void keep(String line) {
        synchronized (lastLines) {
            if (lastLines.size() == KEPT_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }

    private String lastLines() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "no output" : String.join(" | ", lastLines);
        }
    }

    /**
     * Runs every step, each with the interrupt status cleared, then restores it: an interrupted
     * trial must still close what it opened (a manager's {@code close} would otherwise stop waiting
     * for its server). The first step to throw is rethrown once all have run.
     */
    public static void cleanUp(Runnable... steps) {
        boolean interrupted = Thread.interrupted();
        RuntimeException first = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
    }

    /** Kills the children still running and waits for every one to be gone, even when interrupted. */
    @Override
    public void close() {
        reap(children);
    }

    /**
     * Kills those of {@code children} still running and waits up to ten seconds each for them to be
     * gone; an interrupt does not cut the wait short (the trial must end what it started) and is
     * kept for the caller.
     */
    public static void reap(List<ChildProcess> children) {
        boolean interrupted = false;
        for (ChildProcess child : children) {
            if (child.isAlive()) {
                child.kill();
            }
        }
        for (ChildProcess child : children) {
            long until = System.nanoTime() + REAP.toNanos();
            while (child.isAlive() && System.nanoTime() - until < 0) {
                try {
                    child.join(SLICE);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
