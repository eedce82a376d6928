package org.mproc.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mproc.testkit.Delays;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The frame reader facing bad input: whatever bytes arrive, it returns whole frames, {@code null} at a
 * clean end between frames, or an {@link IOException}; it never allocates what a header merely
 * announces, never returns part of a frame, and never waits for bytes that cannot come.
 */
class FrameReaderTest {
    /** Small enough that no generated input can make the reader allocate much. */
    private static final int SMALL_LIMIT = 256;

    @Test
    void generatedFramesSurviveTheRoundTripInAnyReadChunking() {
        qt().withExamples(200).withShrinkCycles(50)
                .forAll(lists().of(WireGen.frames(4096)).ofSizeBetween(0, 8), integers().between(1, 64))
                .checkAssert((frames, chunk) -> {
                    byte[] wire = WireGen.encode(frames);
                    List<Frame> read = readAll(new MemoryChannel(wire, chunk), 4096);
                    assertEquals(describe(frames), describe(read));
                });
    }

    @Test
    void cleanEndOfStreamBetweenFramesIsNullAndStaysNull() throws IOException {
        Frame one = new Frame(FrameTypes.HELLO, 7L, new byte[16]);
        FrameReader reader = new FrameReader(new MemoryChannel(WireGen.encode(List.of(one)), 5), SMALL_LIMIT);
        assertEquals(describe(List.of(one)), describe(List.of(reader.read())));
        assertNull(reader.read());
        assertNull(reader.read());
        assertNull(new FrameReader(new MemoryChannel(new byte[0], 1), SMALL_LIMIT).read());
    }

    @Test
    void lengthOverTheLimitIsRefusedBeforeThePayloadIsAllocatedOrRead() throws IOException {
        int limit = FrameLimits.DEFAULT_MAX_FRAME;
        for (int announced : new int[] {limit + 1, 256 << 20, Integer.MAX_VALUE}) {
            MemoryChannel channel = new MemoryChannel(header(announced, FrameTypes.RUN_TASK, 1L), 64);
            FrameReader reader = new FrameReader(channel, limit);
            long before = allocatedByThisThread();
            ProtocolException e = assertThrows(ProtocolException.class, reader::read);
            long allocated = allocatedByThisThread() - before;
            assertTrue(e.getMessage().contains(Integer.toString(announced))
                    && e.getMessage().contains(Integer.toString(limit)), e.getMessage());
            assertEquals(Frame.HEADER_BYTES, channel.consumed(), "read past the header");
            assertTrue(allocated < (1 << 20), "reading a " + announced + "-byte header allocated " + allocated);
        }
    }

    @Test
    void anyLengthOverASmallLimitIsRefusedWithoutReadingOn() {
        qt().withExamples(300).withShrinkCycles(50)
                .forAll(integers().between(SMALL_LIMIT + 1, Integer.MAX_VALUE), WireGen.knownTypes())
                .checkAssert((announced, type) -> {
                    byte[] wire = concat(header(announced, type, 0L), new byte[SMALL_LIMIT]);
                    MemoryChannel channel = new MemoryChannel(wire, 1024);
                    ProtocolException e = assertThrows(ProtocolException.class,
                            () -> new FrameReader(channel, SMALL_LIMIT).read());
                    assertTrue(e.getMessage().contains(announced + " bytes; the limit is " + SMALL_LIMIT),
                            e.getMessage());
                    assertReadAheadOnlyIntoItsBuffer(channel);
                });
    }

    /**
     * A refused frame may have been read ahead into the reader's fixed buffer (frames that arrive
     * together cost one read), never further and never into memory sized by the announced length.
     */
    private static void assertReadAheadOnlyIntoItsBuffer(MemoryChannel channel) {
        assertTrue(channel.consumed() <= FrameReader.BUFFER_BYTES, "read " + channel.consumed() + " bytes ahead");
    }

    @Test
    void negativeLengthIsRefused() {
        qt().withExamples(200).withShrinkCycles(50)
                .forAll(integers().between(Integer.MIN_VALUE, -1), WireGen.knownTypes())
                .checkAssert((announced, type) -> {
                    MemoryChannel channel = new MemoryChannel(concat(header(announced, type, 0L), new byte[64]), 64);
                    ProtocolException e = assertThrows(ProtocolException.class,
                            () -> new FrameReader(channel, SMALL_LIMIT).read());
                    assertTrue(e.getMessage().contains(Integer.toString(announced)), e.getMessage());
                    assertReadAheadOnlyIntoItsBuffer(channel);
                });
    }

    @Test
    void raisingTheLimitAdmitsLargerFrames() throws IOException {
        byte[] wire = WireGen.encode(List.of(Frame.of(FrameTypes.RUN_TASK, new byte[65])));
        assertThrows(ProtocolException.class,
                () -> new FrameReader(new MemoryChannel(wire, 64), FrameLimits.HANDSHAKE_MAX_FRAME).read());
        FrameReader raised = new FrameReader(new MemoryChannel(wire, 64), FrameLimits.HANDSHAKE_MAX_FRAME);
        raised.limit(FrameLimits.maxFrame());
        assertEquals(65, raised.read().payload().length);
    }

    @Test
    void everyTypeByteOutsideTheTableIsRefusedAndEveryListedOneIsRead() throws IOException {
        for (int b = Byte.MIN_VALUE; b <= Byte.MAX_VALUE; b++) {
            byte type = (byte) b;
            byte[] wire = concat(header(4, type, 3L), new byte[] {1, 2, 3, 4});
            MemoryChannel channel = new MemoryChannel(wire, 64);
            FrameReader reader = new FrameReader(channel, SMALL_LIMIT);
            if (FrameTypes.isKnown(type)) {
                Frame frame = reader.read();
                assertEquals(type, frame.type());
                assertArrayEquals(new byte[] {1, 2, 3, 4}, frame.payload());
            } else {
                ProtocolException e = assertThrows(ProtocolException.class, reader::read, FrameTypes.name(type));
                assertTrue(e.getMessage().contains("unknown frame type " + FrameTypes.name(type)), e.getMessage());
                assertReadAheadOnlyIntoItsBuffer(channel);
            }
        }
    }

    @Test
    void aStreamCutAnywhereYieldsTheWholeFramesBeforeTheCutThenEndOrEof() {
        qt().withExamples(300).withShrinkCycles(50)
                .forAll(lists().of(WireGen.frames(300)).ofSizeBetween(1, 5), integers().between(0, 1_000_000),
                        integers().between(1, 32))
                .checkAssert((frames, cutSeed, chunk) -> {
                    byte[] whole = WireGen.encode(frames);
                    int cut = cutSeed % (whole.length + 1);
                    List<Integer> boundaries = boundaries(frames);
                    int wholeFrames = (int) boundaries.stream().filter(end -> end <= cut).count() - 1;
                    FrameReader reader = new FrameReader(new MemoryChannel(prefix(whole, cut), chunk), 300);
                    List<Frame> read = new ArrayList<>();
                    try {
                        for (Frame f = reader.read(); f != null; f = reader.read()) {
                            read.add(f);
                        }
                        assertTrue(boundaries.contains(cut), "null (clean end) at " + cut + ", inside a frame");
                    } catch (EOFException e) {
                        assertTrue(!boundaries.contains(cut), "EOFException at a frame boundary " + cut);
                    } catch (IOException e) {
                        fail("a cut stream must end in null or EOFException, not " + e);
                    }
                    assertEquals(describe(frames.subList(0, wholeFrames)), describe(read));
                });
    }

    @Test
    void truncatedHeaderAndPayloadAreEofExceptions() {
        byte[] whole = WireGen.encode(List.of(new Frame(FrameTypes.RESPONSE, 9L, new byte[32])));
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] cutShort = prefix(whole, cut);
            EOFException e = assertThrows(EOFException.class,
                    () -> new FrameReader(new MemoryChannel(cutShort, 7), SMALL_LIMIT).read(), "cut at " + cut);
            assertTrue(e.getMessage().contains(cut < Frame.HEADER_BYTES ? "header" : "payload"), e.getMessage());
        }
    }

    @Test
    void truncatedFrameOnARealPipeEndsInEofWithoutHanging() throws IOException {
        byte[] whole = WireGen.encode(List.of(Frame.of(FrameTypes.RUN_TASK, new byte[1000])));
        for (int cut : new int[] {3, Frame.HEADER_BYTES, Frame.HEADER_BYTES + 500}) {
            try (PipeChannel pipe = PipeChannel.open()) {
                pipe.write(ByteBuffer.wrap(prefix(whole, cut)));
                pipe.closeWritingEnd();
                FrameReader reader = new FrameReader(pipe, 4096);
                assertTimeoutPreemptively(Delays.SHORT, () -> assertThrows(EOFException.class, reader::read));
            }
        }
        try (PipeChannel pipe = PipeChannel.open()) {
            Frame frame = new Frame(FrameTypes.EXIT, -1L, new byte[0]);
            new FrameWriter(pipe, 16).write(frame);
            new FrameWriter(pipe, 16).write(frame);
            pipe.closeWritingEnd();
            FrameReader reader = new FrameReader(pipe, 16);
            assertTimeoutPreemptively(Delays.SHORT, () -> {
                assertEquals(describe(List.of(frame, frame)), describe(List.of(reader.read(), reader.read())));
                assertNull(reader.read());
            });
        }
    }

    /**
     * The oracle: every frame the reader returns re-encodes to exactly the next bytes of the input,
     * so nothing was invented, skipped or cut short; {@code null} comes only after the last byte.
     */
    @Test
    void arbitraryBytesYieldOnlyExactFramesNullOrIoException() {
        qt().withExamples(2000).withShrinkCycles(50)
                .forAll(WireGen.garbage(), integers().between(1, 40))
                .checkAssert((input, chunk) -> {
                    MemoryChannel channel = new MemoryChannel(input, chunk);
                    FrameReader reader = new FrameReader(channel, SMALL_LIMIT);
                    int offset = 0;
                    try {
                        for (Frame f = reader.read(); f != null; f = reader.read()) {
                            assertTrue(FrameTypes.isKnown(f.type()) && f.payload().length <= SMALL_LIMIT, f::toString);
                            byte[] encoded = WireGen.encode(List.of(f));
                            assertArrayEquals(encoded, slice(input, offset, encoded.length), "frame at " + offset);
                            offset += encoded.length;
                        }
                        assertEquals(input.length, offset, "null before the end of the input");
                    } catch (IOException expected) {
                        assertTrue(offset < input.length, "IOException after the last frame");
                    } catch (RuntimeException | Error e) {
                        throw new AssertionError("the reader threw " + e + " on "
                                + HexFormat.of().formatHex(input), e);
                    }
                });
    }

    @Test
    void writerRefusesAPayloadOverItsLimitBeforeWritingAByte() {
        MemoryChannel channel = new MemoryChannel(new byte[0], 1);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                () -> new FrameWriter(channel, 16).write(Frame.of(FrameTypes.RUN_TASK, new byte[17])));
        assertTrue(e.getMessage().contains("17 bytes") && e.getMessage().contains("limit of 16"), e.getMessage());
        assertEquals(0, channel.written().length);
    }

    // ---- helpers ----

    private static List<Frame> readAll(ByteChannel channel, int limit) {
        FrameReader reader = new FrameReader(channel, limit);
        List<Frame> frames = new ArrayList<>();
        try {
            for (Frame f = reader.read(); f != null; f = reader.read()) {
                frames.add(f);
            }
        } catch (IOException e) {
            throw new AssertionError("a well-formed stream failed after " + frames.size() + " frames", e);
        }
        return frames;
    }

    /** Frame offsets where a clean end may fall: 0 and after each frame. */
    private static List<Integer> boundaries(List<Frame> frames) {
        List<Integer> ends = new ArrayList<>(List.of(0));
        int end = 0;
        for (Frame f : frames) {
            end += Frame.HEADER_BYTES + f.payload().length;
            ends.add(end);
        }
        return ends;
    }

    /** Frames are records over arrays; compare them by content. */
    static List<String> describe(List<Frame> frames) {
        return frames.stream()
                .map(f -> FrameTypes.name(f.type()) + "#" + f.correlationId() + ":" + HexFormat.of().formatHex(f.payload()))
                .collect(Collectors.toList());
    }

    static byte[] header(int length, byte type, long correlationId) {
        return ByteBuffer.allocate(Frame.HEADER_BYTES).putInt(length).put(type).putLong(correlationId).array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] prefix(byte[] bytes, int length) {
        return slice(bytes, 0, length);
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] part = new byte[Math.max(0, Math.min(length, bytes.length - from))];
        System.arraycopy(bytes, from, part, 0, part.length);
        return part;
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Generators of frames and of bytes that look more or less like frames; shared by the wire tests. */
    static final class WireGen {
        private WireGen() {}

        /** Every type byte the table registers. */
        static Gen<Byte> knownTypes() {
            List<Byte> known = IntStream.rangeClosed(Byte.MIN_VALUE, Byte.MAX_VALUE)
                    .mapToObj(b -> (byte) b).filter(FrameTypes::isKnown).collect(Collectors.toList());
            return Generate.pick(known);
        }

        static Gen<byte[]> bytes(int minLength, int maxLength) {
            return Generate.byteArrays(Generate.range(minLength, maxLength),
                    Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        }

        /** Well-formed frames of registered types, payloads up to {@code maxPayload} bytes. */
        static Gen<Frame> frames(int maxPayload) {
            return knownTypes().zip(longs().all(), bytes(0, maxPayload), Frame::new);
        }

        /**
         * Inputs a hostile or broken peer could send: pure noise, or runs of headers whose length,
         * type and body disagree (near the limits, negative, unknown types, bodies cut short or too long).
         */
        static Gen<byte[]> garbage() {
            Gen<byte[]> piece = integers().between(-3, 300).zip(integers().between(-2, 12), longs().all(),
                    bytes(0, 300), (length, type, id, body) -> concat(header(length, (byte) (int) type, id), body));
            Gen<byte[]> pieces = lists().of(piece).ofSizeBetween(0, 5).map(FrameReaderTest::concatAll);
            Gen<byte[]> wellFormedThenNoise = lists().of(frames(200)).ofSizeBetween(0, 3)
                    .zip(bytes(0, 40), (frames, tail) -> concat(encode(frames), tail));
            return Generate.oneOf(bytes(0, 600), pieces, wellFormedThenNoise);
        }

        /** Frames as {@link FrameWriter} puts them on the wire. */
        static byte[] encode(List<Frame> frames) {
            MemoryChannel out = new MemoryChannel(new byte[0], 1);
            FrameWriter writer = new FrameWriter(out, Integer.MAX_VALUE);
            try {
                for (Frame f : frames) {
                    writer.write(f);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return out.written();
        }
    }

    private static byte[] concatAll(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /** A channel over bytes in memory that, like a socket, hands out at most {@code chunk} bytes per read. */
    static final class MemoryChannel implements ByteChannel {
        private final byte[] input;
        private final int chunk;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private int position;
        private boolean open = true;

        MemoryChannel(byte[] input, int chunk) {
            this.input = input;
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position == input.length) {
                return -1;
            }
            int n = Math.min(Math.min(chunk, dst.remaining()), input.length - position);
            dst.put(input, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] bytes = new byte[n];
            src.get(bytes);
            written.writeBytes(bytes);
            return n;
        }

        int consumed() {
            return position;
        }

        byte[] written() {
            return written.toByteArray();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /** Both ends of an OS pipe as one channel: what is written comes back on read, blocking like a socket. */
    private static final class PipeChannel implements ByteChannel {
        private final Pipe pipe;

        private PipeChannel(Pipe pipe) {
            this.pipe = pipe;
        }

        static PipeChannel open() throws IOException {
            return new PipeChannel(Pipe.open());
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return pipe.source().read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return pipe.sink().write(src);
        }

        void closeWritingEnd() throws IOException {
            pipe.sink().close();
        }

        @Override
        public boolean isOpen() {
            return pipe.source().isOpen();
        }

        @Override
        public void close() throws IOException {
            pipe.sink().close();
            pipe.source().close();
        }
    }
}
