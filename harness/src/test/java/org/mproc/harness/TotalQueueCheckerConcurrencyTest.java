package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The checker on histories recorded by real threads: it accepts a correct {@link
 * java.util.concurrent.LinkedBlockingQueue} and catches queues that drop, duplicate or reorder.
 * No guarantee tag: these queues are not mproc's; they show the checker can tell good from broken.
 * Every run is bounded by {@link org.mproc.testkit.Delays#LONG} in {@link QueueWorkload}.
 */
class TotalQueueCheckerConcurrencyTest {
    private static final QueueWorkload WORKLOAD = new QueueWorkload(4, 3, 2_500);
    private static final int ELEMENTS = 4 * 2_500;

    @Test
    void aCorrectQueueUsedByManyThreadsPasses() throws Exception {
        TotalQueueResult r = TotalQueueChecker.check(WORKLOAD.run(TestQueues.correct()));
        assertTrue(r.valid(), r::describe);
        assertEquals(ELEMENTS, r.attempted());
        assertEquals(ELEMENTS, r.acknowledged());
        assertEquals(ELEMENTS, r.delivered());
        assertEquals(0, r.fifoUnchecked());
    }

    @Test
    void aQueueDroppingEveryThousandthElementFails() throws Exception {
        TotalQueueResult r = TotalQueueChecker.check(WORKLOAD.run(TestQueues.droppingEvery(1_000)));
        assertFalse(r.valid());
        assertEquals(ELEMENTS / 1_000, r.lostCount(), r::describe);
        assertEquals(0, r.duplicatedCount() + r.unexpectedCount());
    }

    @Test
    void aQueueDuplicatingEveryThousandthElementFails() throws Exception {
        TotalQueueResult r = TotalQueueChecker.check(WORKLOAD.run(TestQueues.duplicatingEvery(1_000)));
        assertFalse(r.valid());
        assertEquals(ELEMENTS / 1_000, r.duplicatedCount(), r::describe);
        assertEquals(0, r.lostCount() + r.unexpectedCount());
    }

    @Test
    void aLastInFirstOutQueueFailsOnOrderAlone() throws Exception {
        // Consumers start once the queue is full, so that the stack surely reverses something.
        QueueWorkload filledFirst = new QueueWorkload(2, 2, 500, true);
        TotalQueueResult r = TotalQueueChecker.check(filledFirst.run(TestQueues.lifo()));
        assertFalse(r.valid());
        assertFalse(r.fifoViolations().isEmpty());
        assertEquals(0, r.lostCount() + r.duplicatedCount() + r.unexpectedCount(), r::describe);
    }
}
