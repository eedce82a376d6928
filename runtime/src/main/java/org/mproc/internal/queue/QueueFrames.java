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
 *
 * <p>Each frame has its record: the requests are {@link QueueRequest}'s, the replies
 * {@link QueueReply}'s (one per status), the two notices {@link Closing} and {@link Recall} below.
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
     * Host to client, unsolicited: another consumer waits while this client holds lent elements.
     * The client gives back what it has not taken with {@link QueueRequest.Return}.
     *
     * <pre>
     *   QUEUE_RECALL 0x42  (correlation id 0)
     *   +--------------+
     *   | long queueId |
     *   +--------------+
     * </pre>
     */
    public record Recall(long queueId) {
        public Frame toFrame() {
            return Frame.of(FrameTypes.QUEUE_RECALL, new WireData.Out().i64(queueId).toByteArray());
        }

        public static Recall from(Frame frame) throws ProtocolException {
            return new Recall(queueIdOnly(frame));
        }
    }

    private static long queueIdOnly(Frame frame) throws ProtocolException {
        WireData.In in = new WireData.In(frame);
        long queueId = in.i64();
        in.end();
        return queueId;
    }
}
