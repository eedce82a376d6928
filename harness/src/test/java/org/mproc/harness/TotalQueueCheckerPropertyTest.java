package org.mproc.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mproc.harness.QueueSimulation.Plan;
import org.mproc.harness.TotalQueueResult.ValueCount;
import org.quicktheories.core.Gen;

/**
 * Generated histories of a correct in-memory queue ({@link QueueSimulation}) pass the checker, and
 * the same histories with one take removed, or one take repeated, fail it. The checker is tested,
 * not a queue, so no guarantee tag. Pure computation: a fixed number of examples, not a time budget.
 */
class TotalQueueCheckerPropertyTest {
    private static final int EXAMPLES = 1_000;

    private static Gen<Plan> plans() {
        return integers().between(1, 3).zip(integers().between(1, 3),
                lists().of(integers().between(0, 999)).ofSizeBetween(0, 120), booleans().all(),
                integers().between(0, 1_000), Plan::new);
    }

    @Test
    void historiesOfACorrectQueueAreValid() {
        qt().withExamples(EXAMPLES).withShrinkCycles(50).forAll(plans()).checkAssert(plan -> {
            TotalQueueResult r = TotalQueueChecker.check(QueueSimulation.run(plan));
            assertTrue(r.valid(), r::describe);
            if (plan.distinct()) {
                assertEquals(0, r.fifoUnchecked(), "distinct values are all judged for order");
            }
        });
    }

    @Test
    void removingOneTakeShowsALoss() {
        qt().withExamples(EXAMPLES).withShrinkCycles(50).forAll(plans())
                .checkAssert(plan -> {
                    QueueHistory h = QueueSimulation.run(plan);
                    QueueCall take = pick(QueueSimulation.removableTakes(h), plan);
                    TotalQueueResult r = TotalQueueChecker.check(QueueSimulation.without(h, take));
                    assertFalse(r.valid(), r::describe);
                    assertEquals(List.of(new ValueCount(take.value(), 1)), r.lost(), r::describe);
                    assertEquals(0, r.duplicatedCount() + r.unexpectedCount(), r::describe);
                });
    }

    @Test
    void repeatingOneTakeShowsADuplicate() {
        qt().withExamples(EXAMPLES).withShrinkCycles(50).forAll(plans())
                .checkAssert(plan -> {
                    QueueHistory h = QueueSimulation.run(plan);
                    QueueCall take = pick(QueueSimulation.repeatableTakes(h), plan);
                    TotalQueueResult r = TotalQueueChecker.check(QueueSimulation.withRepeated(h, take));
                    assertFalse(r.valid(), r::describe);
                    assertEquals(List.of(new ValueCount(take.value(), 1)), r.duplicated(), r::describe);
                    assertEquals(0, r.lostCount() + r.unexpectedCount(), r::describe);
                });
    }

    private static QueueCall pick(List<QueueCall> candidates, Plan plan) {
        return candidates.get(plan.pick() % candidates.size());
    }
}
