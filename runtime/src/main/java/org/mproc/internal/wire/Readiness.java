package org.mproc.internal.wire;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;

/**
 * Waits until a non-blocking channel can be read or written. Used by connections that must not be
 * closed by an interrupt: a blocking NIO read or write on an interrupted thread closes the channel
 * for every thread of the process, while non-blocking I/O and {@link Selector#select()} only wake
 * up. The caller keeps the interrupt status.
 */
public final class Readiness implements AutoCloseable {
    private final Selector selector;

    Readiness(SelectableChannel channel, int operation) throws IOException {
        this.selector = Selector.open();
        channel.register(selector, operation);
    }

    /**
     * Waits for readiness (or a wake-up); returns whether the thread was interrupted, with its
     * interrupt status cleared so the next wait blocks again.
     */
    boolean await() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            selector.select();
            selector.selectedKeys().clear();
        } catch (java.nio.channels.ClosedSelectorException closed) {
            throw new java.nio.channels.AsynchronousCloseException(); // the connection was closed
        }
        return interrupted | Thread.interrupted();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
