package org.mproc.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Whole-buffer reads and writes on a blocking channel. We do not use {@code Channels.newInputStream}:
 * its streams lock the channel's blocking lock for the whole call, so a reader parked in
 * {@code read} would stall every writer on the same socket.
 */
public final class ChannelIo {
    private ChannelIo() {}

    /** Fills {@code buffer}; EOF before the first byte returns false, EOF after it throws. */
    static boolean readFully(ByteChannel channel, ByteBuffer buffer, String what) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (buffer.position() == start) {
                    return false;
                }
                throw new EOFException("connection closed inside " + what + " after "
                        + (buffer.position() - start) + " of " + (buffer.limit() - start) + " bytes");
            }
        }
        return true;
    }

    static void writeFully(ByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Writes all of {@code buffer} on a non-blocking channel, waiting for room as needed. An
     * interrupt neither closes the channel nor cuts the write short; the status is kept.
     */
    static void writeFully(ByteChannel channel, ByteBuffer buffer, Readiness writable) throws IOException {
        boolean interrupted = false;
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    interrupted |= writable.await();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Like {@link #readFully(ByteChannel, ByteBuffer, String)} on a non-blocking channel. */
    static boolean readFully(ByteChannel channel, ByteBuffer buffer, String what, Readiness readable) throws IOException {
        int start = buffer.position();
        boolean interrupted = false;
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer);
                if (n < 0) {
                    if (buffer.position() == start) {
                        return false;
                    }
                    throw new EOFException("connection closed inside " + what + " after "
                            + (buffer.position() - start) + " of " + (buffer.limit() - start) + " bytes");
                }
                if (n == 0) {
                    interrupted |= readable.await();
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
