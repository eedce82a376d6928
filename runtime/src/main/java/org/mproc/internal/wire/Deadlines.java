package org.mproc.internal.wire;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Closes a channel when a blocking step takes too long; the only timer thread the wire needs.
 * A {@link Timer} rather than a scheduled executor: a child pays for every class it loads, and the
 * executor machinery cost ~2.5 ms of a cold child (reports/README.md).
 */
public final class Deadlines {
    private static final Timer TIMER = new Timer("mproc-deadlines", true);

    private Deadlines() {}

    static Alarm closeAfter(Duration deadline, Closeable target) {
        CloseTask task = new CloseTask(target);
        TIMER.schedule(task, Math.max(1, deadline.toMillis()));
        return task;
    }

    private static final class CloseTask extends TimerTask implements Alarm {
        private final Closeable target;

        CloseTask(Closeable target) {
            this.target = target;
        }

        @Override
        public void run() {
            try {
                target.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }

        @Override
        public void close() {
            cancel();
        }
    }

    interface Alarm extends AutoCloseable {
        @Override
        void close();
    }
}
