package org.mproc.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's count takes in what producers' rings hold (G-QUEUE-8): elements a producer put into
 * its ring and has not announced (its notice still in flight, or never asked for) are counted.
 */
class QueueStateSizeTest {
    @TempDir
    Path dir;

    @Test
    @Tag("G-QUEUE-8")
    void sizeCountsWhatAProducersRingHoldsBeforeItsNotice() {
        QueueRing.Writer queueRing = QueueRing.create(dir.resolve("q.sock.q1"));
        QueueState state = new QueueState(1, 0, false, queueRing, () -> {});
        QueueRing.Writer produced = QueueRing.create(dir.resolve("q.sock.q1.p1"));
        Object producer = new Object();
        QueueState.Answers out = new QueueState.Answers();
        state.produce(producer, QueueRing.openIfPresent(produced.ring().file()), out);
        for (int i = 0; i < 25; i++) {
            produced.offer(new byte[] {(byte) i}); // the producer's puts; the host hears nothing of them
        }
        assertEquals(25, state.size(out));
        out.deliver();
        for (int i = 0; i < 5; i++) {
            produced.offer(new byte[] {(byte) i});
        }
        assertEquals(30, state.size(out), "and again after the host asked to be told");
        produced.delete();
        queueRing.delete();
    }
}
