package org.mproc.internal.wire.codec;

import java.io.EOFException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes {@link FastCodec} reads, with a position. It fails as the {@code DataInputStream} it
 * replaces did: {@link EOFException} when a field runs past the end, and
 * {@link StreamCorruptedException} when a count or length announces more than is left (checked
 * before anything is allocated for it). {@code DataInputStream} over a
 * {@code ByteArrayInputStream} took a lock per byte read.
 */
final class FastInput {
    private final byte[] bytes;
    private int end;
    private int position;

    /** Reads {@code bytes[offset, offset + length)}. */
    FastInput(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    /** Reads {@code bytes[offset, offset + length)} from now on. */
    void window(int offset, int length) {
        position = offset;
        end = offset + length;
    }

    int available() {
        return end - position;
    }

    byte readByte() throws EOFException {
        need(1);
        return bytes[position++];
    }

    boolean readBoolean() throws EOFException {
        return readByte() != 0;
    }

    short readShort() throws EOFException {
        need(2);
        int v = (bytes[position] & 0xFF) << 8 | bytes[position + 1] & 0xFF;
        position += 2;
        return (short) v;
    }

    int readInt() throws EOFException {
        need(4);
        int at = position;
        position += 4;
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
    }

    long readLong() throws EOFException {
        return (long) readInt() << 32 | readInt() & 0xFFFF_FFFFL;
    }

    /** A count of elements of at least {@code bytesEach} bytes, checked against what is left. */
    int count(int bytesEach) throws EOFException, StreamCorruptedException {
        int n = readInt();
        if (n < 0 || (long) n * bytesEach > available()) {
            throw new StreamCorruptedException("a value announces " + n + " elements with "
                    + available() + " bytes left");
        }
        return n;
    }

    byte[] readBytes() throws EOFException, StreamCorruptedException {
        int n = count(1);
        byte[] b = new byte[n];
        System.arraycopy(bytes, position, b, 0, n);
        position += n;
        return b;
    }

    /** {@code int n | n bytes of UTF-8}. */
    String readUtf8() throws EOFException, StreamCorruptedException {
        return utf8(readInt());
    }

    /** {@code byte n | n bytes of UTF-8}, n unsigned. */
    String readShortUtf8() throws EOFException, StreamCorruptedException {
        return utf8(readByte() & 0xFF);
    }

    private String utf8(int length) throws StreamCorruptedException {
        if (length < 0 || length > available()) {
            throw new StreamCorruptedException("a string announces " + length + " bytes with "
                    + available() + " left");
        }
        String s = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    /** {@code int n | n UTF-16 chars}. */
    String readChars() throws EOFException, StreamCorruptedException {
        int length = readInt();
        if (length < 0 || length > available() / 2) {
            throw new StreamCorruptedException("a string announces " + length + " chars with "
                    + available() + " bytes left");
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ((bytes[position] & 0xFF) << 8 | bytes[position + 1] & 0xFF);
            position += 2;
        }
        return new String(chars);
    }

    private void need(int n) throws EOFException {
        if (n > end - position) {
            throw new EOFException("the value ends " + (n - available()) + " bytes short");
        }
    }
}
