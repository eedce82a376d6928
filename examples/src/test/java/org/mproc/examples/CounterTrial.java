package org.mproc.examples;

import java.util.ArrayList;
import java.util.List;
import org.mproc.Manager;
import org.mproc.Pool;
import org.mproc.ProcessBiFunction;
import org.mproc.SharedValue;
import org.mproc.harness.Dimensions;
import org.mproc.harness.Outcome;
import org.mproc.harness.TrialContext;

/**
 * One trial of a counter scenario: pool tasks on two worker processes each add 1 to a manager's
 * counter a number of times, with the way of adding under test, and the outcome says whether the
 * count is exact. The default shape is two tasks of 100 to 149 increments each; the stress shape is
 * four tasks of 300 to 449; a failing trial's shape shrinks ({@link #dimensions()}). The pool runs a trivial map first, so that its workers are up when the
 * counting tasks are handed out and the two run at the same time rather than one after the other. The counts come from the trial's seeded random source, so a replay with the
 * same seed counts the same. Everything the trial starts ends with it (G-HAR-2).
 */
final class CounterTrial {
    private CounterTrial() {}

    /**
     * What shrinks when a trial fails (G-HAR-6): the increments each task makes first, then the
     * number of tasks (two at least: one alone cannot race).
     */
    static Dimensions dimensions() {
        return Dimensions.main("increments", 1).and("tasks", 2);
    }

    static Outcome run(TrialContext trial, ProcessBiFunction<SharedValue<Integer>, Integer, Integer> add) {
        int tasks = trial.dimension("tasks", trial.stress() ? 4 : 2);
        int least = trial.stress() ? 300 : 100;
        int each = trial.dimension("increments", least + trial.random().nextInt(least / 2));
        List<Integer> increments = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            increments.add(each);
        }
        int expected = increments.stream().mapToInt(Integer::intValue).sum();
        try (Manager manager = Manager.start(); Pool pool = new Pool(2)) {
            SharedValue<Integer> counter = manager.value(0);
            pool.map(n -> n, List.of(1, 2), 1);
            pool.map(n -> add.apply(counter, n), increments, 1);
            int counted = counter.get();
            if (counted == expected) {
                return Outcome.of("exact");
            }
            return Outcome.of(counted < expected ? "lost " + (expected - counted) : "counted " + counted + " of " + expected);
        }
    }
}
