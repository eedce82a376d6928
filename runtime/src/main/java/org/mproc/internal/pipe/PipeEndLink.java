package org.mproc.internal.pipe;

import java.io.EOFException;

/**
 * One end of a pipe as the process that claimed it uses it: values received wait in its
 * {@link PipeInbox}, values sent are bounded by its {@link PipeWindow}. How a value leaves and how
 * a receipt is reported depends on where the pipe is hosted: {@link LocalPipeLink} in this
 * process, {@link RemotePipeLink} over a connection of its own. Safe for any number of threads.
 *
 * <pre>
 *   state (closedBy)       send / recv / poll               close()
 *   open (null)            work                             → closed: tell the host, wake waiters
 *   closed (why)           IllegalStateException(why)       no-op
 * </pre>
 */
public abstract class PipeEndLink {
    final PipeInbox inbox = new PipeInbox();
    final PipeWindow window = new PipeWindow();
    private final String name;
    private volatile String closedBy; // the lifecycle, table above

    PipeEndLink(String name) {
        this.name = name;
    }

    /**
     * Sends {@code value}, waiting while the other end has a window's worth unread.
     *
     * @throws IllegalStateException if this end or the other one is closed
     * @throws org.mproc.ProcessException if the process hosting the pipe is gone
     */
    public final void send(byte[] value) throws InterruptedException {
        window.acquire(PipeWindow.cost(value));
        deliver(value);
    }

    /**
     * The next value, waiting up to {@code nanos} (−1: for ever); null if none came in time.
     *
     * @throws EOFException          once every value sent was received and the other end is closed
     * @throws IllegalStateException if this end is closed
     */
    public final byte[] recv(long nanos) throws InterruptedException, EOFException {
        PipeInbox.Taken taken = inbox.take(nanos);
        if (taken == null) {
            return null;
        }
        reportReceived(taken.received(), taken.drained());
        return taken.value();
    }

    /** Whether a value or the end of the stream is ready, waiting up to {@code nanos} (−1: for ever). */
    public final boolean poll(long nanos) throws InterruptedException {
        return inbox.poll(nanos);
    }

    /** Closes this end: the other end receives what was sent, then the end of the stream. Idempotent. */
    public final void close() {
        String why;
        synchronized (this) {
            if (closedBy != null) {
                return;
            }
            why = "the " + name + " was closed by process " + ProcessHandle.current().pid();
            closedBy = why;
        }
        inbox.closeHere(why);
        window.closeHere(why);
        release(why);
    }

    /** Whether {@link #close()} was called on this end in this process. */
    public final boolean isClosed() {
        return closedBy != null;
    }

    /** Hands {@code value} on towards the other end; its room was counted. */
    abstract void deliver(byte[] value);

    /** Tells the other end's sender that values costing {@code received} in all were received. */
    abstract void reportReceived(long received, boolean drained);

    /** Tells the host this end is closed. */
    abstract void release(String why);

    @Override
    public String toString() {
        return name + " (" + inbox + "; " + window + (closedBy == null ? ")" : "; closed)");
    }
}
