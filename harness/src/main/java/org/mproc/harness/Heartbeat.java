package org.mproc.harness;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Says what is still running when a run has printed nothing for {@link #QUIET}: a hung trial waits
 * out its whole trial timeout, and a shrink may try several hung shapes, so without it a console
 * would go quiet for longer than the 10 s between progress lines a long job promises. Lines that
 * the run prints itself go through {@link #claim} or {@link #relaying}, so the two never crowd
 * each other.
 *
 * <pre>{@code
 * try (Heartbeat heartbeat = new Heartbeat("02f", console::println)) {
 *     heartbeat.starts("trial 0");     // … 02f: trial 0 still running after 5.0 s (5.0 s in all)
 *     runTheTrial();
 * }
 * }</pre>
 */
final class Heartbeat implements AutoCloseable {
    /** A "still running" line when nothing was printed for this long. */
    static final Duration QUIET = Duration.ofSeconds(5);
    private static final long CHECK_EVERY_MILLIS = 500;

    private final String label;
    private final Consumer<String> progress;
    private final long start;
    private final Thread thread;
    private long lastPrinted;
    private volatile long activityStart;
    private volatile String activity = "a step";

    /**
     * Starts the daemon thread that watches.
     *
     * @param label    how the lines name the run, e.g. {@code 02f CPython fork}
     * @param progress receives the lines, from the watching thread
     */
    Heartbeat(String label, Consumer<String> progress) {
        this.label = label;
        this.progress = progress;
        this.start = System.nanoTime();
        this.lastPrinted = start;
        this.activityStart = start;
        this.thread = new Thread(this::watch, "mproc-heartbeat " + label);
        thread.setDaemon(true);
        thread.start();
    }

    /** What runs from now on, as the lines name it: {@code trial 3}. */
    void starts(String what) {
        activityStart = System.nanoTime();
        activity = what;
    }

    /** Whether nothing was printed for {@code quiet}; if so, the caller prints now and the clock restarts. */
    synchronized boolean claim(long now, Duration quiet) {
        if (now - lastPrinted < quiet.toNanos()) {
            return false;
        }
        lastPrinted = now;
        return true;
    }

    /** {@code progress}, telling this heartbeat of every line it passes on. */
    Consumer<String> relaying(Consumer<String> progress) {
        return line -> {
            synchronized (this) {
                lastPrinted = System.nanoTime();
            }
            progress.accept(line);
        };
    }

    private void watch() {
        try {
            while (true) {
                Thread.sleep(CHECK_EVERY_MILLIS);
                long now = System.nanoTime();
                if (claim(now, QUIET)) {
                    progress.accept("  … " + label + ": " + activity + " still running after "
                            + Durations.seconds(Duration.ofNanos(now - activityStart)) + " ("
                            + Durations.seconds(Duration.ofNanos(now - start)) + " in all)");
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Stops watching; returns once the thread has ended, so no line comes after. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
