package org.mproc.internal.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mproc.internal.wire.RuntimeThreads;

/**
 * Copies one of a child's output streams to the parent line by line, on its own daemon thread, and
 * keeps the last lines so a failure can show them. {@link #awaitEnd} returns once the child's end
 * of the pipe is closed and every line was delivered.
 */
public final class OutputPump {
    private static final int TAIL_LINES = 20;

    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final ArrayDeque<String> tail = new ArrayDeque<>(TAIL_LINES);

    OutputPump(InputStream stream, Consumer<String> sink, String threadName) {
        this.thread = RuntimeThreads.daemon(() -> pump(stream, sink), threadName);
    }

    OutputPump start() {
        thread.start();
        return this;
    }

    private void pump(InputStream stream, Consumer<String> sink) {
        try (stream) {
            LineSplitter lines = new LineSplitter(line -> {
                remember(line);
                try {
                    sink.accept(line);
                } catch (RuntimeException e) {
                    // A failing consumer must not stop the pump: the child would block on a full pipe.
                }
            });
            byte[] chunk = new byte[8192];
            for (int n = stream.read(chunk); n >= 0; n = stream.read(chunk)) {
                lines.feed(chunk, n);
            }
            lines.finish();
        } catch (IOException e) {
            // The stream was closed under us: the child is gone.
        } finally {
            ended.countDown();
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }
}
