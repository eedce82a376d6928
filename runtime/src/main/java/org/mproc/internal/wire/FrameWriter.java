package org.mproc.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Writes whole frames; safe for many writer threads (a frame is never interleaved with another).
 * Frames that fit go through one direct buffer kept for this connection, so a small frame costs
 * one copy and one system call, without the JDK's temporary direct buffer per heap write.
 */
public final class FrameWriter {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ByteChannel channel;
    private final int maxPayload;
    private ByteBuffer out; // guarded by this; allocated on first use
    /** Set once the channel is non-blocking (see {@link Connection#uninterruptible()}). */
    private volatile Readiness writable;

    public FrameWriter(ByteChannel channel, int maxPayload) {
        this.channel = channel;
        this.maxPayload = maxPayload;
    }

    void nonBlocking(Readiness writable) {
        this.writable = writable;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        Readiness w = writable;
        if (w == null) {
            ChannelIo.writeFully(channel, buffer);
        } else {
            ChannelIo.writeFully(channel, buffer, w);
        }
    }

    public void write(Frame frame) throws IOException {
        byte[] payload = frame.payload();
        if (payload.length > maxPayload) {
            throw new FrameTooLargeException(FrameTypes.name(frame.type()), payload.length, maxPayload);
        }
        int size = Frame.HEADER_BYTES + payload.length;
        if (size > BUFFER_BYTES) {
            ByteBuffer buffer = ByteBuffer.allocate(size);
            buffer.putInt(payload.length).put(frame.type()).putLong(frame.correlationId()).put(payload).flip();
            synchronized (this) {
                writeFully(buffer);
            }
            return;
        }
        synchronized (this) {
            if (out == null) {
                out = ByteBuffer.allocateDirect(BUFFER_BYTES);
            }
            out.clear();
            out.putInt(payload.length).put(frame.type()).putLong(frame.correlationId()).put(payload).flip();
            writeFully(out);
        }
    }
}
