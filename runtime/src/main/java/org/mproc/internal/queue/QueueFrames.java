package org.mproc.internal.queue;

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
 * <p>Elements are not taken over the connection: every consumer, in any process, claims them
 * from the queue's {@link QueueRing}, a file it maps. A consumer asks the host only when the ring
 * is empty ({@code QUEUE_TAKE}, answered READY once the ring holds an element), and tells it of a
 * claim only when the host asked for that ({@code QUEUE_CLAIMED}). A producer puts into a ring of
 * its own, which it announces once ({@code QUEUE_PRODUCE}) and the host maps and takes in from,
 * told by the same {@code QUEUE_CLAIMED} when it asked to be. A producer in a bounded queue
 * asks for several credits at once; when another producer waits for room that is granted and
 * unused, the host recalls it ({@code QUEUE_CREDIT_RECALL}) and the client gives back what it has
 * not used ({@code QUEUE_CREDIT_RETURN}).
 *
 * <pre>
 *   client → host                 payload                                   reply
 *   QUEUE_OPEN        0x30  | long queueId |                               OK: | int capacity | int joinable | int closed |
 *   QUEUE_PUT         0x31  | long queueId | block element |               none (correlation id 0)
 *   QUEUE_TAKE        0x32  | long queueId | long timeoutNanos |           READY (claim from the ring), EMPTY (timed out) or CLOSED
 *   QUEUE_CREDIT      0x33  | long queueId | long timeoutNanos | int want | OK: | int granted | (that many puts may follow), EMPTY or CLOSED
 *   QUEUE_CANCEL      0x34  | long queueId |  correlation id = the parked request's; that request is answered EMPTY
 *   QUEUE_CLOSE       0x35  | long queueId |                               OK once no subscriber can put any more
 *   QUEUE_CLOSING_ACK 0x36  | long queueId |                               none: this client will put no more
 *   QUEUE_SIZE        0x37  | long queueId |                               OK: | int size |
 *   QUEUE_TASK_DONE   0x38  | long queueId |                               OK or ERROR
 *   QUEUE_JOIN        0x39  | long queueId |                               OK when every element was marked done
 *   QUEUE_CLAIMED     0x3A  | long queueId |                         none: look at the rings (a claim the host asked to hear of,
 *                                                                     a READY not used, or a put into this process's own ring)
 *   QUEUE_CREDIT_RETURN 0x3B | long queueId | int n |                none: n credits granted will not be used
 *   QUEUE_PRODUCE     0x3C  | long queueId | long pid |              none: this process puts into its own ring from now on
 *
 *   host → client
 *   QUEUE_REPLY       0x40  | int status | block body |              status OK 0 (body: its ints), READY 1, EMPTY 2,
 *                                                                    CLOSED 3, ERROR 4 (body: UTF-8 message)
 *   QUEUE_CLOSING     0x41  | long queueId |   the queue is closing: answer QUEUE_CLOSING_ACK and put no more
 *   QUEUE_CREDIT_RECALL 0x42 | long queueId |  another producer waits for room: QUEUE_CREDIT_RETURN the credits not used
 *
 *   timeoutNanos: -1 waits for ever, 0 does not wait;  block = int length | length bytes
 * </pre>
 *
 * <p>Each frame has its record: the requests are {@link QueueRequest}'s, the replies
 * {@link QueueReply}'s (one per status), the two notices {@link Closing} and {@link CreditRecall} below.
 */
public final class QueueFrames {
    private QueueFrames() {}

    /**
     * Host to client, unsolicited: the queue is closing. The client refuses later puts, then
     * answers {@link QueueRequest.ClosingAck}; the close completes once every subscriber has.
     *
     * <pre>
     *   QUEUE_CLOSING 0x41  (correlation id 0)
     *   +--------------+
     *   | long queueId |
     *   +--------------+
     * </pre>
     */
    public record Closing(long queueId) {
        public Frame toFrame() {
            return Frame.of(FrameTypes.QUEUE_CLOSING, new WireData.Out().i64(queueId).toByteArray());
        }

        public static Closing from(Frame frame) throws ProtocolException {
            return new Closing(queueIdOnly(frame));
        }
    }

    /**
     * Host to client, unsolicited: another producer waits for room while this client holds
     * credits it has not used. The client gives them back with {@link QueueRequest.CreditReturn}.
     *
     * <pre>
     *   QUEUE_CREDIT_RECALL 0x42  (correlation id 0)
     *   +--------------+
     *   | long queueId |
     *   +--------------+
     * </pre>
     */
    public record CreditRecall(long queueId) {
        public Frame toFrame() {
            return Frame.of(FrameTypes.QUEUE_CREDIT_RECALL, new WireData.Out().i64(queueId).toByteArray());
        }

        public static CreditRecall from(Frame frame) throws ProtocolException {
            return new CreditRecall(queueIdOnly(frame));
        }
    }

    private static long queueIdOnly(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        long queueId = in.i64();
        in.end();
        return queueId;
    }
}
