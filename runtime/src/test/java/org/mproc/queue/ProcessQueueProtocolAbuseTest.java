package org.mproc.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mproc.ProcessQueue;
import org.mproc.internal.queue.QueueRequest;
import org.mproc.internal.spawn.Hosting;
import org.mproc.internal.wire.Connection;
import org.mproc.internal.wire.Frame;
import org.mproc.internal.wire.FrameTypes;
import org.mproc.testkit.Delays;

/**
 * A client that breaks the queue protocol loses its own connection and nothing else: the queue
 * keeps its elements and keeps serving everyone else.
 */
class ProcessQueueProtocolAbuseTest {

    private static void assertClosedByHost(Connection c) throws Exception {
        // The host answers a broken request by closing; reading then ends (null or an error).
        try {
            Frame f = c.read();
            assertNull(f, "the host answered " + f + " instead of closing");
        } catch (java.io.IOException closed) {
            // also an end
        } finally {
            c.close();
        }
    }

    private static Connection client() throws Exception {
        return Hosting.connectAsClient(Hosting.listenerPath(), org.mproc.internal.wire.ClientHelloFrame.QUEUES);
    }

    @Test
    void requestsBeforeOpenOrForUnknownQueuesOrMalformedCloseOnlyThatConnection() throws Exception {
        ProcessQueue<String> queue = ProcessQueue.create();
        queue.put("kept");
        long id = Long.parseLong(queue.toString().replaceAll(".*#(\\d+)@.*", "$1"));

        Connection putBeforeOpen = client();
        putBeforeOpen.send(new QueueRequest.Put(0, id, new byte[] {1, 2, 3}).toFrame());
        assertClosedByHost(putBeforeOpen);

        Connection takeBeforeOpen = client();
        takeBeforeOpen.send(new QueueRequest.Take(7, id, -1).toFrame());
        assertClosedByHost(takeBeforeOpen);

        Connection unknownQueue = client();
        unknownQueue.send(new QueueRequest.Open(7, Long.MAX_VALUE).toFrame());
        assertClosedByHost(unknownQueue);

        Connection malformed = client();
        malformed.send(new Frame(FrameTypes.QUEUE_TAKE, 7, new byte[] {0, 0, 0}));
        assertClosedByHost(malformed);

        Connection notAQueueFrame = client();
        notAQueueFrame.send(new Frame(FrameTypes.POOL_RESULT, 7, new byte[8]));
        assertClosedByHost(notAQueueFrame);

        assertEquals(1, queue.size());
        assertEquals("kept", queue.poll(Delays.SHORT));
        queue.put("still served");
        assertEquals("still served", queue.poll(Duration.ZERO));
    }
}
