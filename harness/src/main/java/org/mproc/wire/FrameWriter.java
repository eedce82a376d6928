package org.mproc.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/** Writes whole frames; safe for many writer threads (a frame is never interleaved with another). */
public final class FrameWriter {
    private final ByteChannel channel;
    private final int maxPayload;

    public FrameWriter(ByteChannel channel, int maxPayload) {
        this.channel = channel;
        this.maxPayload = maxPayload;
    }

    public void write(Frame frame) throws IOException {
        byte[] payload = frame.payload();
        if (payload.length > maxPayload) {
            throw new FrameTooLargeException(FrameTypes.name(frame.type()), payload.length, maxPayload);
        }
        ByteBuffer buffer = ByteBuffer.allocate(Frame.HEADER_BYTES + payload.length);
        buffer.putInt(payload.length).put(frame.type()).putLong(frame.correlationId()).put(payload).flip();
        synchronized (this) {
            ChannelIo.writeFully(channel, buffer);
        }
    }
}
