package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.harness.TotalQueueResult.FifoViolation;

/**
 * The order half of {@link TotalQueueChecker}: per producing thread, as one consuming thread sees it.
 * These test the checker, not a queue, so they carry no guarantee tag.
 */
class FifoCheckTest {
    private static final String P1 = "p1/" + QueueScript.THREAD;
    private static final String C1 = "c1/" + QueueScript.THREAD;

    @Test
    void takenInTheOrderPutIsValid() {
        TotalQueueResult r = new QueueScript().putAll("p1", "a", "b", "c").takeAll("c1", "a", "b", "c").check();
        assertTrue(r.valid(), r::describe);
    }

    @Test
    void oneProducerReversedByOneConsumerFails() {
        TotalQueueResult r = new QueueScript().putAll("p1", "a", "b").takeAll("c1", "b", "a").check();
        assertFalse(r.valid());
        assertEquals(List.of(new FifoViolation(P1, C1, "a", "b")), r.fifoViolations());
        assertEquals(0, r.lostCount() + r.duplicatedCount() + r.unexpectedCount(), "only the order is wrong");
        assertTrue(r.describe().contains("FIFO: p1/main put a then b, c1/main took b first"), r::describe);
    }

    @Test
    void aReversedRunIsReportedOncePerOvertakingPut() {
        TotalQueueResult r = new QueueScript().putAll("p1", 1, 2, 3, 4).takeAll("c1", 4, 3, 2, 1).check();
        // For each overtaking put, the witness is the earlier put whose take began last: 1.
        assertEquals(List.of(new FifoViolation(P1, C1, 1, 2), new FifoViolation(P1, C1, 1, 3),
                new FifoViolation(P1, C1, 1, 4)), r.fifoViolations());
    }

    @Test
    void anOvertakingPutIsCaughtWhicheverEarlierPutItOvertook() {
        // c overtakes a but not b: the witness must be a, the earlier put taken last.
        TotalQueueResult r = new QueueScript().putAll("p1", "a", "b", "c").takeAll("c1", "b", "c", "a").check();
        assertEquals(List.of(new FifoViolation(P1, C1, "a", "b"), new FifoViolation(P1, C1, "a", "c")),
                r.fifoViolations());
    }

    @Test
    void reorderAcrossTwoConsumersIsNotAViolation() {
        // c2 returns b before c1 even starts its take of a: a slow consumer, not a reordering queue.
        TotalQueueResult r = new QueueScript().putAll("p1", "a", "b").take("c2", "b").take("c1", "a").check();
        assertTrue(r.valid(), r::describe);
    }

    @Test
    void twoProducersAreNotOrderedAgainstEachOther() {
        TotalQueueResult r = new QueueScript().put("p1", "a").put("p2", "b").takeAll("c1", "b", "a").check();
        assertTrue(r.valid(), r::describe);
    }

    @Test
    void twoThreadsOfOneProcessAreNotOrderedAgainstEachOther() {
        QueueHistory h = new QueueHistory();
        h.invokePut("p1", "t1", "a").ok();
        h.invokePut("p1", "t2", "b").ok();
        h.invokeTake("c1", "main").ok("b");
        h.invokeTake("c1", "main").ok("a");
        assertTrue(TotalQueueChecker.check(h).valid());
    }

    @Test
    void putsThatOverlapAreNotOrdered() {
        // b is invoked before a is acknowledged: the queue may take them in either order.
        QueueHistory h = new QueueHistory();
        QueueHistory.PendingPut a = h.invokePut("p1", "main", "a");
        QueueHistory.PendingPut b = h.invokePut("p1", "main", "b");
        a.ok();
        b.ok();
        new QueueScript(h).takeAll("c1", "b", "a");
        assertTrue(TotalQueueChecker.check(h).valid());
    }

    @Test
    void takesThatOverlapAreNotOrdered() {
        // Two takes of one consumer in flight together (an asynchronous consumer) may get a and b
        // in either order, whichever began first and whichever returned first.
        for (boolean bBeganFirst : new boolean[] {true, false}) {
            for (boolean bReturnedFirst : new boolean[] {true, false}) {
                QueueHistory h = new QueueScript().putAll("p1", "a", "b").history();
                QueueHistory.PendingTake first = h.invokeTake("c1", "main");
                QueueHistory.PendingTake second = h.invokeTake("c1", "main");
                QueueHistory.PendingTake takesB = bBeganFirst ? first : second;
                QueueHistory.PendingTake takesA = bBeganFirst ? second : first;
                if (bReturnedFirst) {
                    takesB.ok("b");
                    takesA.ok("a");
                } else {
                    takesA.ok("a");
                    takesB.ok("b");
                }
                TotalQueueResult r = TotalQueueChecker.check(h);
                assertTrue(r.valid(), () -> "b began first " + bBeganFirst + ", returned first " + bReturnedFirst
                        + ": " + r.describe());
            }
        }
    }

    @Test
    void aPutWithoutAcknowledgementIsNotOrdered() {
        TotalQueueResult r = new QueueScript().putUnknown("p1", "a").put("p1", "b")
                .takeAll("c1", "b", "a").check();
        assertTrue(r.valid(), r::describe);
        assertEquals(1, r.recoveredCount());
    }

    @Test
    void valuesPutMoreThanOnceAreReportedAsNotJudged() {
        TotalQueueResult r = new QueueScript().putAll("p1", "x", "y", "x").takeAll("c1", "x", "x", "y").check();
        assertTrue(r.valid(), r::describe);
        assertEquals(2, r.fifoUnchecked());
        assertTrue(r.describe().contains("FIFO not judged for 2 delivered puts"), r::describe);
    }
}
