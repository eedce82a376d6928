package org.mproc.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.internal.queue.QueueFrames.Closing;
import org.mproc.internal.queue.QueueFrames.CreditRecall;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

class QueueFramesTest {

    /** The request of {@code type} with these values, each type taking only the fields it has. */
    private static QueueRequest request(byte type, long corr, long id, long timeout, int count) {
        return switch (type) {
            case FrameTypes.QUEUE_OPEN -> new QueueRequest.Open(corr, id);
            case FrameTypes.QUEUE_PUT -> new QueueRequest.Put(corr, id, new byte[count % 300]);
            case FrameTypes.QUEUE_TAKE -> new QueueRequest.Take(corr, id, timeout);
            case FrameTypes.QUEUE_CREDIT -> new QueueRequest.Credit(corr, id, timeout, count);
            case FrameTypes.QUEUE_CANCEL -> new QueueRequest.Cancel(corr, id);
            case FrameTypes.QUEUE_CLOSE -> new QueueRequest.Close(corr, id);
            case FrameTypes.QUEUE_CLOSING_ACK -> new QueueRequest.ClosingAck(corr, id);
            case FrameTypes.QUEUE_SIZE -> new QueueRequest.Size(corr, id);
            case FrameTypes.QUEUE_TASK_DONE -> new QueueRequest.TaskDone(corr, id);
            case FrameTypes.QUEUE_JOIN -> new QueueRequest.Join(corr, id);
            case FrameTypes.QUEUE_CLAIMED -> new QueueRequest.Claimed(corr, id);
            case FrameTypes.QUEUE_CREDIT_RETURN -> new QueueRequest.CreditReturn(corr, id, count - 1);
            case FrameTypes.QUEUE_PRODUCE -> new QueueRequest.Produce(corr, id, timeout);
            default -> throw new IllegalArgumentException("not a queue request: " + type);
        };
    }

    @Test
    void everyRequestSurvivesItsFrame() {
        qt().forAll(integers().between(FrameTypes.QUEUE_OPEN, FrameTypes.QUEUE_PRODUCE), longs().all(),
                longs().between(-1, Long.MAX_VALUE), integers().between(1, 1 << 20)).checkAssert((type, id, timeout, count) -> {
            byte t = (byte) (int) type;
            QueueRequest sent = request(t, 42, id, timeout, count);
            try {
                Frame frame = sent.toFrame();
                QueueRequest got = QueueRequest.from(frame);
                assertEquals(t, frame.type());
                assertEquals(42, frame.correlationId());
                assertEquals(sent.getClass(), got.getClass());
                assertEquals(sent.type(), got.type());
                assertEquals(sent.correlationId(), got.correlationId());
                assertEquals(sent.queueId(), got.queueId());
                if (sent instanceof QueueRequest.Put put) {
                    assertArrayEquals(put.element(), ((QueueRequest.Put) got).element());
                }
                if (!(sent instanceof QueueRequest.Put)) {
                    assertEquals(sent, got); // no array field: every field compared
                }
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void assertBytes(byte type, long corr, WireData.Out payload, Frame frame) {
        assertEquals(FrameTypes.name(type), FrameTypes.name(frame.type()));
        assertEquals(corr, frame.correlationId());
        assertArrayEquals(payload.toByteArray(), frame.payload());
    }

    @Test
    void requestsKeepTheProtocolsBytes() {
        long q = 0x0102030405060708L;
        assertBytes(FrameTypes.QUEUE_OPEN, 9, new WireData.Out().i64(q), new QueueRequest.Open(9, q).toFrame());
        assertBytes(FrameTypes.QUEUE_PUT, 0, new WireData.Out().i64(q).block(new byte[] {1, 2, 3}),
                new QueueRequest.Put(0, q, new byte[] {1, 2, 3}).toFrame());
        assertBytes(FrameTypes.QUEUE_PUT, 0, new WireData.Out().i64(q).block(new byte[0]),
                new QueueRequest.Put(0, q, new byte[0]).toFrame());
        assertBytes(FrameTypes.QUEUE_TAKE, 9, new WireData.Out().i64(q).i64(-1),
                new QueueRequest.Take(9, q, -1).toFrame());
        assertBytes(FrameTypes.QUEUE_CREDIT, 9, new WireData.Out().i64(q).i64(5).i32(64),
                new QueueRequest.Credit(9, q, 5, 64).toFrame());
        assertBytes(FrameTypes.QUEUE_CANCEL, 9, new WireData.Out().i64(q), new QueueRequest.Cancel(9, q).toFrame());
        assertBytes(FrameTypes.QUEUE_CLOSE, 9, new WireData.Out().i64(q), new QueueRequest.Close(9, q).toFrame());
        assertBytes(FrameTypes.QUEUE_CLOSING_ACK, 0, new WireData.Out().i64(q),
                new QueueRequest.ClosingAck(0, q).toFrame());
        assertBytes(FrameTypes.QUEUE_SIZE, 9, new WireData.Out().i64(q), new QueueRequest.Size(9, q).toFrame());
        assertBytes(FrameTypes.QUEUE_TASK_DONE, 9, new WireData.Out().i64(q), new QueueRequest.TaskDone(9, q).toFrame());
        assertBytes(FrameTypes.QUEUE_JOIN, 9, new WireData.Out().i64(q), new QueueRequest.Join(9, q).toFrame());
        assertBytes(FrameTypes.QUEUE_CLAIMED, 0, new WireData.Out().i64(q), new QueueRequest.Claimed(0, q).toFrame());
        assertBytes(FrameTypes.QUEUE_CREDIT_RETURN, 0, new WireData.Out().i64(q).i32(3),
                new QueueRequest.CreditReturn(0, q, 3).toFrame());
        assertBytes(FrameTypes.QUEUE_PRODUCE, 0, new WireData.Out().i64(q).i64(4321),
                new QueueRequest.Produce(0, q, 4321).toFrame());
    }

    @Test
    void malformedRequestsAreRefused() {
        Frame negativeTimeout = new Frame(FrameTypes.QUEUE_TAKE, 1,
                new WireData.Out().i64(1).i64(-2).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueRequest.from(negativeTimeout));
        Frame negativeCreditTimeout = new Frame(FrameTypes.QUEUE_CREDIT, 1,
                new WireData.Out().i64(1).i64(Long.MIN_VALUE).i32(1).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueRequest.from(negativeCreditTimeout));
        Frame creditForNothing = new Frame(FrameTypes.QUEUE_CREDIT, 1, new WireData.Out().i64(1).i64(-1).i32(0).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueRequest.from(creditForNothing));
        Frame negativeReturn = new Frame(FrameTypes.QUEUE_CREDIT_RETURN, 0, new WireData.Out().i64(1).i32(-1).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueRequest.from(negativeReturn));
        Frame claimedWithMore = new Frame(FrameTypes.QUEUE_CLAIMED, 0, new WireData.Out().i64(1).i32(1).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueRequest.from(claimedWithMore));
        Frame trailing = new Frame(FrameTypes.QUEUE_SIZE, 1, new WireData.Out().i64(1).i32(7).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueRequest.from(trailing));
        Frame truncated = new Frame(FrameTypes.QUEUE_PUT, 0, new WireData.Out().i64(1).i32(100).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueRequest.from(truncated));
        Frame noQueueId = new Frame(FrameTypes.QUEUE_OPEN, 1, new byte[7]);
        assertThrows(ProtocolException.class, () -> QueueRequest.from(noQueueId));
        Frame notARequest = new Frame(FrameTypes.QUEUE_REPLY, 0, new byte[12]);
        assertThrows(ProtocolException.class, () -> QueueRequest.from(notARequest));
        Frame pastTheRequests = new Frame((byte) (FrameTypes.QUEUE_PRODUCE + 1), 0, new byte[8]);
        assertThrows(ProtocolException.class, () -> QueueRequest.from(pastTheRequests));
        Frame beforeTheRequests = new Frame((byte) (FrameTypes.QUEUE_OPEN - 1), 0, new byte[8]);
        assertThrows(ProtocolException.class, () -> QueueRequest.from(beforeTheRequests));
    }

    @Test
    void repliesSurviveTheirFrame() throws ProtocolException {
        QueueReply ints = QueueReply.from(new QueueReply.Ok(5, -1, 7).toFrame(9));
        assertArrayEquals(new int[] {5, -1, 7}, assertInstanceOf(QueueReply.Ok.class, ints).ints());
        QueueReply error = QueueReply.from(new QueueReply.Error("no such queue").toFrame(9));
        assertEquals("no such queue", assertInstanceOf(QueueReply.Error.class, error).message());
        assertEquals("naïve ✓", ((QueueReply.Error) QueueReply.from(new QueueReply.Error("naïve ✓").toFrame(9))).message());
        for (QueueReply r : List.of(QueueReply.READY, QueueReply.EMPTY, QueueReply.CLOSED, QueueReply.OK)) {
            QueueReply got = QueueReply.from(r.toFrame(1));
            assertEquals(r.getClass(), got.getClass());
            assertSame(r, got); // the shapes without data come back as the shared instances
        }
        assertArrayEquals(new int[0], ((QueueReply.Ok) QueueReply.from(QueueReply.OK.toFrame(1))).ints());
        assertEquals(List.of("OK", "READY", "EMPTY", "CLOSED", "ERROR: full"),
                List.of(ints.toString(), QueueReply.READY.toString(), QueueReply.EMPTY.toString(), QueueReply.CLOSED.toString(),
                        new QueueReply.Error("full").toString()));
    }

    @Test
    void repliesAndNoticesKeepTheProtocolsBytes() {
        assertBytes(FrameTypes.QUEUE_REPLY, 9, new WireData.Out().i32(0).block(new byte[0]), QueueReply.OK.toFrame(9));
        assertBytes(FrameTypes.QUEUE_REPLY, 9,
                new WireData.Out().i32(0).block(new WireData.Out().i32(5).i32(-1).i32(7).toByteArray()),
                new QueueReply.Ok(5, -1, 7).toFrame(9));
        assertBytes(FrameTypes.QUEUE_REPLY, 9, new WireData.Out().i32(1).block(new byte[0]), QueueReply.READY.toFrame(9));
        assertBytes(FrameTypes.QUEUE_REPLY, 9, new WireData.Out().i32(2).block(new byte[0]), QueueReply.EMPTY.toFrame(9));
        assertBytes(FrameTypes.QUEUE_REPLY, 9, new WireData.Out().i32(3).block(new byte[0]), QueueReply.CLOSED.toFrame(9));
        assertBytes(FrameTypes.QUEUE_REPLY, 9,
                new WireData.Out().i32(4).block("gone".getBytes(StandardCharsets.UTF_8)),
                new QueueReply.Error("gone").toFrame(9));
        assertBytes(FrameTypes.QUEUE_CLOSING, 0, new WireData.Out().i64(12), new Closing(12).toFrame());
        assertBytes(FrameTypes.QUEUE_CREDIT_RECALL, 0, new WireData.Out().i64(12), new CreditRecall(12).toFrame());
    }

    @Test
    void malformedRepliesAreRefused() {
        Frame unknownStatus = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(99).block(new byte[0]).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueReply.from(unknownStatus));
        Frame negativeStatus = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(-1).block(new byte[0]).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueReply.from(negativeStatus));
        Frame readyWithoutBody = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(1).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueReply.from(readyWithoutBody));
        Frame notInts = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(0).block(new byte[3]).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueReply.from(notInts));
        Frame trailing = new Frame(FrameTypes.QUEUE_REPLY, 1, new WireData.Out().i32(2).block(new byte[0]).i32(0).toByteArray());
        assertThrows(ProtocolException.class, () -> QueueReply.from(trailing));
    }

    @Test
    void noticesSurviveTheirFrameAndRefuseOtherPayloads() throws ProtocolException {
        assertEquals(new Closing(Long.MAX_VALUE), Closing.from(new Closing(Long.MAX_VALUE).toFrame()));
        assertEquals(new CreditRecall(-3), CreditRecall.from(new CreditRecall(-3).toFrame()));
        Frame shortNotice = new Frame(FrameTypes.QUEUE_CLOSING, 0, new byte[4]);
        assertThrows(ProtocolException.class, () -> Closing.from(shortNotice));
        Frame longNotice = new Frame(FrameTypes.QUEUE_CREDIT_RECALL, 0, new byte[12]);
        assertThrows(ProtocolException.class, () -> CreditRecall.from(longNotice));
    }
}
