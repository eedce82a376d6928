package org.mproc.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.internal.queue.QueueFrames.Reply;
import org.mproc.internal.queue.QueueFrames.Request;
import org.mproc.internal.queue.QueueFrames.Status;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

class QueueFramesTest {

    private static Request roundTrip(Request r) throws ProtocolException {
        return Request.from(r.toFrame());
    }

    @Test
    void everyRequestSurvivesItsFrame() {
        qt().forAll(integers().between(FrameTypes.QUEUE_OPEN, FrameTypes.QUEUE_RETURN), longs().all(),
                longs().between(-1, Long.MAX_VALUE), integers().between(1, 1 << 20)).checkAssert((type, id, timeout, count) -> {
            byte t = (byte) (int) type;
            boolean timed = t == FrameTypes.QUEUE_TAKE || t == FrameTypes.QUEUE_CREDIT;
            boolean counted = t == FrameTypes.QUEUE_TAKE;
            byte[] element = t == FrameTypes.QUEUE_PUT ? new byte[count % 300] : null;
            boolean named = t == FrameTypes.QUEUE_CONSUMED || t == FrameTypes.QUEUE_RETURN;
            long[] seqs = named ? java.util.stream.LongStream.range(id, id + count % 50).toArray() : null;
            Request sent = named ? Request.lent(t, id, seqs)
                    : new Request(t, 42, id, timed ? timeout : 0, counted ? count : 0, element);
            try {
                Request got = roundTrip(sent);
                assertEquals(sent.type(), got.type());
                assertEquals(sent.correlationId(), got.correlationId());
                assertEquals(sent.queueId(), got.queueId());
                assertEquals(sent.timeoutNanos(), got.timeoutNanos());
                assertEquals(sent.count(), got.count());
                assertArrayEquals(sent.element(), got.element());
                assertArrayEquals(sent.seqs(), got.seqs());
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void malformedRequestsAreRefused() {
        Frame negativeTimeout = new Frame(FrameTypes.QUEUE_TAKE, 1,
                new WireData.Out().i64(1).i64(-2).i32(1).toByteArray());
        assertThrows(ProtocolException.class, () -> Request.from(negativeTimeout));
        Frame takeNothing = new Frame(FrameTypes.QUEUE_TAKE, 1, new WireData.Out().i64(1).i64(-1).i32(0).toByteArray());
        assertThrows(ProtocolException.class, () -> Request.from(takeNothing));
        Frame negativeReturn = new Frame(FrameTypes.QUEUE_RETURN, 0, new WireData.Out().i64(1).i32(-1).toByteArray());
        assertThrows(ProtocolException.class, () -> Request.from(negativeReturn));
        Frame trailing = new Frame(FrameTypes.QUEUE_SIZE, 1, new WireData.Out().i64(1).i32(7).toByteArray());
        assertThrows(ProtocolException.class, () -> Request.from(trailing));
        Frame truncated = new Frame(FrameTypes.QUEUE_PUT, 0, new WireData.Out().i64(1).i32(100).toByteArray());
        assertThrows(ProtocolException.class, () -> Request.from(truncated));
        Frame notARequest = new Frame(FrameTypes.QUEUE_REPLY, 0, new byte[12]);
        assertThrows(ProtocolException.class, () -> Request.from(notARequest));
    }

    @Test
    void repliesSurviveTheirFrame() throws ProtocolException {
        Reply elements = Reply.from(Reply.elements(List.of(new byte[] {1}, new byte[0], new byte[] {2, 3}), 77).toFrame(9));
        assertEquals(Status.ELEMENTS, elements.status());
        assertEquals(77, elements.firstSeq());
        assertEquals(List.of("[1]", "[]", "[2, 3]"), elements.elements().stream().map(Arrays::toString).toList());
        Reply ints = Reply.from(Reply.ints(5, -1, 7).toFrame(9));
        assertEquals(List.of(5, -1, 7), List.of(ints.intAt(0), ints.intAt(1), ints.intAt(2)));
        assertEquals("no such queue", Reply.from(Reply.error("no such queue").toFrame(9)).message());
        for (Reply r : List.of(Reply.EMPTY, Reply.CLOSED, Reply.OK)) {
            assertEquals(r.status(), Reply.from(r.toFrame(1)).status());
        }
    }

    @Test
    void malformedRepliesAreRefused() {
        Frame unknownStatus = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(99).block(new byte[0]).toByteArray());
        assertThrows(ProtocolException.class, () -> Reply.from(unknownStatus));
        Frame noElements = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(1).i32(0).i64(1).toByteArray());
        assertThrows(ProtocolException.class, () -> Reply.from(noElements));
        Frame shortList = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(1).i32(3).i64(1).block(new byte[1]).toByteArray());
        Frame tooManySeqs = new Frame(FrameTypes.QUEUE_RETURN, 0, new WireData.Out().i64(1).i32(1 << 20).i64(5).toByteArray());
        assertThrows(ProtocolException.class, () -> Request.from(tooManySeqs));
        assertThrows(ProtocolException.class, () -> Reply.from(shortList));
    }
}
