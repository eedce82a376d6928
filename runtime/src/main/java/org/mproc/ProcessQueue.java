package org.mproc;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.mproc.internal.queue.LocalQueueLink;
import org.mproc.internal.queue.QueueClient;
import org.mproc.internal.queue.QueueHost;
import org.mproc.internal.queue.QueueLink;
import org.mproc.internal.queue.QueueReply;
import org.mproc.internal.queue.QueueState;
import org.mproc.internal.wire.FrameLimits;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.codec.Codec;

/**
 * A FIFO queue shared by the processes of one tree (docs/GUARANTEES.md): every element put is
 * taken exactly once, by one consumer, in the order each producing thread put them (G-QUEUE-1);
 * elements travel as copies (G-QUEUE-3). When {@code put} returns the element is held: in the
 * host's memory, or fully written into this process's connection to the host, so no death of the
 * producer — SIGKILL included — can lose it, and joining a producer before the queue is drained
 * never deadlocks (G-QUEUE-4, unlike CPython's feeder thread, gh-73983).
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
 * {@link ProcessException} within 1 s (G-QUEUE-6). Blocking calls wait as CPython's do, with
 * {@code null} or {@code false} rather than an exception on timeout (G-QUEUE-2); an element that
 * cannot be serialized fails {@code put} in the caller and leaves the queue unchanged (G-QUEUE-5).
 * {@code null} is a valid element. A handle may be shared by threads.
 *
 * @param <E> the element type
 */
public class ProcessQueue<E> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the host listens: the socket path a handle in another process connects to. */
    private final String socket;
    /** The queue's number within its host. */
    private final long id;
    private transient volatile QueueLink link;

    ProcessQueue(QueueState state) {
        this.socket = QueueHost.get().socket().toString();
        this.id = state.id;
        this.link = new LocalQueueLink(state);
    }

    /**
     * An unbounded queue hosted by this process: {@code put} never waits for room.
     *
     * @param <E> the element type
     * @return a handle to the new queue
     */
    public static <E> ProcessQueue<E> create() {
        return new ProcessQueue<>(QueueHost.get().create(0, false));
    }

    /**
     * A queue of at most {@code capacity} elements, hosted by this process: {@code put} blocks while
     * it is full (G-QUEUE-2). The host grants room as put credits before a producer sends, so a
     * producer without a credit waits rather than overfilling the queue (G-QUEUE-4).
     *
     * @param <E>      the element type
     * @param capacity the most elements the queue holds, at least 1
     * @return a handle to the new queue
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static <E> ProcessQueue<E> create(int capacity) {
        return new ProcessQueue<>(QueueHost.get().create(requireCapacity(capacity), false));
    }

    static int requireCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        return capacity;
    }

    /**
     * Adds {@code e}, waiting for room if the queue is bounded and full (G-QUEUE-2). When it
     * returns, the element is held and no death of this process can lose it (G-QUEUE-4).
     *
     * @param e the element, serialized now, so later changes to it are not seen (G-QUEUE-3); may be
     *          null
     * @throws IllegalArgumentException if {@code e} cannot be serialized or is over the frame limit;
     *                                  the queue is unchanged (G-QUEUE-5)
     * @throws IllegalStateException    if the queue is closed (G-QUEUE-6)
     * @throws ProcessException         if the queue's host has died (G-QUEUE-6)
     * @throws InterruptedException     if this thread is interrupted while waiting for room; the
     *                                  element was not added
     */
    public void put(E e) throws InterruptedException {
        byte[] bytes = encode(e);
        if (link().bounded() && !awaitRoom(-1)) {
            throw new AssertionError("a put without a deadline cannot time out");
        }
        handOver(bytes);
    }

    /**
     * Adds {@code e} unless the queue stays full for {@code timeout} (G-QUEUE-2); an unbounded
     * queue always takes it.
     *
     * @param e       the element, serialized now; may be null
     * @param timeout how long to wait for room at most; zero does not wait
     * @return true if the element was added, false if no room came in time
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative, or {@code e} cannot be
     *                                  serialized or is over the frame limit (G-QUEUE-5)
     * @throws IllegalStateException    if the queue is closed (G-QUEUE-6)
     * @throws ProcessException         if the queue's host has died (G-QUEUE-6)
     * @throws InterruptedException     if this thread is interrupted while waiting for room
     */
    public boolean offer(E e, Duration timeout) throws InterruptedException {
        long nanos = nanos(timeout);
        byte[] bytes = encode(e);
        if (link().bounded() && !awaitRoom(nanos)) {
            return false;
        }
        handOver(bytes);
        return true;
    }

    /**
     * Puts each element in turn, in the collection's iteration order; not atomic: another
     * producer's elements may come between them, and a failure leaves the ones before it put.
     *
     * @param es the elements; null elements are fine
     * @throws NullPointerException     if {@code es} is null
     * @throws IllegalArgumentException if an element cannot be serialized (the ones before it stay
     *                                  put)
     * @throws IllegalStateException    if the queue is closed
     * @throws ProcessException         if the queue's host has died (G-QUEUE-6)
     * @throws InterruptedException     if this thread is interrupted while waiting for room
     */
    public void putAll(Collection<? extends E> es) throws InterruptedException {
        Objects.requireNonNull(es, "elements");
        for (E e : es) {
            put(e);
        }
    }

    private boolean awaitRoom(long nanos) throws InterruptedException {
        return link().awaitRoom(nanos);
    }

    private void handOver(byte[] bytes) {
        if (!link().put(bytes)) {
            throw QueueLink.closed();
        }
    }

    /**
     * Removes the head, waiting while the queue is empty (G-QUEUE-2). After {@link #close()} it
     * drains what remains, then throws, and a take blocked on an empty closed queue wakes with that
     * exception (G-QUEUE-6).
     *
     * @return the head element, a copy of what was put; may be null if null was put
     * @throws IllegalStateException if the queue is closed and drained
     * @throws ProcessException      if the queue's host has died, or the element cannot be
     *                               deserialized in this process
     * @throws InterruptedException  if this thread is interrupted while waiting; no element is lost
     */
    public E take() throws InterruptedException {
        return takeWithin(-1);
    }

    /**
     * Removes the head, waiting up to {@code timeout} for one (G-QUEUE-2). A null element and
     * "nothing" both read as {@code null}; use {@link #take()} on a queue that holds nulls.
     *
     * @param timeout how long to wait at most; zero does not wait
     * @return the head element, or {@code null} if none arrived within {@code timeout}
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException    if the queue is closed and drained (G-QUEUE-6)
     * @throws ProcessException         if the queue's host has died, or the element cannot be
     *                                  deserialized in this process
     * @throws InterruptedException     if this thread is interrupted while waiting; no element is
     *                                  lost
     */
    public E poll(Duration timeout) throws InterruptedException {
        return takeWithin(nanos(timeout));
    }

    /**
     * Removes the head without waiting for one to arrive. Every handle takes from the queue's
     * shared ring directly; only when it is empty does a handle ask the host (one round trip), to
     * tell an empty queue from a closed and drained one.
     *
     * @return the head element, or {@code null} if the queue is empty (or the head is null)
     * @throws IllegalStateException if the queue is closed and drained (G-QUEUE-6)
     * @throws ProcessException      if the queue's host has died, the element cannot be
     *                               deserialized here, or this thread was interrupted while asking
     *                               the host (the interrupt status is set again)
     */
    public E poll() {
        try {
            return takeWithin(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while polling the queue", e);
        }
    }

    /**
     * Moves up to {@code max} elements that are there now into {@code to}, without waiting. It
     * stops quietly at an empty queue, a closed and drained one, or an interrupt (the interrupt
     * status is set again).
     *
     * @param to  where the elements go, in queue order
     * @param max the most elements to move; 0 or less moves none
     * @return how many elements were moved
     * @throws NullPointerException if {@code to} is null
     * @throws ProcessException     if the queue's host has died, or an element cannot be
     *                              deserialized here
     */
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
     * How many elements are waiting: every element put and not yet taken, whichever process put
     * it and whichever will take it — a put that returned in any process is counted, whichever
     * process asks (G-QUEUE-8). Other processes may change the count at once.
     *
     * @return the number of waiting elements
     * @throws ProcessException if the queue's host has died, or this thread was interrupted while
     *                          asking it (the interrupt status is set again)
     */
    public int size() {
        QueueReply r = ask(FrameTypes.QUEUE_SIZE);
        if (r instanceof QueueReply.Ok ok && ok.ints().length > 0) {
            return ok.ints()[0];
        }
        throw new ProcessException("the queue's host answered a size request with " + r);
    }

    /**
     * Whether no element is waiting, as CPython's {@code empty()}: {@code size() == 0}, exact as
     * {@link #size()} is (G-QUEUE-8), and as soon stale.
     *
     * @return true if every element put was taken
     * @throws ProcessException if the queue's host has died, or this thread was interrupted while
     *                          asking it (the interrupt status is set again)
     */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Closes the queue for every process, from any handle in any process: later puts throw
     * {@link IllegalStateException}; takes drain what remains, then throw it (G-QUEUE-6). Returns
     * once no process can put any more: every process with a handle has acknowledged or is gone.
     * Idempotent.
     *
     * @throws ProcessException if the queue's host has died, or this thread was interrupted while
     *                          waiting (the interrupt status is set again)
     */
    public void close() {
        ask(FrameTypes.QUEUE_CLOSE);
    }

    QueueReply ask(byte type) {
        QueueLink l = link();
        try {
            QueueReply r = l.await(l.request(type, 0));
            if (r instanceof QueueReply.Error error) {
                throw new IllegalStateException(error.message());
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
