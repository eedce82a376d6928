package org.mproc.internal.wire;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * Runs an action when a deadline passes, unless it was cancelled first: a handshake that takes too
 * long, a queue or lock wait with a timeout. One thread for the whole process, started with the
 * first deadline.
 *
 * <p>The thread ends when it is interrupted, and the next deadline starts another: launchers that
 * run an application in a thread group of its own ({@code mvn exec:java}) interrupt every thread
 * left in it when {@code main} returns and wait for each to end (G-PROC-11); a {@link java.util.Timer}
 * or a scheduled executor ignores the interrupt and holds up that exit by 15 s. Not a scheduled
 * executor also because a child pays for every class it loads: that machinery cost ~2.5 ms of a
 * cold child (reports/README.md). Tasks are named classes, not lambdas, for the same reason.
 */
public final class Deadlines {
    private static final Object LOCK = new Object();
    private static final PriorityQueue<Task> DUE = new PriorityQueue<>(); // guarded by LOCK
    private static long sequence; // guarded by LOCK: equal deadlines fire in the order they were set
    private static Thread runner; // guarded by LOCK; null while none runs

    private Deadlines() {}

    /**
     * Runs {@code action} on the deadlines thread once {@code delayNanos} have passed, unless the
     * returned alarm is closed first. The action must be quick: it holds up the deadlines after it.
     */
    public static Alarm after(long delayNanos, Runnable action) {
        return schedule(new RunTask(action), delayNanos);
    }

    static Alarm closeAfter(Duration deadline, Closeable target) {
        return schedule(new CloseTask(target), deadline.toNanos());
    }

    private static Alarm schedule(Task task, long delayNanos) {
        synchronized (LOCK) {
            task.due = System.nanoTime() + Math.max(0, delayNanos);
            task.order = sequence++;
            DUE.add(task);
            if (runner == null) {
                runner = new Runner();
                runner.start();
            }
            LOCK.notifyAll();
        }
        return task;
    }

    /** A deadline that can be called off; closing it after it fired, or twice, does nothing. */
    public interface Alarm extends AutoCloseable {
        @Override
        void close();
    }

    private abstract static class Task implements Alarm, Comparable<Task> {
        long due; // guarded by LOCK
        long order; // guarded by LOCK

        abstract void fire();

        @Override
        public void close() {
            synchronized (LOCK) {
                DUE.remove(this);
            }
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(due - other.due, 0); // nanoTime values compare by difference
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private static final class RunTask extends Task {
        private final Runnable action;

        RunTask(Runnable action) {
            this.action = action;
        }

        @Override
        void fire() {
            action.run();
        }
    }

    private static final class CloseTask extends Task {
        private final Closeable target;

        CloseTask(Closeable target) {
            this.target = target;
        }

        @Override
        void fire() {
            try {
                target.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    private static final class Runner extends Thread {
        Runner() {
            super(RuntimeThreads.group(), "mproc-deadlines");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Task next = awaitNext();
                    try {
                        next.fire();
                    } catch (RuntimeException e) {
                        // One failing action must not stop the deadlines after it.
                    }
                }
            } catch (InterruptedException e) {
                synchronized (LOCK) {
                    runner = null;
                    if (!DUE.isEmpty()) {
                        runner = new Runner(); // deadlines still set must fire all the same
                        runner.start();
                    }
                }
            }
        }

        private static Task awaitNext() throws InterruptedException {
            synchronized (LOCK) {
                while (true) {
                    Task head = DUE.peek();
                    if (head == null) {
                        LOCK.wait();
                        continue;
                    }
                    long wait = head.due - System.nanoTime();
                    if (wait <= 0) {
                        return DUE.poll();
                    }
                    LOCK.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
    }
}
