package org.mproc.wire;

/**
 * The queue's frames. A client sends requests on its one connection to the process hosting the
 * queue; a request that expects an answer carries a fresh correlation id, which its
 * {@code QUEUE_REPLY} repeats. Requests are answered in any order: a {@code TAKE} on an empty
 * queue is parked on the host and answered when an element, its deadline or the close comes.
 *
 * <pre>
 *   client → host                 payload                                   reply
 *   QUEUE_OPEN        0x30  | long queueId |                               OK: | int capacity | int joinable | int closed |
 *   QUEUE_PUT         0x31  | long queueId | block element |               none (correlation id 0)
 *   QUEUE_TAKE        0x32  | long queueId | long timeoutNanos |           ELEMENT, EMPTY (timed out) or CLOSED
 *   QUEUE_CREDIT      0x33  | long queueId | long timeoutNanos |           OK (one put may follow), EMPTY or CLOSED
 *   QUEUE_CANCEL      0x34  | long queueId |  correlation id = the parked request's; that request is answered EMPTY
 *   QUEUE_CLOSE       0x35  | long queueId |                               OK once no subscriber can put any more
 *   QUEUE_CLOSING_ACK 0x36  | long queueId |                               none: this client will put no more
 *   QUEUE_SIZE        0x37  | long queueId |                               OK: | int size |
 *   QUEUE_TASK_DONE   0x38  | long queueId |                               OK or ERROR
 *   QUEUE_JOIN        0x39  | long queueId |                               OK when every element was marked done
 *
 *   host → client
 *   QUEUE_REPLY       0x40  | int status  | block body |   status: OK 0, ELEMENT 1, EMPTY 2, CLOSED 3, ERROR 4;
 *                                                         body: the element, OK's ints, or ERROR's UTF-8 message
 *   QUEUE_CLOSING     0x41  | long queueId |   the queue is closing: answer QUEUE_CLOSING_ACK and put no more
 *
 *   timeoutNanos: -1 waits for ever, 0 does not wait;  block = int length | length bytes
 * </pre>
 */
public final class QueueFrames {
    private QueueFrames() {}

    /** A client's request, every type but {@code QUEUE_PUT}'s element and the timeout optional. */
    public record Request(byte type, long correlationId, long queueId, long timeoutNanos, byte[] element) {
        public Frame toFrame() {
            WireData.Out out = new WireData.Out().i64(queueId);
            if (type == FrameTypes.QUEUE_PUT) {
                out.block(element);
            } else if (type == FrameTypes.QUEUE_TAKE || type == FrameTypes.QUEUE_CREDIT) {
                out.i64(timeoutNanos);
            }
            return new Frame(type, correlationId, out.toByteArray());
        }

        public static Request from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            long queueId = in.i64();
            byte[] element = null;
            long timeout = 0;
            if (frame.type() == FrameTypes.QUEUE_PUT) {
                element = in.block();
            } else if (frame.type() == FrameTypes.QUEUE_TAKE || frame.type() == FrameTypes.QUEUE_CREDIT) {
                timeout = in.i64();
                if (timeout < -1) {
                    throw new ProtocolException(FrameTypes.name(frame.type()) + " with a negative timeout " + timeout);
                }
            } else if (frame.type() < FrameTypes.QUEUE_OPEN || frame.type() > FrameTypes.QUEUE_JOIN) {
                throw new ProtocolException("not a queue request: " + frame);
            }
            in.end();
            return new Request(frame.type(), frame.correlationId(), queueId, timeout, element);
        }
    }

    /** How a request ended. */
    public enum Status { OK, ELEMENT, EMPTY, CLOSED, ERROR }

    /** The host's answer to one request. */
    public record Reply(Status status, byte[] body) {
        public static final Reply EMPTY = new Reply(Status.EMPTY, new byte[0]);
        public static final Reply CLOSED = new Reply(Status.CLOSED, new byte[0]);
        public static final Reply OK = new Reply(Status.OK, new byte[0]);

        public static Reply element(byte[] element) {
            return new Reply(Status.ELEMENT, element);
        }

        public static Reply ints(int... values) {
            WireData.Out out = new WireData.Out();
            for (int v : values) {
                out.i32(v);
            }
            return new Reply(Status.OK, out.toByteArray());
        }

        public static Reply error(String message) {
            return new Reply(Status.ERROR, message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The i-th int of an OK body. */
        public int intAt(int i) {
            return java.nio.ByteBuffer.wrap(body).getInt(4 * i);
        }

        public String message() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public Frame toFrame(long correlationId) {
            byte[] payload = new WireData.Out().i32(status.ordinal()).block(body).toByteArray();
            return new Frame(FrameTypes.QUEUE_REPLY, correlationId, payload);
        }

        public static Reply from(Frame frame) throws ProtocolException {
            WireData.In in = new WireData.In(frame);
            int status = in.i32();
            if (status < 0 || status >= Status.values().length) {
                throw new ProtocolException("QUEUE_REPLY with unknown status " + status);
            }
            Reply reply = new Reply(Status.values()[status], in.block());
            in.end();
            return reply;
        }
    }

    public static Frame closing(long queueId) {
        return Frame.of(FrameTypes.QUEUE_CLOSING, new WireData.Out().i64(queueId).toByteArray());
    }

    public static long closingQueue(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        long id = in.i64();
        in.end();
        return id;
    }
}
