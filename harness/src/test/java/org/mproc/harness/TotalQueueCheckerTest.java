package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.harness.TotalQueueResult.ValueCount;

/**
 * The counting half of {@link TotalQueueChecker} on hand-made histories, failing ones included.
 * These test the checker, not a queue, so they carry no guarantee tag.
 */
class TotalQueueCheckerTest {

    @Test
    void javadocExample() {
        QueueHistory history = new QueueHistory();
        history.invokePut("producer-1", "main", 42).ok();
        history.invokeTake("consumer-1", "main").ok(42);
        TotalQueueResult result = TotalQueueChecker.check(history);
        assertTrue(result.valid(), result::describe);
    }

    @Test
    void everyElementTakenOnceIsValid() {
        TotalQueueResult r = new QueueScript().putAll("p1", 1, 2, 3).putAll("p2", 10, 20)
                .takeAll("c1", 1, 10, 2).takeAll("c2", 20, 3).takeNothing("c1").check();
        assertTrue(r.valid(), r::describe);
        assertEquals(List.of(5, 5, 5), List.of(r.attempted(), r.acknowledged(), r.delivered()));
        assertEquals(List.of(0, 0, 0, 0), List.of(r.lostCount(), r.duplicatedCount(), r.unexpectedCount(),
                r.recoveredCount()));
    }

    @Test
    void anAcknowledgedElementNeverTakenIsLost() {
        TotalQueueResult r = new QueueScript().putAll("p1", 1, 2, 3).takeAll("c1", 1, 3).check();
        assertFalse(r.valid());
        assertEquals(1, r.lostCount());
        assertEquals(List.of(new ValueCount(2, 1)), r.lost());
        assertEquals(2, r.delivered());
    }

    @Test
    void aDuplicateFailsUnlikeJepsen() {
        TotalQueueResult r = new QueueScript().putAll("p1", 1, 2).takeAll("c1", 1, 2).take("c2", 2).check();
        assertFalse(r.valid());
        assertEquals(List.of(new ValueCount(2, 1)), r.duplicated());
        assertEquals(0, r.lostCount());
        assertEquals(0, r.unexpectedCount());
    }

    @Test
    void aValueNeverPutIsUnexpected() {
        TotalQueueResult r = new QueueScript().put("p1", 1).takeAll("c1", 1, 99).check();
        assertFalse(r.valid());
        assertEquals(List.of(new ValueCount(99, 1)), r.unexpected());
        assertEquals(0, r.duplicatedCount());
    }

    @Test
    void equalLookingValuesOfAnotherClassAreUnexpected() {
        TotalQueueResult r = new QueueScript().put("p1", 1).take("c1", 1L).check();
        assertFalse(r.valid());
        assertEquals(List.of(new ValueCount(1L, 1)), r.unexpected());
        assertEquals(List.of(new ValueCount(1, 1)), r.lost());
    }

    @Test
    void aFailedOrUnknownPutThatArrivesIsRecoveredAndValid() {
        TotalQueueResult r = new QueueScript().putFailed("p1", 1).putUnknown("p1", 2).put("p1", 3)
                .takeAll("c1", 1, 2, 3).check();
        assertTrue(r.valid(), r::describe);
        assertEquals(List.of(new ValueCount(1, 1), new ValueCount(2, 1)), r.recovered());
        assertEquals(List.of(3, 1, 3), List.of(r.attempted(), r.acknowledged(), r.delivered()));
    }

    @Test
    void aFailedOrUnknownPutThatNeverArrivesIsNotLost() {
        TotalQueueResult r = new QueueScript().putFailed("p1", 1).putUnknown("p1", 2).takeNothing("c1").check();
        assertTrue(r.valid(), r::describe);
        assertEquals(0, r.lostCount());
    }

    @Test
    void nullIsAnElementLikeAnyOther() {
        assertTrue(new QueueScript().put("p1", null).take("c1", null).check().valid());

        TotalQueueResult lost = new QueueScript().put("p1", null).takeNothing("c1").check();
        assertEquals(List.of(new ValueCount(null, 1)), lost.lost(), "a take that got nothing did not take null");

        TotalQueueResult unexpected = new QueueScript().put("p1", 1).takeAll("c1", 1, null).check();
        assertEquals(List.of(new ValueCount(null, 1)), unexpected.unexpected());

        TotalQueueResult duplicated = new QueueScript().put("p1", null).takeAll("c1", null, null).check();
        assertEquals(List.of(new ValueCount(null, 1)), duplicated.duplicated());
    }

    @Test
    void equalValuesPutRepeatedlyCountAsAMultiset() {
        assertTrue(new QueueScript().putAll("p1", 7, 7).putAll("p2", 7).takeAll("c1", 7, 7, 7).check().valid());

        TotalQueueResult once = new QueueScript().putAll("p1", 7, 7).take("c1", 7).check();
        assertEquals(List.of(new ValueCount(7, 1)), once.lost());

        TotalQueueResult thrice = new QueueScript().putAll("p1", 7, 7).takeAll("c1", 7, 7, 7).check();
        assertEquals(List.of(new ValueCount(7, 1)), thrice.duplicated());
        assertEquals(0, thrice.lostCount());
    }

    @Test
    void aRecoveredPutDoesNotExcuseADuplicate() {
        // Two attempts of 5 allow two takes of 5, and no more, whatever their outcomes.
        TotalQueueResult r = new QueueScript().put("p1", 5).putFailed("p1", 5).takeAll("c1", 5, 5, 5).check();
        assertEquals(List.of(new ValueCount(5, 1)), r.duplicated());
        assertEquals(List.of(new ValueCount(5, 1)), r.recovered());
    }

    @Test
    void anUndrainedHistoryReportsWhatWasNotTakenWithoutFailing() {
        QueueHistory h = new QueueScript().putAll("p1", 1, 2, 3).take("c1", 1).history();
        TotalQueueResult r = TotalQueueChecker.checkUndrained(h);
        assertTrue(r.valid(), r::describe);
        assertFalse(r.drained());
        assertEquals(2, r.lostCount());
        assertTrue(r.describe().contains("not drained"), r::describe);
        assertFalse(TotalQueueChecker.check(h).valid());
    }

    @Test
    void anUndrainedHistoryStillFailsOnDuplicates() {
        QueueHistory h = new QueueScript().put("p1", 1).takeAll("c1", 1, 1).history();
        assertFalse(TotalQueueChecker.checkUndrained(h).valid());
    }

    @Test
    void takesWithAnUnknownOutcomeAreCountedAndOfferedAsAnExplanation() {
        TotalQueueResult r = new QueueScript().putAll("p1", 1, 2).take("c1", 1).takeUnknown("c2").check();
        assertFalse(r.valid());
        assertEquals(1, r.unknownTakes());
        assertTrue(r.describe().contains("1 takes have an unknown outcome"), r::describe);
    }

    @Test
    void anOpenInvocationReadsAsUnknown() {
        QueueHistory h = new QueueHistory();
        h.invokePut("p1", "main", 1);
        h.invokeTake("c1", "main");
        TotalQueueResult r = TotalQueueChecker.check(h);
        assertTrue(r.valid(), r::describe);
        assertEquals(List.of(1, 0, 1), List.of(r.attempted(), r.acknowledged(), r.unknownTakes()));
    }

    @Test
    void anEmptyHistoryIsValid() {
        TotalQueueResult r = TotalQueueChecker.check(new QueueHistory());
        assertTrue(r.valid());
        assertEquals(0, r.attempted());
    }

    @Test
    void describeGivesTheCountsAndTheFirstFewOffenders() {
        QueueScript s = new QueueScript();
        for (int i = 0; i < 8; i++) {
            s.put("p1", i);
        }
        s.take("c1", 0).take("c1", 0).take("c1", 0).take("c1", "stray");
        String text = s.check().describe();
        assertEquals(String.join("\n",
                "total-queue INVALID: attempted 8, acknowledged 8, delivered 1, recovered 0;"
                        + " lost 7, duplicated 2, unexpected 1; FIFO violations 0",
                "  lost: 1, 2, 3, 4, 5, ... (2 more)",
                "  duplicated: 0 (x2)",
                "  unexpected: stray"), text);
    }
}
