package org.mproc.internal.queue;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.mproc.ProcessException;

/**
 * The part of a queue that consumers take from: a ring of elements in a file that the host and
 * every consumer process map. The host alone appends, at the tail; any consumer, in any process,
 * claims the element at the head by moving the head past it with one compare-and-set. A claim is
 * the take: it is in the shared memory before the take returns, so it survives the consumer's
 * SIGKILL, and an element not claimed is still there for the others — exactly once, with no
 * acknowledgement on the wire (G-QUEUE-1). Consumers claim in the ring's order, one element at a
 * time, so several consumers proceed in parallel and each sees every producer's elements in the
 * order they were put; an idle consumer holds nothing.
 *
 * <pre>
 *   header (4 KiB)   0: int magic   4: int capacity   64: long head   128: long tail   192: long notify
 *   data (capacity bytes, a power of two; positions are byte offsets that only grow, taken modulo
 *   capacity): records 8-byte aligned, one per element
 *     | int length ≥ 0 | length bytes (may wrap) |      an element held here
 *     | int -1 | int length |                           a large element, held in its own file
 *                                                          ({@code <ring>.<position>}), removed by its claimer
 * </pre>
 *
 * A consumer copies the record at the head, then moves the head from that position past it; if
 * another consumer moved it first, the copy is dropped and it tries again. The host reuses bytes
 * only behind the head, so a record cannot change while its position is still the head: a copy
 * followed by a successful compare-and-set is always whole. The writer writes a record, then
 * publishes the tail with a volatile store; a claimer reads the tail with an acquire load.
 *
 * <p>{@code notify} asks consumers to tell the host when they claim (a {@code QUEUE_CLAIMED}
 * frame, once per request): the host sets it when it waits for room in the ring or in the queue,
 * and the first consumer to claim afterwards clears it and says so.
 */
public final class QueueRing {
    private static final int MAGIC = 0x6D715231; // "mqR1"
    private static final int HEADER = 4096;
    private static final int CAPACITY_AT = 4;
    private static final int HEAD_AT = 64;
    private static final int TAIL_AT = 128;
    private static final int NOTIFY_AT = 192;
    /** Ring bytes per queue: room for 1,000 elements of 1 KiB. */
    static final int CAPACITY = 1 << 20;
    /** Larger elements are kept in a file of their own, so one cannot fill the ring. */
    static final int INLINE_MAX = CAPACITY / 16;
    private static final int BIG = -1;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Path file;
    private final MappedByteBuffer map;
    private final int capacity;
    private final int mask;

    private QueueRing(Path file, MappedByteBuffer map, int capacity) {
        this.file = file;
        this.map = map;
        this.capacity = capacity;
        this.mask = capacity - 1;
    }

    Path file() {
        return file;
    }

    /** Where the ring of queue {@code id}, hosted by the listener at {@code socket}, lives. */
    static Path pathFor(Path socket, long id) {
        return socket.resolveSibling(socket.getFileName() + ".q" + id);
    }

    /** Where process {@code pid} puts its elements for queue {@code id}, hosted at {@code socket}. */
    static Path producerPathFor(Path socket, long id, long pid) {
        return socket.resolveSibling(socket.getFileName() + ".q" + id + ".from" + pid);
    }

    /** The host's side: a new, empty ring. */
    static Writer create(Path file) {
        try {
            Files.deleteIfExists(file); // left by an earlier process with this pid: a new file, whoever maps the old
        } catch (IOException e) {
            throw new ProcessException("cannot create the queue's ring " + file + ": " + e, e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, HEADER + (long) CAPACITY);
            map.order(ByteOrder.nativeOrder());
            map.putInt(CAPACITY_AT, CAPACITY);
            map.putInt(0, MAGIC);
            return new Writer(new QueueRing(file, map, CAPACITY));
        } catch (IOException e) {
            throw new ProcessException("cannot create the queue's ring " + file + ": " + e, e);
        }
    }

    /**
     * The claiming side: a ring another process created (a consumer's, by the host; the host's, by
     * a producer), or null if there is none any more (a consumer's queue was closed, drained and
     * forgotten; the host says so).
     */
    static QueueRing openIfPresent(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            map.order(ByteOrder.nativeOrder());
            int capacity = map.getInt(CAPACITY_AT);
            if (map.getInt(0) != MAGIC || Integer.bitCount(capacity) != 1 || HEADER + (long) capacity != size) {
                throw new ProcessException("not a queue ring: " + file);
            }
            return new QueueRing(file, map, capacity);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new ProcessException("cannot open the queue's ring " + file + ": " + e, e);
        }
    }

    /**
     * Claims the element at the head: its bytes, or null if the ring is empty. Safe from any
     * number of threads and processes at once.
     */
    byte[] claim() {
        while (true) {
            long head = (long) LONGS.getAcquire(map, HEAD_AT);
            long tail = (long) LONGS.getAcquire(map, TAIL_AT);
            if (head >= tail) {
                return null;
            }
            int at = index(head);
            int length = map.getInt(at);
            byte[] element;
            long size;
            if (length >= 0 && recordSize(length) <= tail - head) {
                size = recordSize(length);
                element = copy(head + 4, length);
            } else if (length == BIG) {
                size = 8;
                element = readBig(head, map.getInt(at + 4));
            } else {
                element = null;
                size = 0;
            }
            if (element != null && LONGS.compareAndSet(map, HEAD_AT, head, head + size)) {
                if (length == BIG) {
                    deleteQuietly(bigFile(head)); // claimed: nobody else can take it now
                }
                return element;
            }
            if ((long) LONGS.getAcquire(map, HEAD_AT) == head) {
                // Nobody moved the head, so what we read was whole: it is not a record.
                throw new ProcessException("the queue's ring " + file + " is damaged at position " + head);
            }
        }
    }

    /**
     * Asks the other side to say when it next claims (the host, of a consumer ring) or appends (a
     * producer, of its own ring). The request and the head and tail are all accessed as volatile
     * on each side, so a claim or an append either sees the request or is seen by the asker's next
     * look.
     */
    void requestNotify() {
        LONGS.setVolatile(map, NOTIFY_AT, 1L);
    }

    void cancelNotify() {
        LONGS.setVolatile(map, NOTIFY_AT, 0L);
    }

    /** Whether the other side asked to hear of a change; if so, clears the request: this caller tells it. */
    boolean takeNotifyRequest() {
        return (long) LONGS.getVolatile(map, NOTIFY_AT) != 0 && LONGS.compareAndSet(map, NOTIFY_AT, 1L, 0L);
    }

    private byte[] copy(long position, int length) {
        byte[] out = new byte[length];
        int at = index(position);
        int first = Math.min(length, HEADER + capacity - at);
        map.get(at, out, 0, first);
        if (first < length) {
            map.get(HEADER, out, first, length - first);
        }
        return out;
    }

    /** A large element's bytes; null if its file is gone (another consumer claimed it). */
    private byte[] readBig(long position, int length) {
        try {
            byte[] bytes = Files.readAllBytes(bigFile(position));
            return bytes.length == length ? bytes : null;
        } catch (NoSuchFileException claimedMeanwhile) {
            return null;
        } catch (IOException e) {
            throw new ProcessException("cannot read a large element of the queue's ring " + file + ": " + e, e);
        }
    }

    private Path bigFile(long position) {
        return file.resolveSibling(file.getFileName() + "." + position);
    }

    private int index(long position) {
        return HEADER + (int) (position & mask);
    }

    private static long recordSize(int length) {
        return (4L + length + 7) & ~7L;
    }

    /**
     * The host's side of a ring: appends elements and knows which are still unclaimed. Not
     * thread-safe: the owning {@link QueueState}'s lock guards it.
     */
    static final class Writer {
        private final QueueRing ring;
        private long tail;
        /** Start positions of the records not yet seen claimed, oldest first; a large element's as ~position. */
        private long[] starts = new long[64];
        private int first;
        private int count;

        private Writer(QueueRing ring) {
            this.ring = ring;
        }

        QueueRing ring() {
            return ring;
        }

        /** Appends {@code element} if the ring has room for it; returns whether it did. */
        boolean offer(byte[] element) {
            release();
            long free = ring.capacity - (tail - head());
            boolean big = element.length > INLINE_MAX;
            long size = big ? 8 : recordSize(element.length);
            if (size > free) {
                return false;
            }
            MappedByteBuffer map = ring.map;
            int at = ring.index(tail);
            if (big) {
                writeBig(tail, element);
                map.putInt(at, BIG);
                map.putInt(at + 4, element.length);
                remember(~tail);
            } else {
                map.putInt(at, element.length);
                int from = ring.index(tail + 4);
                int first = Math.min(element.length, HEADER + ring.capacity - from);
                map.put(from, element, 0, first);
                if (first < element.length) {
                    map.put(HEADER, element, first, element.length - first);
                }
                remember(tail);
            }
            tail += size;
            // Volatile, not just release: the appender reads the notify word next, and that read
            // must not pass this store, or an append and the other side's request could miss each
            // other (a producer's element left in its ring while the host waits to be told).
            LONGS.setVolatile(map, TAIL_AT, tail);
            return true;
        }

        private void writeBig(long position, byte[] element) {
            try {
                Files.write(ring.bigFile(position), element, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new ProcessException("cannot keep a large element in " + ring.bigFile(position) + ": " + e, e);
            }
        }

        /** Elements in the ring that no consumer has claimed yet. */
        int unclaimed() {
            release();
            return count;
        }

        void requestNotify() {
            ring.requestNotify();
        }

        void cancelNotify() {
            ring.cancelNotify();
        }

        /** Forgets the records behind the head: their elements were claimed (and large ones' files removed by their claimer). */
        private void release() {
            long head = head();
            while (count > 0) {
                long start = starts[first];
                long position = start < 0 ? ~start : start;
                if (position >= head) {
                    break;
                }
                first = (first + 1) & (starts.length - 1);
                count--;
            }
        }

        private long head() {
            return (long) LONGS.getVolatile(ring.map, HEAD_AT);
        }

        private void remember(long start) {
            if (count == starts.length) {
                long[] grown = new long[starts.length * 2];
                for (int i = 0; i < count; i++) {
                    grown[i] = starts[(first + i) & (starts.length - 1)];
                }
                starts = grown;
                first = 0;
            }
            starts[(first + count) & (starts.length - 1)] = start;
            count++;
        }

        /** Removes the ring's files; consumers that still map it see an empty ring. */
        void delete() {
            while (count > 0) {
                long start = starts[first];
                if (start < 0) {
                    deleteQuietly(ring.bigFile(~start));
                }
                first = (first + 1) & (starts.length - 1);
                count--;
            }
            deleteQuietly(ring.file);
        }

    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // The process tree's directory goes at exit, and this file with it.
        }
    }
}
