package org.mproc.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.mproc.ChildProcess;

/**
 * Reaps every child a test starts, in try-with-resources: whatever the test's outcome, the children
 * are killed (by pid, via the API) and joined before the test ends.
 *
 * <pre>{@code
 * try (Reaper reaper = new Reaper()) {
 *     ChildProcess p = reaper.start(TestChildren.builder("A", task));
 *     ...
 * }
 * }</pre>
 */
public final class Reaper implements AutoCloseable {
    private final List<ChildProcess> children = new ArrayList<>();

    /** Tracks {@code child} and starts it. */
    public ChildProcess start(ChildProcess child) {
        track(child);
        child.start();
        return child;
    }

    public synchronized ChildProcess track(ChildProcess child) {
        children.add(child);
        return child;
    }

    /** Joins {@code child} within the bound, failing the test (not hanging it) if it does not exit. */
    public static void joinWithin(ChildProcess child, Duration bound) throws InterruptedException {
        if (!child.join(bound)) {
            throw new AssertionError(child + " did not exit within " + bound + "\n" + ThreadDumps.of(child));
        }
    }

    /**
     * Kills and joins every tracked child. It throws nothing checked, so a try-with-resources needs
     * no handler for it; an interrupt while joining is kept (the flag set again) and the children
     * not seen to exit are reported.
     */
    @Override
    public synchronized void close() {
        List<ChildProcess> stuck = new ArrayList<>();
        for (ChildProcess child : children) {
            if (child.isAlive()) {
                child.kill();
            }
        }
        for (ChildProcess child : children) {
            try {
                if (isStarted(child) && !child.join(Delays.CHILD)) {
                    stuck.add(child);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stuck.add(child);
            }
        }
        children.clear();
        if (!stuck.isEmpty()) {
            throw new AssertionError("children not seen to exit after SIGKILL: "
                    + stuck.stream().map(ChildProcess::toString).collect(Collectors.joining(", ")));
        }
    }

    private static boolean isStarted(ChildProcess child) {
        try {
            child.pid();
            return true;
        } catch (IllegalStateException notStarted) {
            return false;
        }
    }
}
