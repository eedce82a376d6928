package org.mproc.internal.wire.codec;

import java.util.Arrays;

/**
 * The bytes {@link FastCodec} writes: a growable array, big-endian as {@code DataOutputStream}
 * writes them. Not a stream on purpose: {@code DataOutputStream} over a
 * {@code BufferedOutputStream} takes a lock per byte it writes, four per int, and a map of 15,000
 * words is some 100,000 writes.
 */
final class FastOutput {
    /** The largest array a JVM is sure to allocate, as {@code ByteArrayOutputStream} also assumes. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    /** The longest string {@link #writeShortUtf8} takes: 85 chars are at most 255 bytes of UTF-8. */
    static final int SHORT_CHARS = 85;

    private byte[] bytes = new byte[64];
    private int size;

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    void writeShort(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    void writeInt(int v) {
        ensure(4);
        putInt(size, v);
        size += 4;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Writes {@code int n | n UTF-16 chars}, as {@code DataOutputStream.writeChars} would after the count. */
    void writeChars(String s) {
        writeInt(s.length());
        ensure(2L * s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes[size++] = (byte) (c >>> 8);
            bytes[size++] = (byte) c;
        }
    }

    /**
     * Writes {@code int n | n bytes of UTF-8} and returns true, or returns false with nothing
     * written when {@code s} holds a lone surrogate, which UTF-8 cannot carry.
     */
    boolean writeUtf8(String s) {
        ensure(4 + 3L * s.length()); // a char takes at most 3 bytes; a surrogate pair 4 for 2 chars
        int end = utf8(s, size + 4);
        if (end < 0) {
            return false;
        }
        putInt(size, end - size - 4);
        size = end;
        return true;
    }

    /**
     * As {@link #writeUtf8} with a one-byte length, for a string of at most {@link #SHORT_CHARS}
     * chars: its UTF-8 cannot pass 255 bytes.
     */
    boolean writeShortUtf8(String s) {
        ensure(1 + 3L * s.length());
        int end = utf8(s, size + 1);
        if (end < 0) {
            return false;
        }
        bytes[size] = (byte) (end - size - 1);
        size = end;
        return true;
    }

    /** Writes {@code s} as UTF-8 from {@code at} on; returns where it ends, or −1 at a lone surrogate. */
    private int utf8(String s, int at) {
        byte[] b = bytes;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else {
                return -1;
            }
        }
        return at;
    }

    /** Grows once now for {@code more} bytes to come, rather than doubling step by step while they come. */
    void reserve(long more) {
        ensure(more);
    }

    /** Where the next byte goes: a mark to come back to with {@link #truncate}. */
    int size() {
        return size;
    }

    /** Drops what was written after {@code mark}. */
    void truncate(int mark) {
        size = mark;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Writes {@code v} over the four bytes at {@code at}, written before: a length known only afterwards. */
    void putInt(int at, int v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }

    private void ensure(long more) {
        if (more > bytes.length - size) {
            grow(more);
        }
    }

    private void grow(long more) {
        long needed = size + more;
        if (needed > MAX_LENGTH) {
            throw new OutOfMemoryError("a value of over " + MAX_LENGTH + " bytes cannot be encoded");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_LENGTH, Math.max(needed, 2L * bytes.length)));
    }
}
