package org.mproc.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The trial rules every subject is run by, mproc's trials ({@link ScenarioRunner}) and CPython's
 * programs ({@link CPythonRunner}) alike (G-HAR-5, G-HAR-7): the first trial is the warm-up, at
 * least two run, then more while another of average length fits in the budget; each trial's
 * outcome is counted, the run stops at the first trial that fails, a progress line comes after a
 * trial when {@link #PROGRESS_EVERY} has passed since the last, and during one when
 * {@link Heartbeat#QUIET} has, and at the end every row REQUIRED under the profile that was never
 * seen is a failure.
 *
 * <pre>{@code
 * TrialLoop.Tally tally = TrialLoop.run(scenario, settings, "05", progress, index -> {
 *     Outcome outcome = runOneTrial(index);
 *     return new TrialLoop.Step(Optional.of(outcome), TrialLoop.grade(scenario, settings.profile(), outcome, index).stream().toList());
 * });
 * }</pre>
 */
final class TrialLoop {
    /** A progress line at least this often while a scenario runs. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final int MIN_TRIALS = 2;

    /** Runs the trials, one at a time. @param <E> what a trial may throw to end the run */
    interface Trials<E extends Exception> {
        /** Runs trial {@code index}: its outcome, if it had one, and its failures (graded, leaks, a crash). */
        Step run(int index) throws E;
    }

    /**
     * One trial's record.
     *
     * @param outcome  what the trial observed; empty when it could not run to an outcome
     * @param failures its failures, in the order found; empty when it passed
     */
    record Step(Optional<Outcome> outcome, List<ScenarioFailure> failures) {}

    /**
     * What the trials gave.
     *
     * @param samples  trials per outcome key, in the order first seen
     * @param counts   the samples graded, then the required rows never seen
     * @param failures the failing trial's failures, then any required row never seen
     * @param trials   how many trials ran
     * @param elapsed  the time they took
     */
    record Tally(Map<String, Long> samples, List<OutcomeCount> counts, List<ScenarioFailure> failures, int trials,
                 Duration elapsed) {}

    private TrialLoop() {}

    /**
     * Runs trials of {@code scenario} within the settings' budget.
     *
     * @param label    how progress lines name the run, e.g. {@code 05} or {@code 05 CPython fork}
     * @param progress receives the progress lines
     */
    static <E extends Exception> Tally run(Scenario scenario, RunSettings settings, String label, Consumer<String> progress,
                                           Trials<E> trials) throws E {
        long start = System.nanoTime();
        long budget = settings.budget().toNanos();
        Map<String, Long> samples = new LinkedHashMap<>();
        List<ScenarioFailure> failures = new ArrayList<>();
        int ran = 0;
        try (Heartbeat heartbeat = new Heartbeat(label, progress)) {
            while (failures.isEmpty() && (ran < MIN_TRIALS || fitsAnother(start, budget, ran))) {
                heartbeat.starts("trial " + ran);
                Step step = trials.run(ran);
                step.outcome().ifPresent(o -> samples.merge(o.key(), 1L, Long::sum));
                failures.addAll(step.failures());
                ran++;
                long now = System.nanoTime();
                if (heartbeat.claim(now, PROGRESS_EVERY)) {
                    progress.accept(progressLine(label, settings, ran, now - start, samples));
                }
            }
        }
        List<OutcomeCount> counts = counts(scenario.outcomes(), settings.profile(), samples);
        for (OutcomeCount c : counts) {
            if (c.samples() == 0 && c.failing()) {
                failures.add(new ScenarioFailure(ScenarioFailure.Kind.REQUIRED_MISSING, -1,
                        "required outcome " + c.key() + " (" + c.description() + ") never observed in " + ran + " trials"));
            }
        }
        return new Tally(samples, counts, failures, ran, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether another trial, as long as the average so far, still fits in the budget. */
    static boolean fitsAnother(long start, long budget, int trials) {
        long elapsed = System.nanoTime() - start;
        return elapsed + elapsed / trials <= budget;
    }

    /** A trial's outcome graded by the scenario's table: the failure it is, if it is one. */
    static Optional<ScenarioFailure> grade(Scenario scenario, Profile profile, Outcome outcome, int trial) {
        Optional<OutcomeRow> row = scenario.outcomes().rowFor(outcome);
        if (row.isEmpty()) {
            return Optional.of(new ScenarioFailure(ScenarioFailure.Kind.UNDECLARED, trial, "undeclared outcome: " + outcome.key()));
        }
        if (row.get().gradeUnder(profile) == Grade.FORBIDDEN) {
            return Optional.of(new ScenarioFailure(ScenarioFailure.Kind.FORBIDDEN, trial,
                    "forbidden outcome: " + outcome.key() + " (" + row.get().description() + ")"));
        }
        return Optional.empty();
    }

    /** Outcomes seen, graded, then the rows required under this profile that were never seen. */
    static List<OutcomeCount> counts(OutcomeTable table, Profile profile, Map<String, Long> samples) {
        List<OutcomeCount> counts = new ArrayList<>();
        List<OutcomeRow> seenRows = new ArrayList<>();
        samples.forEach((key, n) -> {
            Optional<OutcomeRow> row = table.rowFor(Outcome.of(key));
            row.ifPresent(seenRows::add);
            counts.add(new OutcomeCount(key, n, row, row.map(r -> r.gradeUnder(profile))));
        });
        for (OutcomeRow row : table.rows()) {
            if (row.gradeUnder(profile) == Grade.REQUIRED && !seenRows.contains(row)) {
                counts.add(new OutcomeCount(row.label(), 0, Optional.of(row), Optional.of(Grade.REQUIRED)));
            }
        }
        return counts;
    }

    private static String progressLine(String label, RunSettings settings, int trials, long elapsed, Map<String, Long> samples) {
        StringBuilder line = new StringBuilder("  … ").append(label).append(": ").append(trials)
                .append(trials == 1 ? " trial, " : " trials, ").append(Durations.seconds(Duration.ofNanos(elapsed)))
                .append(" of ").append(Durations.seconds(settings.budget())).append(" budget; ");
        List<String> parts = new ArrayList<>();
        samples.forEach((key, n) -> parts.add(n + "× " + key));
        return line.append(String.join(", ", parts)).toString();
    }
}
