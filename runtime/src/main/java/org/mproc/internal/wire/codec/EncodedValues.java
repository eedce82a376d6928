package org.mproc.internal.wire.codec;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Values encoded one after another into one array, each alone: each is a block
 * {@code i32 n | n bytes}, the bytes {@link Codec#standard()} would give it on its own (its own
 * graph, nothing shared with the others, its own JDK fallback). A pool worker adds each result of a
 * chunk as its task returns it, so the chunk holds bytes rather than results. One array, one
 * writer and one reader per chunk: an array, a writer and a buffer per result had cut the
 * tiny-grain map from ~14 M to ~7.5 M items/s.
 */
public final class EncodedValues {
    private final FastOutput out = new FastOutput();
    private final FastWriter writer = new FastWriter(out);
    private int count;

    /** Appends {@code value}'s block; when it throws (a value that cannot be written), nothing is appended. */
    public void add(Object value) throws IOException {
        int lengthAt = out.size();
        out.writeInt(0);
        try {
            FastCodec.encode(value, writer, out);
        } catch (IOException | RuntimeException | Error e) {
            out.truncate(lengthAt);
            throw e;
        }
        out.putInt(lengthAt, out.size() - lengthAt - 4);
        count++;
    }

    /** How many values were added. */
    public int count() {
        return count;
    }

    /** The blocks, in the order the values were added. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /**
     * Checks that {@code blocks[offset, end)} holds exactly {@code count} blocks, each length
     * within what is left; returns a message saying what is wrong, or null.
     */
    public static String malformed(byte[] blocks, int offset, int end, int count) {
        int at = offset;
        for (int i = 0; i < count; i++) {
            if (end - at < 4) {
                return "block " + i + " of " + count + " has no length (" + (end - at) + " bytes left)";
            }
            int n = intAt(blocks, at);
            at += 4;
            if (n < 0 || n > end - at) {
                return "block " + i + " of " + count + " announces " + n + " bytes with " + (end - at) + " left";
            }
            at += n;
        }
        return at == end ? null : (end - at) + " bytes after " + count + " blocks";
    }

    /**
     * Decodes the {@code count} blocks that run from {@code blocks[offset]} to the end, each alone,
     * as {@link #add} wrote them.
     *
     * @throws StreamCorruptedException when they are not exactly {@code count} blocks ({@link #malformed})
     */
    public static List<Object> decode(byte[] blocks, int offset, int count) throws IOException, ClassNotFoundException {
        String malformed = malformed(blocks, offset, blocks.length, count);
        if (malformed != null) {
            throw new StreamCorruptedException(malformed);
        }
        List<Object> values = new ArrayList<>(count);
        FastInput in = new FastInput(blocks, 0, 0);
        FastReader reader = new FastReader(in);
        int at = offset;
        for (int i = 0; i < count; i++) {
            int n = intAt(blocks, at);
            values.add(FastCodec.decode(blocks, at + 4, n, in, reader));
            at += 4 + n;
        }
        return values;
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
