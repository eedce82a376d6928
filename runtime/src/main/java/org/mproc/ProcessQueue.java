package org.mproc;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.mproc.wire.Codec;
import org.mproc.wire.FrameLimits;
import org.mproc.wire.FrameTypes;
import org.mproc.wire.QueueFrames.Reply;
import org.mproc.wire.QueueFrames.Status;

/**
 * A FIFO queue shared by the processes of one tree: every element put is taken exactly once, by
 * one consumer, in the order each producing thread put them (G-QUEUE-1); elements travel as copies
 * (G-QUEUE-3). When {@code put} returns the element is held: in the host's memory, or fully written
 * into this process's connection to the host, so no death of the producer — SIGKILL included —
 * can lose it, and joining a producer before the queue is drained never deadlocks (G-QUEUE-4,
 * unlike CPython's feeder thread, gh-73983).
 *
 * <pre>{@code
 * ProcessQueue<String> queue = ProcessQueue.create();
 * ChildProcess producer = new ChildProcess("producer", () -> queue.put("hello"));
 * producer.start();
 * String got = queue.take();     // "hello"
 * producer.join();
 * }</pre>
 *
 * <p>The creating process hosts the queue; a handle is {@code Serializable}, and a handle captured
 * by a child's task or a pool task reaches the same queue from there. A queue lives until
 * {@link #close()} or until its host exits; if the host dies, blocked and later calls fail with
 * {@link ProcessException} (G-QUEUE-6). {@code null} is a valid element.
 */
public class ProcessQueue<E> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String socket;
    private final long id;
    private transient volatile QueueLink link;

    ProcessQueue(QueueState state) {
        this.socket = QueueHost.get().socket().toString();
        this.id = state.id;
        this.link = new LocalQueueLink(state);
    }

    /** An unbounded queue hosted by this process. */
    public static <E> ProcessQueue<E> create() {
        return new ProcessQueue<>(QueueHost.get().create(0, false));
    }

    /** A queue of at most {@code capacity} elements: {@code put} blocks while it is full (G-QUEUE-2). */
    public static <E> ProcessQueue<E> create(int capacity) {
        return new ProcessQueue<>(QueueHost.get().create(requireCapacity(capacity), false));
    }

    static int requireCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        return capacity;
    }

    /** Adds {@code e}, waiting for room if the queue is bounded and full. */
    public void put(E e) throws InterruptedException {
        byte[] bytes = encode(e);
        if (link().bounded() && !awaitRoom(-1)) {
            throw new AssertionError("a put without a deadline cannot time out");
        }
        handOver(bytes);
    }

    /** Adds {@code e} unless the queue stays full for {@code timeout}; returns whether it was added. */
    public boolean offer(E e, Duration timeout) throws InterruptedException {
        long nanos = nanos(timeout);
        byte[] bytes = encode(e);
        if (link().bounded() && !awaitRoom(nanos)) {
            return false;
        }
        handOver(bytes);
        return true;
    }

    public void putAll(Collection<? extends E> es) throws InterruptedException {
        Objects.requireNonNull(es, "elements");
        for (E e : es) {
            put(e);
        }
    }

    private boolean awaitRoom(long nanos) throws InterruptedException {
        QueueLink l = link();
        Reply r = l.await(l.request(FrameTypes.QUEUE_CREDIT, nanos));
        if (r.status() == Status.CLOSED) {
            throw closed();
        }
        return r.status() == Status.OK;
    }

    private void handOver(byte[] bytes) {
        if (!link().put(bytes)) {
            throw closed();
        }
    }

    /** Removes the head, waiting while the queue is empty; throws {@link IllegalStateException} once closed and drained. */
    public E take() throws InterruptedException {
        return takeWithin(-1);
    }

    /** The head, or {@code null} if none arrives within {@code timeout}. */
    public E poll(Duration timeout) throws InterruptedException {
        return takeWithin(nanos(timeout));
    }

    /** The head, or {@code null} at once if the queue is empty. */
    public E poll() {
        try {
            return takeWithin(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while polling the queue", e);
        }
    }

    /** Moves up to {@code max} elements that are there now into {@code to}; returns how many. */
    public int drainTo(Collection<? super E> to, int max) {
        Objects.requireNonNull(to, "to");
        int n = 0;
        while (n < max) {
            byte[] bytes;
            try {
                bytes = link().take(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IllegalStateException closedAndDrained) {
                break;
            }
            if (bytes == null) {
                break;
            }
            to.add(decode(bytes));
            n++;
        }
        return n;
    }

    private E takeWithin(long nanos) throws InterruptedException {
        byte[] bytes = link().take(nanos);
        return bytes == null ? null : decode(bytes);
    }

    /**
     * About how many elements are waiting: those the host holds now. Elements already lent to a
     * consumer process in a batch and not yet taken there are not counted; others may change the
     * count at once.
     */
    public int size() {
        return ask(FrameTypes.QUEUE_SIZE).intAt(0);
    }

    /**
     * Closes the queue for every process: later puts throw {@link IllegalStateException}; takes
     * drain what remains, then throw it. Returns once no process can put any more (G-QUEUE-6).
     */
    public void close() {
        ask(FrameTypes.QUEUE_CLOSE);
    }

    Reply ask(byte type) {
        QueueLink l = link();
        try {
            Reply r = l.await(l.request(type, 0));
            if (r.status() == Status.ERROR) {
                throw new IllegalStateException(r.message());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for the queue's host", e);
        }
    }

    final QueueLink link() {
        QueueLink l = link;
        if (l == null) {
            QueueState local = QueueHost.local(socket, id);
            try {
                l = local != null ? new LocalQueueLink(local) : QueueClient.to(socket).open(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessException("interrupted while reaching the queue's host", e);
            }
            link = l;
        }
        return l;
    }

    static IllegalStateException closed() {
        return new IllegalStateException("the queue is closed");
    }

    private static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        try {
            return timeout.isZero() ? 0 : Math.max(1, timeout.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static byte[] encode(Object e) {
        byte[] bytes;
        try {
            bytes = Codec.standard().encode(e);
        } catch (NotSerializableException x) {
            throw new IllegalArgumentException("the element cannot be serialized: " + x.getMessage()
                    + " is not Serializable", x);
        } catch (IOException | RuntimeException | StackOverflowError x) {
            throw new IllegalArgumentException("the element cannot be serialized: " + x, x);
        }
        if (bytes.length > FrameLimits.maxFrame() - 64) {
            throw new IllegalArgumentException("the element serializes to " + bytes.length
                    + " bytes, over the frame limit of " + FrameLimits.maxFrame() + " bytes (-Dmproc.maxFrame)");
        }
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private E decode(byte[] bytes) {
        try {
            return (E) Codec.standard().decode(bytes);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ProcessException("an element taken from the queue cannot be read in this process: " + e, e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "#" + id + "@" + socket;
    }
}
