package org.mproc.reports.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {
    @Test
    void expectedCountsEveryIdOnce() {
        assertEquals(new Tally(5, 0 + 1 + 2 + 3 + 4), Tally.expected(5));
        assertEquals(new Tally(50_000, 1_249_975_000L), Tally.expected(50_000));
    }

    @Test
    void sumAddsTheSidesUp() {
        assertEquals(Tally.expected(4), Tally.sum(List.of(new Tally(2, 0 + 2), new Tally(2, 1 + 3))));
    }

    @Test
    void requireAcceptsExactlyTheExpectedTally() {
        Tally.expected(3).require(Tally.expected(3), "the consumers");
    }

    @Test
    void aLostElementFailsNamingTheSide() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Tally(2, 0 + 1).require(Tally.expected(3), "the consumers"));
        assertTrue(e.getMessage().startsWith("the consumers saw 2 elements"), e.getMessage());
    }

    @Test
    void aDuplicateInPlaceOfALostElementFailsOnTheIdSum() {
        assertThrows(IllegalStateException.class, () -> new Tally(3, 0 + 1 + 1).require(Tally.expected(3), "x"));
    }

    @Test
    void everyConsumerGetsExactlyOneSentinel() {
        for (QueueShapes.Shape shape : List.of(QueueShapes.ONE_TO_ONE, QueueShapes.ONE_TO_TWO, QueueShapes.TWO_TO_TWO,
                new QueueShapes.Shape(2, 5, false), new QueueShapes.Shape(3, 3, false))) {
            int sentinels = 0;
            for (int p = 0; p < shape.producers(); p++) {
                sentinels += shape.sentinels(p);
            }
            assertEquals(shape.consumers(), sentinels, shape.toString());
        }
    }

    @Test
    void moreProducersThanConsumersIsRefused() {
        // a producer would have no sentinel of its own, and the consumers could stop before its records
        assertThrows(IllegalArgumentException.class, () -> new QueueShapes.Shape(3, 2, false));
    }
}
