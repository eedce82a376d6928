package org.mproc.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Reads {@link Frame}s from one blocking channel. The length is checked against the limit before
 * anything is allocated, so a peer cannot make us reserve memory by announcing a huge frame.
 * Not thread-safe: one reader thread per connection.
 */
public final class FrameReader {
    private final ByteChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(Frame.HEADER_BYTES);
    private volatile int maxPayload;

    public FrameReader(ByteChannel channel, int maxPayload) {
        this.channel = channel;
        this.maxPayload = maxPayload;
    }

    /** Raises the limit once the peer has authenticated. */
    public void limit(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** The next frame, or {@code null} at a clean end of stream (between frames). */
    public Frame read() throws IOException {
        header.clear();
        if (!ChannelIo.readFully(channel, header, "a frame header")) {
            return null;
        }
        header.flip();
        int length = header.getInt();
        byte type = header.get();
        long correlationId = header.getLong();
        if (length < 0 || length > maxPayload) {
            throw new ProtocolException("frame " + FrameTypes.name(type) + " announces " + length
                    + " bytes; the limit is " + maxPayload);
        }
        if (!FrameTypes.isKnown(type)) {
            throw new ProtocolException("unknown frame type " + FrameTypes.name(type));
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (length > 0 && !ChannelIo.readFully(channel, payload, "a frame payload")) {
            throw new EOFException("connection closed before the payload of " + FrameTypes.name(type));
        }
        return new Frame(type, correlationId, payload.array());
    }

    /** The next frame, which must exist and be of {@code expected} type. */
    public Frame expect(byte expected) throws IOException {
        Frame frame = read();
        if (frame == null) {
            throw new EOFException("connection closed while waiting for " + FrameTypes.name(expected));
        }
        if (frame.type() != expected) {
            throw new ProtocolException("expected " + FrameTypes.name(expected) + ", got " + frame);
        }
        return frame;
    }
}
