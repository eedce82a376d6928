package org.mproc;

import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.mproc.internal.pipe.PipeEndLink;
import org.mproc.internal.pipe.PipeHost;
import org.mproc.internal.pipe.PipeLinks;
import org.mproc.internal.wire.FrameLimits;
import org.mproc.internal.wire.codec.Codec;

/**
 * A duplex pipe between two processes of one tree, CPython's {@code multiprocessing.Pipe()}
 * (docs/GUARANTEES.md): what one end sends, the other end receives, as copies, in the order sent,
 * nothing lost or duplicated, each direction on its own (G-PIPE-1). {@code poll} waits for a value
 * or the end of the stream (G-PIPE-2); a {@code send} waits while the other end has 64 KiB unread,
 * as an OS pipe's writer does (G-PIPE-3). When the other end is closed, or its process or the
 * pipe's host dies, {@code recv} returns what was sent before, then throws {@link EOFException},
 * within about 1 s of a death and never a hang (G-PIPE-4).
 *
 * <pre>{@code
 * ProcessPipe.Ends<String> pipe = ProcessPipe.open();
 * ProcessPipe.End<String> theirs = pipe.right();
 * ChildProcess echo = new ChildProcess("echo", () -> theirs.send(theirs.recv().toUpperCase()));
 * echo.start();
 * pipe.left().send("hello");
 * String got = pipe.left().recv();   // "HELLO"
 * echo.join();
 * }</pre>
 *
 * <p>The process that opens a pipe hosts it and relays its values. An {@link End} is
 * {@code Serializable}: captured by a child's task, passed through a {@link ProcessQueue} or
 * another pipe, it reaches the same end from there. <b>An end belongs to the first process that
 * uses it</b> ({@code send}, {@code recv} or {@code poll}); another process that
 * then uses it gets {@link IllegalStateException} (G-PIPE-5), where CPython would let two
 * processes read one connection and mix their messages. An end need not be closed in the
 * process that handed it on for the other end to see end of stream; closing it there, as CPython
 * programs do after starting the child, closes only that process's copy. In the process that uses
 * the end, {@code close()} closes the end itself.
 *
 * <p>The ends are named {@code left} and {@code right} because a duplex pipe is symmetric: neither
 * end is the parent's or the reader, and CPython's own names ({@code conn1, conn2}) say nothing
 * either. Both directions carry the same type {@code T}; use {@code Object} for mixed messages.
 */
public final class ProcessPipe {
    private ProcessPipe() {}

    /**
     * Opens a pipe hosted by this process: its values pass through this process, which must
     * outlive the pipe's use (its death ends the stream at both ends, G-PIPE-4).
     *
     * @param <T> the type of the values both ends send
     * @return the pipe's two ends, neither used by any process yet
     */
    public static <T> Ends<T> open() {
        PipeHost host = PipeHost.get();
        long id = host.open();
        String socket = host.socket().toString();
        return new Ends<>(new End<>(socket, id, 0), new End<>(socket, id, 1));
    }

    /**
     * The two ends of one pipe, equal in every way: what {@code left} sends {@code right}
     * receives, and the other way round (G-PIPE-1).
     *
     * <p>Serializable, so both ends can travel together; its form is its two ends' (each
     * documented with {@link End}).
     *
     * @param <T>   the type of the values both ends send
     * @param left  one end
     * @param right the other end
     * @serial exclude
     */
    public record Ends<T>(End<T> left, End<T> right) implements Serializable {
        /**
         * Checks both ends are there.
         *
         * @param left  one end
         * @param right the other end
         * @throws NullPointerException if either end is null
         */
        public Ends {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        /**
         * One end; what it sends, {@link #right()} receives.
         *
         * @return the left end
         */
        @Override
        public End<T> left() {
            return left;
        }

        /**
         * The other end; what it sends, {@link #left()} receives.
         *
         * @return the right end
         */
        @Override
        public End<T> right() {
            return right;
        }
    }

    /**
     * One end of a pipe, CPython's {@code Connection}: sends values to the other end and receives
     * what it sends (G-PIPE-1). A handle is data — where the pipe is hosted, which pipe and which
     * end — so it can be captured or sent anywhere in the tree; the first process that uses it
     * claims it (G-PIPE-5). Threads of that process may share it: each value sent goes whole, a
     * thread's values in its order, and each value received goes to exactly one {@code recv}
     * (G-PIPE-6).
     *
     * <pre>{@code
     * try (ProcessPipe.End<Integer> end = pipe.left()) {
     *     end.send(42);
     *     if (end.poll(Duration.ofSeconds(1))) {
     *         Integer answer = end.recv();
     *     }
     * }
     * }</pre>
     *
     * @param <T> the type of the values both ends send
     */
    public static final class End<T> implements Serializable, AutoCloseable {
        private static final long serialVersionUID = 1L;

        /** Where the pipe's host listens. */
        private final String socket;
        /** The pipe's number within its host. */
        private final long pipeId;
        /** 0 left, 1 right. */
        private final int side;
        private transient volatile PipeEndLink link;
        /** close() was called on this handle. */
        private transient volatile boolean closedHere;

        End(String socket, long pipeId, int side) {
            this.socket = socket;
            this.pipeId = pipeId;
            this.side = side;
        }

        /**
         * Sends a copy of {@code value} to the other end (G-PIPE-1), waiting while the other end
         * has 64 KiB or more of what this end sent unread (G-PIPE-3). A value sent just before the
         * other end closes without reading it is dropped, as bytes in an OS pipe are.
         *
         * @param value the value, serialized now, so later changes to it are not seen; may be null
         * @throws IllegalArgumentException if {@code value} cannot be serialized or is over the frame
         *                                  limit; nothing was sent and the pipe is unchanged (G-PIPE-5)
         * @throws IllegalStateException    if this end was closed, is used by another process, or the
         *                                  other end is known to be closed (CPython: BrokenPipeError)
         *                                  (G-PIPE-4, G-PIPE-5)
         * @throws ProcessException         if the process hosting the pipe is gone (G-PIPE-4)
         * @throws InterruptedException     if this thread is interrupted while waiting for room;
         *                                  nothing was sent (G-PIPE-6)
         */
        public void send(T value) throws InterruptedException {
            byte[] bytes = encode(value);
            link().send(bytes);
        }

        /**
         * Receives the next value the other end sent, waiting for one (G-PIPE-1). Once the other
         * end is closed, or its process or the pipe's host is gone, it returns what was sent
         * before, then throws {@link EOFException} (G-PIPE-4), as CPython's {@code recv} raises
         * {@code EOFError}.
         *
         * @return the value, a copy of what was sent; null if null was sent
         * @throws EOFException          if every value was received and the other end is closed or
         *                               gone; its message says which (G-PIPE-4)
         * @throws IllegalStateException if this end was closed, or is used by another process (G-PIPE-5)
         * @throws ProcessException      if the value cannot be deserialized in this process (it is
         *                               consumed), or the pipe's host cannot be reached
         * @throws InterruptedException  if this thread is interrupted while waiting; no value is lost
         *                               (G-PIPE-6)
         */
        public T recv() throws InterruptedException, EOFException {
            return decode(link().recv(-1));
        }

        /**
         * Whether {@link #recv()} would return at once, waiting up to {@code timeout} for it
         * (G-PIPE-2): true when a value is waiting or at the end of the stream (then {@code recv}
         * throws {@link EOFException}), false if neither came in time. Consumes nothing.
         *
         * @param timeout how long to wait at most; zero does not wait
         * @return true if a value or the end of the stream is ready
         * @throws NullPointerException     if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is negative
         * @throws IllegalStateException    if this end was closed, or is used by another process
         *                                  (G-PIPE-5)
         * @throws ProcessException         if the pipe's host cannot be reached
         * @throws InterruptedException     if this thread is interrupted while waiting (G-PIPE-6)
         */
        public boolean poll(Duration timeout) throws InterruptedException {
            return link().poll(nanos(timeout));
        }

        /**
         * Closes this end: the other end receives what was sent, then the end of the stream
         * (G-PIPE-4); threads of this process waiting on this end wake with
         * {@link IllegalStateException}, and every later call but {@code close} throws it
         * (G-PIPE-5). Values sent to this end and not received are dropped. Idempotent. A
         * process that never used the end closes only this handle, as CPython's {@code close()}
         * of a connection handed to a child closes only the parent's copy: the end stays open for
         * the process that uses it, and this handle refuses further use.
         *
         * @throws ProcessException if the pipe's host cannot be reached to close the end
         */
        @Override
        public void close() {
            closedHere = true;
            PipeEndLink l = link != null ? link : PipeLinks.existing(socket, pipeId, side);
            if (l == null) {
                return; // this process never used the end: only this copy closes, as CPython's close of a handed-on end
            }
            l.close();
            PipeLinks.forget(socket, pipeId, side, l);
        }

        private PipeEndLink link() {
            if (closedHere && link == null) {
                throw new IllegalStateException("this handle of the pipe's end was closed in this process");
            }
            PipeEndLink l = link;
            if (l == null) {
                l = PipeLinks.claim(socket, pipeId, side);
                link = l;
            }
            return l;
        }

        private static byte[] encode(Object value) {
            byte[] bytes;
            try {
                bytes = Codec.standard().encode(value);
            } catch (NotSerializableException x) {
                throw new IllegalArgumentException("the value cannot be serialized: " + x.getMessage()
                        + " is not Serializable", x);
            } catch (IOException | RuntimeException | StackOverflowError x) {
                throw new IllegalArgumentException("the value cannot be serialized: " + x, x);
            }
            if (bytes.length > FrameLimits.maxFrame()) {
                throw new IllegalArgumentException("the value serializes to " + bytes.length
                        + " bytes, over the frame limit of " + FrameLimits.maxFrame() + " bytes (-Dmproc.maxFrame)");
            }
            return bytes;
        }

        @SuppressWarnings("unchecked")
        private T decode(byte[] bytes) {
            try {
                return (T) Codec.standard().decode(bytes);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                throw new ProcessException("a value received from the pipe cannot be read in this process: " + e, e);
            }
        }

        private static long nanos(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
            }
            try {
                return timeout.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }

        /**
         * Names the pipe and the end, and where the pipe is hosted.
         *
         * @return e.g. {@code ProcessPipe.End[left of #3@/tmp/mproc-…/1234.sock]}
         */
        @Override
        public String toString() {
            return "ProcessPipe.End[" + (side == 0 ? "left" : "right") + " of #" + pipeId + "@" + socket + "]";
        }
    }
}
