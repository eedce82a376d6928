package org.mproc;

import java.io.InvalidObjectException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.NoSuchElementException;
import org.mproc.internal.shm.AtomicAccess;
import org.mproc.internal.shm.SegmentFile;

/**
 * A named block of memory that every process of the tree maps, like CPython's
 * {@code multiprocessing.shared_memory.SharedMemory} (docs/GUARANTEES.md): bytes written through a
 * view in one process are the bytes every other process reads, with no copy (G-SHM-1); the int
 * and long accessors here are atomic across processes (G-SHM-2). A segment lives until
 * {@link #unlink()}, whoever closes or exits (G-SHM-3), and never longer than its process tree
 * (G-SHM-4); bad input fails at once, naming the problem (G-SHM-5).
 *
 * <pre>{@code
 * SharedMemory counts = SharedMemory.create(Long.BYTES);
 * ChildProcess child = new ChildProcess("adder", () -> counts.getAndAddLong(0, 42));
 * child.start();
 * child.join();
 * counts.asLongBuffer().get(0);   // 42
 * counts.close();
 * counts.unlink();
 * }</pre>
 *
 * <p>A handle is {@code Serializable} by name: captured by a child's task or a pool task, it
 * attaches to the same segment in that process on first use; {@link #name()} passed as a string
 * and {@link #attach(String)} do the same. A handle received so reaches only the segment it was
 * made from: if that was unlinked meanwhile, its first use throws {@link NoSuchElementException},
 * even when a new segment has the name. Views are in native byte order and start at byte 0; they
 * are plain buffers, so what one process writes with plain puts another is sure to read only
 * after they synchronize (the writer's exit seen by {@link ChildProcess#join()}, a queue element,
 * or a volatile or atomic access of the segment). Views do not keep this handle open, and stay
 * valid after {@link #close()}. A handle may be shared by threads.
 *
 * <p>Where segments live, and why close does not unmap, is in docs/DESIGN.md ("Shared memory").
 */
public final class SharedMemory implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    /** The segment's name in its tree. */
    private final String name;
    /** The segment's size in bytes. */
    private final long size;
    /** Which segment of this name: a handle never reaches a newer one made after an unlink. */
    private final String identity;

    /*
     * Lifecycle of this handle (guarded by this; `segment` is the mapping in OPEN, null otherwise):
     *
     *   UNMAPPED --first view or atomic access--> OPEN      a handle received from another process
     *                                                       attaches (NoSuchElementException if its
     *                                                       segment was unlinked: it stays UNMAPPED)
     *   UNMAPPED, OPEN --close()--> CLOSED                  the handle drops its mapping
     *   CLOSED   --close()--> CLOSED                        no-op
     *   CLOSED   --view or atomic access--> IllegalStateException
     *
     * create() and attach() return a handle in OPEN. name(), size() and unlink() work in every state:
     * unlink() is about the name, not this handle's mapping; `unlinkedHere` makes a second unlink()
     * through the same handle an IllegalStateException.
     */
    private enum State { UNMAPPED, OPEN, CLOSED }

    private transient State state;
    private transient volatile SegmentFile segment;
    private transient boolean unlinkedHere;

    private SharedMemory(String name, long size, String identity, SegmentFile segment) {
        this.name = name;
        this.size = size;
        this.identity = identity;
        this.segment = segment;
        this.state = segment == null ? State.UNMAPPED : State.OPEN;
    }

    private SharedMemory(SegmentFile segment) {
        this(segment.name(), segment.size(), segment.identity(), segment);
    }

    /**
     * Creates a segment of {@code size} zero bytes with a fresh name, {@code psm_} and 16 hex
     * digits, and maps it (G-SHM-1).
     *
     * <pre>{@code
     * SharedMemory shm = SharedMemory.create(4096);
     * }</pre>
     *
     * @param size the segment's size in bytes, 1 to {@link Integer#MAX_VALUE}
     * @return a handle to the new segment, open
     * @throws IllegalArgumentException if {@code size} is not positive, over {@link Integer#MAX_VALUE},
     *         or more than the segment file system has free (G-SHM-5)
     * @throws ProcessException if the segment file cannot be made
     */
    public static SharedMemory create(long size) {
        SegmentFile.checkSize(size);
        while (true) {
            try {
                return new SharedMemory(SegmentFile.create(SegmentFile.randomName(), size));
            } catch (IllegalStateException nameTaken) {
                // 64 random bits met another segment's name: draw again, as CPython does.
            }
        }
    }

    /**
     * Creates segment {@code name} of {@code size} zero bytes and maps it (G-SHM-1).
     *
     * <pre>{@code
     * SharedMemory grid = SharedMemory.create("grid", 8 * 1024);
     * }</pre>
     *
     * @param name the segment's name in this process tree: 1 to 200 letters, digits, {@code _},
     *        {@code .} or {@code -}, not starting with {@code .}
     * @param size the segment's size in bytes, 1 to {@link Integer#MAX_VALUE}
     * @return a handle to the new segment, open
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is invalid (a path separator, a character
     *         outside those above, too long) or {@code size} is out of range (G-SHM-5)
     * @throws IllegalStateException if a segment of that name exists in this process tree (G-SHM-5)
     * @throws ProcessException if the segment file cannot be made
     */
    public static SharedMemory create(String name, long size) {
        SegmentFile.checkName(name);
        SegmentFile.checkSize(size);
        return new SharedMemory(SegmentFile.create(name, size));
    }

    /**
     * Maps the existing segment {@code name}, made by any process of this tree and not unlinked
     * (G-SHM-1, G-SHM-3).
     *
     * <pre>{@code
     * SharedMemory grid = SharedMemory.attach("grid");
     * }</pre>
     *
     * @param name the segment's name
     * @return a handle to the segment, open; its size is the segment's
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is invalid (G-SHM-5)
     * @throws NoSuchElementException if this process tree has no segment of that name: never
     *         created, or unlinked (G-SHM-3, G-SHM-5)
     * @throws ProcessException if the segment file cannot be mapped
     */
    public static SharedMemory attach(String name) {
        SegmentFile.checkName(name);
        return new SharedMemory(SegmentFile.attach(name, null));
    }

    /**
     * The segment's name, which {@link #attach(String)} takes in any process of the tree.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The segment's size in bytes.
     *
     * @return the size, at least 1
     */
    public long size() {
        return size;
    }

    /**
     * A new view of the whole segment: position 0, limit {@link #size()}, native byte order; views
     * share the segment's bytes, not their positions (G-SHM-1).
     *
     * <pre>{@code
     * shm.asByteBuffer().put(0, (byte) 7);
     * }</pre>
     *
     * @return a direct buffer over the segment
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     * @throws NoSuchElementException if this handle came from another process and its segment was
     *         unlinked before its first use (G-SHM-3)
     */
    public ByteBuffer asByteBuffer() {
        return segment().view();
    }

    /**
     * A new view of the segment as ints: int {@code i} is bytes {@code 4i} to {@code 4i + 3} in
     * native order; trailing bytes short of an int are not in it.
     *
     * @return a buffer of {@code size() / 4} ints
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     * @throws NoSuchElementException as {@link #asByteBuffer()}
     */
    public IntBuffer asIntBuffer() {
        return asByteBuffer().asIntBuffer();
    }

    /**
     * A new view of the segment as longs: long {@code i} is bytes {@code 8i} to {@code 8i + 7} in
     * native order; trailing bytes short of a long are not in it.
     *
     * @return a buffer of {@code size() / 8} longs
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     * @throws NoSuchElementException as {@link #asByteBuffer()}
     */
    public LongBuffer asLongBuffer() {
        return asByteBuffer().asLongBuffer();
    }

    /**
     * A new view of the segment as doubles: double {@code i} is bytes {@code 8i} to {@code 8i + 7}
     * in native order; trailing bytes short of a double are not in it.
     *
     * @return a buffer of {@code size() / 8} doubles
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     * @throws NoSuchElementException as {@link #asByteBuffer()}
     */
    public DoubleBuffer asDoubleBuffer() {
        return asByteBuffer().asDoubleBuffer();
    }

    /**
     * Atomically adds {@code delta} to the long at byte {@code offset}, for every process at once
     * (G-SHM-2); the long at offset {@code 8i} is {@code asLongBuffer().get(i)}.
     *
     * <pre>{@code
     * long before = shm.getAndAddLong(8, 1);
     * }</pre>
     *
     * @param offset the long's byte offset: a multiple of 8, at most {@code size() - 8}
     * @param delta what to add
     * @return the value before the addition
     * @throws IndexOutOfBoundsException if the long is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 8 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public long getAndAddLong(int offset, long delta) {
        return AtomicAccess.getAndAddLong(segment().mapping(), offset, delta);
    }

    /**
     * Atomically sets the long at byte {@code offset} to {@code value} if it is {@code expected}
     * (G-SHM-2).
     *
     * @param offset the long's byte offset: a multiple of 8, at most {@code size() - 8}
     * @param expected the value it must have
     * @param value the value it gets
     * @return whether it had {@code expected} and was set
     * @throws IndexOutOfBoundsException if the long is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 8 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public boolean compareAndSetLong(int offset, long expected, long value) {
        return AtomicAccess.compareAndSetLong(segment().mapping(), offset, expected, value);
    }

    /**
     * Reads the long at byte {@code offset} with volatile semantics (G-SHM-2).
     *
     * @param offset the long's byte offset: a multiple of 8, at most {@code size() - 8}
     * @return its value
     * @throws IndexOutOfBoundsException if the long is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 8 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public long getLongVolatile(int offset) {
        return AtomicAccess.getLongVolatile(segment().mapping(), offset);
    }

    /**
     * Writes the long at byte {@code offset} with volatile semantics (G-SHM-2).
     *
     * @param offset the long's byte offset: a multiple of 8, at most {@code size() - 8}
     * @param value its new value
     * @throws IndexOutOfBoundsException if the long is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 8 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public void setLongVolatile(int offset, long value) {
        AtomicAccess.setLongVolatile(segment().mapping(), offset, value);
    }

    /**
     * Atomically adds {@code delta} to the int at byte {@code offset}, for every process at once
     * (G-SHM-2); the int at offset {@code 4i} is {@code asIntBuffer().get(i)}.
     *
     * @param offset the int's byte offset: a multiple of 4, at most {@code size() - 4}
     * @param delta what to add
     * @return the value before the addition
     * @throws IndexOutOfBoundsException if the int is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 4 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public int getAndAddInt(int offset, int delta) {
        return AtomicAccess.getAndAddInt(segment().mapping(), offset, delta);
    }

    /**
     * Atomically sets the int at byte {@code offset} to {@code value} if it is {@code expected}
     * (G-SHM-2).
     *
     * @param offset the int's byte offset: a multiple of 4, at most {@code size() - 4}
     * @param expected the value it must have
     * @param value the value it gets
     * @return whether it had {@code expected} and was set
     * @throws IndexOutOfBoundsException if the int is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 4 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public boolean compareAndSetInt(int offset, int expected, int value) {
        return AtomicAccess.compareAndSetInt(segment().mapping(), offset, expected, value);
    }

    /**
     * Reads the int at byte {@code offset} with volatile semantics (G-SHM-2).
     *
     * @param offset the int's byte offset: a multiple of 4, at most {@code size() - 4}
     * @return its value
     * @throws IndexOutOfBoundsException if the int is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 4 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public int getIntVolatile(int offset) {
        return AtomicAccess.getIntVolatile(segment().mapping(), offset);
    }

    /**
     * Writes the int at byte {@code offset} with volatile semantics (G-SHM-2).
     *
     * @param offset the int's byte offset: a multiple of 4, at most {@code size() - 4}
     * @param value its new value
     * @throws IndexOutOfBoundsException if the int is not inside the segment (G-SHM-5)
     * @throws IllegalArgumentException if {@code offset} is not a multiple of 4 (G-SHM-5)
     * @throws IllegalStateException if this handle is closed (G-SHM-5)
     */
    public void setIntVolatile(int offset, int value) {
        AtomicAccess.setIntVolatile(segment().mapping(), offset, value);
    }

    /**
     * Ends this handle's use of the segment; the segment itself stays for every process until
     * {@link #unlink()} (G-SHM-3). Later views and atomic accesses through this handle throw
     * {@link IllegalStateException}; {@link #name()}, {@link #size()} and {@link #unlink()} still
     * work; a second close does nothing. Views obtained before stay valid: nothing is unmapped
     * under them (that would crash the JVM on their next access); the mapping is released once
     * the garbage collector has collected them, unlike CPython's {@code close()}, which unmaps at
     * once and refuses while views exist.
     */
    @Override
    public synchronized void close() {
        state = State.CLOSED;
        segment = null;
    }

    /**
     * Removes the segment's name from the tree, once, from any process (G-SHM-3): later
     * {@link #attach(String)} calls, and first uses of handles that had not attached yet, throw
     * {@link NoSuchElementException}; every process that had mapped it keeps its mapping until it
     * closes its handle. The name may then be given to a new segment, which this handle never
     * reaches. Call it once, from one process, when no process will attach any more.
     *
     * <pre>{@code
     * shm.close();
     * shm.unlink();
     * }</pre>
     *
     * @throws IllegalStateException if this handle has unlinked the segment already (G-SHM-5)
     * @throws NoSuchElementException if another handle, in any process, has unlinked it (G-SHM-5)
     * @throws ProcessException if the segment file cannot be removed
     */
    public synchronized void unlink() {
        if (unlinkedHere) {
            throw new IllegalStateException("shared memory segment '" + name + "' was already unlinked through this handle");
        }
        SegmentFile.unlink(name, identity);
        unlinkedHere = true;
    }

    /**
     * Names the segment and its size, e.g. {@code SharedMemory[psm_0011223344556677, 4096 bytes]}.
     *
     * @return a description of this handle
     */
    @Override
    public String toString() {
        return "SharedMemory[" + name + ", " + size + " bytes" + (stateNow() == State.CLOSED ? ", closed" : "") + "]";
    }

    private synchronized State stateNow() {
        return state;
    }

    /** The mapping, attaching first if this handle came from another process. */
    private SegmentFile segment() {
        SegmentFile s = segment;
        return s != null ? s : attachOnFirstUse();
    }

    private synchronized SegmentFile attachOnFirstUse() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("shared memory segment '" + name + "' is closed in this handle; "
                    + "attach again with SharedMemory.attach(\"" + name + "\")");
        }
        if (segment == null) {
            segment = SegmentFile.attach(name, identity);
            state = State.OPEN;
        }
        return segment;
    }

    /**
     * A handle read from a stream is a new handle of this process, attaching on first use.
     *
     * @return a new handle of the same segment, not attached yet
     * @throws InvalidObjectException if the stream's name or size is one no segment has
     */
    private Object readResolve() throws InvalidObjectException {
        try {
            SegmentFile.checkName(name);
            SegmentFile.checkSize(size);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidObjectException("not a shared memory handle: " + e.getMessage());
        }
        return new SharedMemory(name, size, identity, null);
    }
}
