package org.mproc.wire;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Closes a channel when a blocking step takes too long; the only timer thread the wire needs. */
final class Deadlines {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mproc-deadlines");
        t.setDaemon(true);
        return t;
    });

    private Deadlines() {}

    static Alarm closeAfter(Duration deadline, Closeable target) {
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            try {
                target.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        return () -> alarm.cancel(false);
    }

    interface Alarm extends AutoCloseable {
        @Override
        void close();
    }
}
