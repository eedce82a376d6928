package org.mproc.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * Reads {@link Frame}s from one blocking channel. The length is checked against the limit before
 * anything is allocated, so a peer cannot make us reserve memory by announcing a huge frame.
 * Reads go through a buffer, so frames that arrive together (a burst of queue puts, a batch of
 * replies) cost one system call, not two each; a payload larger than the buffer is read straight
 * into its own array. Not thread-safe: one reader thread per connection.
 */
public final class FrameReader {
    static final int BUFFER_BYTES = 64 * 1024;

    private final ByteChannel channel;
    /** Bytes read and not yet parsed lie between position and limit (read mode between calls). */
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES).flip();
    private volatile int maxPayload;
    /** Set once the channel is non-blocking (see {@link Connection#uninterruptible()}). */
    private volatile Readiness readable;
    /** Whether a wait polls the channel first ({@link SpinWait}); only the reader thread uses the rest. */
    private volatile boolean spins;
    private final SpinRecord quickWaits = new SpinRecord();
    private final SpinRecord blockingWaits = new SpinRecord();
    private boolean nextWaitMayBlock;

    public FrameReader(ByteChannel channel, int maxPayload) {
        this.channel = channel;
        this.maxPayload = maxPayload;
    }

    void nonBlocking(Readiness readable) {
        this.readable = readable;
    }

    /** See {@link Connection#spinWhileWaiting()}. */
    void spinWhileWaiting() {
        this.spins = SpinWait.nanos() > 0;
    }

    /** Raises the limit once the peer has authenticated. */
    public void limit(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /**
     * The next wait (the reader's own next read) may block for long — the owner knows, e.g. a
     * server that has parked a lock request — so it is judged by the record of such waits.
     */
    void nextWaitMayBlock() {
        nextWaitMayBlock = true;
    }

    /** The next frame, or {@code null} at a clean end of stream (between frames). */
    public Frame read() throws IOException {
        return read(false);
    }

    /**
     * Like {@link #read()}, but on a non-blocking channel an interrupt that comes while no byte of
     * the next frame has arrived ends the wait with {@link InterruptedIOException} (the interrupt
     * status kept); once a frame has begun, it is read to its end.
     */
    public Frame read(boolean stopOnInterrupt) throws IOException {
        SpinRecord record = stopOnInterrupt || nextWaitMayBlock ? blockingWaits : quickWaits;
        nextWaitMayBlock = false;
        if (!fill(Frame.HEADER_BYTES, stopOnInterrupt, record)) {
            if (in.hasRemaining()) {
                throw new EOFException("connection closed inside a frame header after " + in.remaining()
                        + " of " + Frame.HEADER_BYTES + " bytes");
            }
            return null;
        }
        int length = in.getInt();
        byte type = in.get();
        long correlationId = in.getLong();
        if (length < 0 || length > maxPayload) {
            throw new ProtocolException("frame " + FrameTypes.name(type) + " announces " + length
                    + " bytes; the limit is " + maxPayload);
        }
        if (!FrameTypes.isKnown(type)) {
            throw new ProtocolException("unknown frame type " + FrameTypes.name(type));
        }
        byte[] payload = new byte[length];
        int buffered = Math.min(length, in.remaining());
        in.get(payload, 0, buffered);
        if (buffered < length) {
            ByteBuffer rest = ByteBuffer.wrap(payload, buffered, length - buffered);
            Readiness r = readable;
            if (!(r == null ? ChannelIo.readFully(channel, rest, "a frame payload")
                    : ChannelIo.readFully(channel, rest, "a frame payload", r))) {
                throw new EOFException("connection closed before the payload of " + FrameTypes.name(type));
            }
        }
        return new Frame(type, correlationId, payload);
    }

    /**
     * Makes at least {@code n} (≤ the buffer) bytes available; false at end of stream before that.
     * A wait spins first when this reader spins and {@code record} says spinning has paid.
     */
    private boolean fill(int n, boolean stopOnInterrupt, SpinRecord record) throws IOException {
        if (in.remaining() >= n) {
            return true;
        }
        in.compact();
        Readiness r = readable;
        boolean interrupted = false;
        boolean triedSpin = false; // a wait spins at most once, before its first sleep
        boolean spinning = false; // holding one of the process's spinning places (SpinWait)
        long spinUntil = 0;
        try {
            while (in.position() < n) {
                int got = channel.read(in);
                if (got < 0) {
                    return false;
                }
                if (got > 0 && spinning) {
                    spinning = false;
                    SpinWait.end();
                    record.answered(); // the peer answered within the spin: keep spinning
                }
                if (got == 0 && r != null) {
                    if (spins && !triedSpin) {
                        triedSpin = true;
                        spinning = record.spinNow() && SpinWait.tryStart();
                        spinUntil = System.nanoTime() + SpinWait.nanos();
                    }
                    if (spinning) {
                        if (System.nanoTime() - spinUntil < 0) {
                            Thread.onSpinWait();
                            continue; // the peer may answer before a sleep and its wake-up would be over
                        }
                        spinning = false;
                        SpinWait.end();
                        record.spunInVain();
                    }
                    interrupted |= r.await();
                    if (interrupted && stopOnInterrupt && in.position() == 0) {
                        throw new InterruptedIOException("interrupted while waiting for a frame");
                    }
                }
            }
            return true;
        } finally {
            if (spinning) {
                SpinWait.end();
            }
            in.flip();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
