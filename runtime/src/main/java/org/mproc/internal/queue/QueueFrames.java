package org.mproc.internal.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.internal.wire.ProtocolException;
import org.mproc.internal.wire.WireData;

/**
 * The queue's frames. A client sends requests on its one connection to the process hosting the
 * queue; a request that expects an answer carries a fresh correlation id, which its
 * {@code QUEUE_REPLY} repeats. Requests are answered in any order: a {@code TAKE} on an empty
 * queue is parked on the host and answered when an element, its deadline or the close comes.
 *
 * <p>A remote consumer takes in batches: the host lends it up to {@code max} elements at once and
 * keeps them, in order, as that connection's lease. The client acknowledges each element with
 * {@code QUEUE_CONSUMED} before its {@code take} returns it, so the acknowledgement is in the
 * socket before the caller has the element; when the connection ends, what was lent and not
 * acknowledged goes back to the head of the queue — exactly once even if the consumer is killed.
 * When another consumer waits on an empty queue, the host recalls leases ({@code QUEUE_RECALL})
 * and the client gives back what it has not taken ({@code QUEUE_RETURN}).
 *
 * <pre>
 *   client → host                 payload                                   reply
 *   QUEUE_OPEN        0x30  | long queueId |                               OK: | int capacity | int joinable | int closed |
 *   QUEUE_PUT         0x31  | long queueId | block element |               none (correlation id 0)
 *   QUEUE_TAKE        0x32  | long queueId | long timeoutNanos | int max | ELEMENTS (1..max), EMPTY (timed out) or CLOSED
 *   QUEUE_CREDIT      0x33  | long queueId | long timeoutNanos |           OK (one put may follow), EMPTY or CLOSED
 *   QUEUE_CANCEL      0x34  | long queueId |  correlation id = the parked request's; that request is answered EMPTY
 *   QUEUE_CLOSE       0x35  | long queueId |                               OK once no subscriber can put any more
 *   QUEUE_CLOSING_ACK 0x36  | long queueId |                               none: this client will put no more
 *   QUEUE_SIZE        0x37  | long queueId |                               OK: | int size |
 *   QUEUE_TASK_DONE   0x38  | long queueId |                               OK or ERROR
 *   QUEUE_JOIN        0x39  | long queueId |                               OK when every element was marked done
 *   QUEUE_CONSUMED    0x3A  | long queueId | int n | n × long seq |   none: these lent elements were taken
 *   QUEUE_RETURN      0x3B  | long queueId | int n | n × long seq |   none: these lent elements go back to the head
 *
 *   host → client
 *   QUEUE_REPLY       0x40  | int status | block body |              status OK 0 (body: its ints), EMPTY 2,
 *                                                                    CLOSED 3, ERROR 4 (body: UTF-8 message)
 *                           | int status | int count | long firstSeq | count × block element |   status ELEMENTS 1:
 *                                            lent elements are numbered firstSeq, firstSeq + 1, … (0: not lent)
 *   QUEUE_CLOSING     0x41  | long queueId |   the queue is closing: answer QUEUE_CLOSING_ACK and put no more
 *   QUEUE_RECALL      0x42  | long queueId |   another consumer waits: QUEUE_RETURN what was lent and not taken
 *
 *   timeoutNanos: -1 waits for ever, 0 does not wait;  block = int length | length bytes
 * </pre>
 */
public final class QueueFrames {
    private QueueFrames() {}

    /**
     * A client's request; {@code element}, {@code timeoutNanos}, {@code count} and {@code seqs}
     * (the lent elements a CONSUMED or RETURN names) only where its type has them.
     */
    public record Request(byte type, long correlationId, long queueId, long timeoutNanos, int count, byte[] element,
                          long[] seqs) {
        public Request(byte type, long correlationId, long queueId, long timeoutNanos, int count, byte[] element) {
            this(type, correlationId, queueId, timeoutNanos, count, element, null);
        }

        public static Request of(byte type, long correlationId, long queueId) {
            return new Request(type, correlationId, queueId, 0, 0, null);
        }

        /** A CONSUMED or RETURN naming {@code seqs}. */
        public static Request lent(byte type, long queueId, long... seqs) {
            return new Request(type, 0, queueId, 0, seqs.length, null, seqs);
        }

        public Frame toFrame() {
            if (type == FrameTypes.QUEUE_PUT) { // the hot path: sized exactly, one copy of the element
                byte[] payload = new byte[8 + 4 + element.length];
                ByteBuffer.wrap(payload).putLong(queueId).putInt(element.length).put(element);
                return new Frame(type, correlationId, payload);
            }
            WireData.Out out = new WireData.Out().i64(queueId);
            switch (type) {
                case FrameTypes.QUEUE_PUT -> out.block(element);
                case FrameTypes.QUEUE_TAKE -> out.i64(timeoutNanos).i32(count);
                case FrameTypes.QUEUE_CREDIT -> out.i64(timeoutNanos);
                case FrameTypes.QUEUE_CONSUMED, FrameTypes.QUEUE_RETURN -> {
                    out.i32(seqs.length);
                    for (long seq : seqs) {
                        out.i64(seq);
                    }
                }
                default -> { }
            }
            return new Frame(type, correlationId, out.toByteArray());
        }

        public static Request from(Frame frame) throws ProtocolException {
            byte type = frame.type();
            if (type < FrameTypes.QUEUE_OPEN || type > FrameTypes.QUEUE_RETURN) {
                throw new ProtocolException("not a queue request: " + frame);
            }
            WireData.In in = new WireData.In(frame);
            long queueId = in.i64();
            byte[] element = null;
            long timeout = 0;
            int count = 0;
            long[] seqs = null;
            if (type == FrameTypes.QUEUE_PUT) {
                element = in.block();
            } else if (type == FrameTypes.QUEUE_TAKE || type == FrameTypes.QUEUE_CREDIT) {
                timeout = in.i64();
                if (timeout < -1) {
                    throw new ProtocolException(FrameTypes.name(type) + " with a negative timeout " + timeout);
                }
                count = type == FrameTypes.QUEUE_TAKE ? in.i32() : 0;
            } else if (type == FrameTypes.QUEUE_CONSUMED || type == FrameTypes.QUEUE_RETURN) {
                count = in.i32();
                if (count < 0 || count > frame.payload().length / 8) {
                    throw new ProtocolException(FrameTypes.name(type) + " with a count of " + count);
                }
                seqs = new long[count];
                for (int i = 0; i < count; i++) {
                    seqs[i] = in.i64();
                }
            }
            if (count < 0 || (type == FrameTypes.QUEUE_TAKE && count < 1)) {
                throw new ProtocolException(FrameTypes.name(type) + " with a count of " + count);
            }
            in.end();
            return new Request(type, frame.correlationId(), queueId, timeout, count, element, seqs);
        }
    }

    /** How a request ended. */
    public enum Status { OK, ELEMENTS, EMPTY, CLOSED, ERROR }

    /**
     * The host's answer to one request: {@code elements} for ELEMENTS (kept as the producers'
     * bytes, so a local take copies nothing), {@code body} for the others.
     */
    public record Reply(Status status, byte[] body, List<byte[]> elements, long firstSeq) {
        private static final byte[] NOTHING = new byte[0];
        public static final Reply EMPTY = new Reply(Status.EMPTY, NOTHING, List.of(), 0);
        public static final Reply CLOSED = new Reply(Status.CLOSED, NOTHING, List.of(), 0);
        public static final Reply OK = new Reply(Status.OK, NOTHING, List.of(), 0);

        /** Elements taken; {@code firstSeq} numbers them if they are lent, else 0. */
        public static Reply elements(List<byte[]> elements, long firstSeq) {
            return new Reply(Status.ELEMENTS, NOTHING, elements, firstSeq);
        }

        public static Reply ints(int... values) {
            WireData.Out out = new WireData.Out();
            for (int v : values) {
                out.i32(v);
            }
            return new Reply(Status.OK, out.toByteArray(), List.of(), 0);
        }

        public static Reply error(String message) {
            return new Reply(Status.ERROR, message.getBytes(StandardCharsets.UTF_8), List.of(), 0);
        }

        /** The i-th int of an OK body. */
        public int intAt(int i) {
            return ByteBuffer.wrap(body).getInt(4 * i);
        }

        public String message() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Frame toFrame(long correlationId) {
            if (status != Status.ELEMENTS) {
                byte[] payload = new WireData.Out().i32(status.ordinal()).block(body).toByteArray();
                return new Frame(FrameTypes.QUEUE_REPLY, correlationId, payload);
            }
            int size = 16;
            for (byte[] e : elements) {
                size += 4 + e.length;
            }
            ByteBuffer out = ByteBuffer.allocate(size).putInt(status.ordinal()).putInt(elements.size()).putLong(firstSeq);
            for (byte[] e : elements) {
                out.putInt(e.length).put(e);
            }
            return new Frame(FrameTypes.QUEUE_REPLY, correlationId, out.array());
        }

        public static Reply from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            int code = in.i32();
            if (code < 0 || code >= Status.values().length) {
                throw new ProtocolException("QUEUE_REPLY with unknown status " + code);
            }
            Status status = Status.values()[code];
            Reply reply;
            if (status == Status.ELEMENTS) {
                int n = in.i32();
                if (n < 1) {
                    throw new ProtocolException("QUEUE_REPLY with " + n + " elements");
                }
                long firstSeq = in.i64();
                List<byte[]> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(in.block());
                }
                reply = new Reply(status, NOTHING, list, firstSeq);
            } else {
                reply = new Reply(status, in.block(), List.of(), 0);
            }
            in.end();
            return reply;
        }
    }

    public static Frame closing(long queueId) {
        return Frame.of(FrameTypes.QUEUE_CLOSING, new WireData.Out().i64(queueId).toByteArray());
    }

    public static Frame recall(long queueId) {
        return Frame.of(FrameTypes.QUEUE_RECALL, new WireData.Out().i64(queueId).toByteArray());
    }

    /** The queue id of a QUEUE_CLOSING or QUEUE_RECALL notice. */
    public static long noticeQueue(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        long id = in.i64();
        in.end();
        return id;
    }
}
