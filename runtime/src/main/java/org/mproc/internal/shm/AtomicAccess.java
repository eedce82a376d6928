package org.mproc.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Atomic and volatile access to the ints and longs of a mapped segment, across processes
 * (G-SHM-2): {@link MethodHandles#byteBufferViewVarHandle} on the direct buffer of the mapping,
 * whose atomic access modes are the CPU's atomic instructions on the shared page, so they are
 * atomic for every process that maps it. They need an offset aligned to the value's size, which is
 * aligned in memory because a mapping starts on a page. Offsets are checked first, so a bad one is
 * a message that names it rather than the VarHandle's.
 */
public final class AtomicAccess {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private AtomicAccess() {}

    public static long getAndAddLong(ByteBuffer map, int offset, long delta) {
        return (long) LONGS.getAndAdd(map, check(map, offset, Long.BYTES, "long"), delta);
    }

    public static boolean compareAndSetLong(ByteBuffer map, int offset, long expected, long value) {
        return LONGS.compareAndSet(map, check(map, offset, Long.BYTES, "long"), expected, value);
    }

    public static long getLongVolatile(ByteBuffer map, int offset) {
        return (long) LONGS.getVolatile(map, check(map, offset, Long.BYTES, "long"));
    }

    public static void setLongVolatile(ByteBuffer map, int offset, long value) {
        LONGS.setVolatile(map, check(map, offset, Long.BYTES, "long"), value);
    }

    public static int getAndAddInt(ByteBuffer map, int offset, int delta) {
        return (int) INTS.getAndAdd(map, check(map, offset, Integer.BYTES, "int"), delta);
    }

    public static boolean compareAndSetInt(ByteBuffer map, int offset, int expected, int value) {
        return INTS.compareAndSet(map, check(map, offset, Integer.BYTES, "int"), expected, value);
    }

    public static int getIntVolatile(ByteBuffer map, int offset) {
        return (int) INTS.getVolatile(map, check(map, offset, Integer.BYTES, "int"));
    }

    public static void setIntVolatile(ByteBuffer map, int offset, int value) {
        INTS.setVolatile(map, check(map, offset, Integer.BYTES, "int"), value);
    }

    /**
     * {@code offset}, if an {@code width}-byte value there lies inside the segment and is aligned.
     *
     * @throws IndexOutOfBoundsException if the value would not lie inside the segment
     * @throws IllegalArgumentException if {@code offset} is not a multiple of {@code width}
     */
    static int check(ByteBuffer map, int offset, int width, String type) {
        int size = map.capacity();
        if (offset < 0 || offset > size - width) {
            throw new IndexOutOfBoundsException("offset " + offset + " is outside the segment for a " + width
                    + "-byte " + type + ": the segment has " + size + " bytes, " + (size < width
                            ? "too few for one" : "so an offset lies in [0, " + (size - width) + "]"));
        }
        if (offset % width != 0) {
            throw new IllegalArgumentException("offset " + offset + " is not aligned for an atomic " + type
                    + ": it must be a multiple of " + width);
        }
        return offset;
    }
}
